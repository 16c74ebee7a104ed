import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { aDocx, aPdf, uploadTo, waitForDocument } from '../../support/files.ts';
import { openRequisition } from '../../support/fixtures/applications.ts';
import { candidateBody, createCandidate } from '../../support/fixtures/candidates.ts';
import { HOME } from '../../support/fixtures.ts';
import { eventually } from '../../support/queues.ts';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const recruiter = () => tokenFor(HOME.recruiter);

interface Ranked {
  candidateId: string;
  score: number;
  requisitionVersion: number;
  breakdown: { skill: string; status: string }[];
  candidate: { fullName: string };
}

/** Uploads a resume for the candidate as the browser does, and waits until it is read. */
const uploadResume = async (candidateId: string, bytes: Uint8Array, contentType: string, fileName: string) => {
  const ticket = await call('POST', '/api/v1/documents/upload-url', {
    token: await recruiter(),
    body: { kind: 'resume', ownerId: candidateId, fileName, contentType, contentLength: bytes.length },
  });
  expect(ticket.status).toBe(201);
  const posted = await uploadTo(ticket.body.upload, bytes, contentType, fileName);
  expect(posted.status, posted.body).toBeLessThan(300);
  return waitForDocument(ticket.body.document.id, ['processed', 'failed', 'rejected']);
};

const rankingOf = async (requisitionId: string): Promise<Ranked[]> =>
  (await call('GET', `/api/v1/recruiter/requisitions/${requisitionId}/matches`, { token: await recruiter() })).body
    .items;

const move = async (applicationId: string, stage: string) => {
  const response = await call('POST', `/api/v1/recruiter/applications/${applicationId}/stage`, {
    token: await recruiter(),
    body: { stage },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

describe("a recruiter's day: from resumes to a hire", () => {
  it('reads two resumes, ranks the applicants by skills, re-ranks on new requirements and fills the requisition', async () => {
    // Arrange: one seat that wants a senior TypeScript and Kubernetes engineer.
    const requisitionId = await openRequisition({
      title: 'Senior Platform Engineer',
      positionsAvailable: 1,
      requiredSkills: [
        { skill: 'TypeScript', proficiency: 'advanced' },
        { skill: 'k8s', proficiency: 'intermediate' },
      ],
      niceToHaveSkills: [{ skill: 'GraphQL', proficiency: 'intermediate' }],
    });
    const ada = await createCandidate(candidateBody({ fullName: 'Ada Strong' }));
    const bob = await createCandidate(candidateBody({ fullName: 'Bob Partial' }));

    // Act 1: their resumes are uploaded and read.
    const adaResume = await uploadResume(
      ada.id,
      await aPdf([
        'Ada Strong - Platform Engineer',
        '7 years of TypeScript and Node.js in production.',
        'Runs Kubernetes clusters on AWS; built GraphQL APIs.',
      ]),
      PDF,
      'ada.pdf',
    );
    const bobResume = await uploadResume(
      bob.id,
      await aDocx(['Bob Partial', 'Two years of JavaScript and some TypeScript.', 'Python (4 years) for data work.']),
      DOCX,
      'bob.docx',
    );
    const adaProfile = await call('GET', `/api/v1/recruiter/candidates/${ada.id}`, { token: await recruiter() });

    // Assert 1: processed, skills extracted with evidence.
    expect([adaResume.status, bobResume.status]).toEqual(['processed', 'processed']);
    expect(adaResume.extractionId).toMatch(/^xlog_/);
    const adaSkills = adaProfile.body.skills.extracted as { skill: string; proficiency: string; evidence: string }[];
    expect(adaSkills.map((skill) => skill.skill)).toEqual(
      expect.arrayContaining(['TypeScript', 'Kubernetes', 'GraphQL', 'Node.js']),
    );
    expect(adaSkills.find((skill) => skill.skill === 'TypeScript')).toMatchObject({ proficiency: 'expert' });
    expect(adaSkills.find((skill) => skill.skill === 'Kubernetes')?.evidence).toContain('Kubernetes');
    expect(adaProfile.body.resumeDocumentId).toBe(adaResume.id);

    // Act 2: both apply; their matches are scored off the request path.
    const applied = await Promise.all(
      [ada, bob].map(async (candidate) =>
        call('POST', '/api/v1/recruiter/applications', {
          token: await recruiter(),
          body: { candidateId: candidate.id, requisitionId },
        }),
      ),
    );
    let ranking: Ranked[] = [];
    await eventually(async () => {
      ranking = await rankingOf(requisitionId);
      return ranking.length === 2;
    }, 'both applicants ranked');

    // Assert 2: Ada, who has everything, ranks above Bob, who lacks Kubernetes.
    expect(applied.map((response) => response.status)).toEqual([201, 201]);
    expect(ranking.map((entry) => entry.candidate.fullName)).toEqual(['Ada Strong', 'Bob Partial']);
    const [first, second] = ranking;
    expect(first?.score).toBeGreaterThanOrEqual(70);
    expect(second?.score).toBeLessThan(first?.score ?? 0);
    expect(second?.breakdown).toEqual(
      expect.arrayContaining([expect.objectContaining({ skill: 'Kubernetes', status: 'missing' })]),
    );

    // Act 3: the requirements change to Python; the applicants are scored again.
    const patched = await call('PATCH', `/api/v1/recruiter/requisitions/${requisitionId}`, {
      token: await recruiter(),
      body: { requiredSkills: [{ skill: 'Python', proficiency: 'advanced' }], niceToHaveSkills: [] },
    });
    await eventually(async () => {
      ranking = await rankingOf(requisitionId);
      return ranking.length === 2 && ranking.every((entry) => entry.requisitionVersion === patched.body.version);
    }, 'both applicants scored against the new skills');

    // Assert 3: now Bob leads.
    expect(ranking.map((entry) => entry.candidate.fullName)).toEqual(['Bob Partial', 'Ada Strong']);

    // Act 4: Ada goes through the pipeline and is hired.
    const adaApplication = applied[0]?.body.id as string;
    for (const stage of ['screening', 'assessment', 'interview', 'offer']) await move(adaApplication, stage);
    const hired = await move(adaApplication, 'hired');
    const requisition = await call('GET', `/api/v1/recruiter/requisitions/${requisitionId}`, {
      token: await recruiter(),
    });
    const funnel = await call('GET', `/api/v1/recruiter/requisitions/${requisitionId}/funnel`, {
      token: await recruiter(),
    });

    // Assert 4: the one seat is filled, and the funnel says how they got there.
    expect(hired).toMatchObject({ stage: 'hired' });
    expect(requisition.body).toMatchObject({ status: 'filled', positionsFilled: 1, isActive: false });
    expect(funnel.status).toBe(200);
    expect(JSON.stringify(funnel.body)).toContain('hired');
  });
});
