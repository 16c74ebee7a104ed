import {
  CandidateExport,
  CandidateExportPath,
  EraseCandidateBody,
  ExportMessage,
  ExportStatus,
} from '@assist-ten/core/candidates/candidate.export.schema';
import { describe, expect, it } from 'vitest';

const CANDIDATE_ID = 'cand_01JABCDEFGHJKMNPQRSTVWXYZ0';
const tracked = { createdAt: 'now', updatedAt: 'now', createdBy: 'usr_a', updatedBy: 'usr_a', version: 1 };

const anExport = (overrides: Record<string, unknown> = {}) => ({
  exportedAt: '2026-11-24T00:00:00.000Z',
  candidate: {
    id: CANDIDATE_ID,
    fullName: 'Casey Candidate',
    email: 'casey@example.test',
    links: {},
    source: 'other',
    tags: [],
    skills: { extracted: [], override: null, effective: [], overrideStale: false },
    status: 'active',
    ...tracked,
  },
  documents: [],
  applications: [],
  notes: [
    {
      id: 'note_1',
      applicationId: 'app_1',
      authorId: 'usr_a',
      type: 'general',
      body: 'Strong in TypeScript',
      isPrivate: true,
      heldPrivately: true,
      mentions: [],
      ...tracked,
    },
  ],
  skillMatches: [],
  extractions: [],
  interviews: [],
  feedback: [],
  ...overrides,
});

describe('EraseCandidateBody', () => {
  it('takes no reason, or a bounded one', () => {
    // Assert
    expect(EraseCandidateBody.safeParse({}).success).toBe(true);
    expect(EraseCandidateBody.safeParse({ reason: 'Art. 17 request, ticket 4711' }).success).toBe(true);
    expect(EraseCandidateBody.safeParse({ reason: 'x'.repeat(501) }).success).toBe(false);
  });

  it('refuses fields it does not know', () => {
    // Assert
    expect(EraseCandidateBody.safeParse({ email: 'casey@example.test' }).success).toBe(false);
  });
});

describe('CandidateExportPath', () => {
  it('holds the candidate id to its pattern but any short task segment, so a stranger one is a 404', () => {
    // Assert
    expect(CandidateExportPath.safeParse({ id: CANDIDATE_ID, taskId: 'anything' }).success).toBe(true);
    expect(CandidateExportPath.safeParse({ id: 'usr_1', taskId: 'task_1' }).success).toBe(false);
    expect(CandidateExportPath.safeParse({ id: CANDIDATE_ID, taskId: 'x'.repeat(65) }).success).toBe(false);
  });
});

describe('CandidateExport', () => {
  it('accepts a whole export, private notes marked', () => {
    // Act
    const parsed = CandidateExport.safeParse(anExport());

    // Assert
    expect(parsed.success).toBe(true);
    expect(parsed.data?.notes[0]?.heldPrivately).toBe(true);
  });

  it('requires every section, so nothing held is silently left out', () => {
    // Arrange
    const { notes: _notes, ...withoutNotes } = anExport();

    // Assert
    expect(CandidateExport.safeParse(withoutNotes).success).toBe(false);
  });

  it('keeps only the metadata of an extraction run', () => {
    // Arrange
    const run = {
      id: 'xlog_1',
      purpose: 'resume',
      extractor: 'local',
      status: 'succeeded',
      createdAt: 'now',
      inputHash: 'abc',
    };

    // Act
    const parsed = CandidateExport.safeParse(anExport({ extractions: [run] }));

    // Assert
    expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
    expect(parsed.data?.extractions[0]).not.toHaveProperty('inputHash');
  });
});

describe('ExportStatus and ExportMessage', () => {
  it('shows a link only as optional fields of a status', () => {
    // Assert
    expect(ExportStatus.safeParse({ status: 'queued' }).success).toBe(true);
    expect(ExportStatus.safeParse({ status: 'done' }).success).toBe(false);
  });

  it('names the job, the tenant, the task and the candidate', () => {
    // Assert
    expect(
      ExportMessage.safeParse({ kind: 'candidate_export', tenantId: 't', taskId: 'task_1', candidateId: CANDIDATE_ID })
        .success,
    ).toBe(true);
    expect(ExportMessage.safeParse({ tenantId: 't', taskId: 'task_1', candidateId: CANDIDATE_ID }).success).toBe(false);
  });
});
