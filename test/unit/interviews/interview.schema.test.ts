import { INTERVIEW_LIMITS } from '@assist-ten/core/interviews/interview.model';
import {
  CancelInterviewBody,
  Interview,
  ListInterviewsQuery,
  ScheduleInterviewBody,
  UpdateInterviewBody,
} from '@assist-ten/core/interviews/interview.schema';
import { describe, expect, it } from 'vitest';

const ULID = '01JABCDEFGHJKMNPQRSTVWXYZ0';

const aBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  candidateId: `cand_${ULID}`,
  applicationId: `app_${ULID}`,
  requisitionId: `req_${ULID}`,
  interviewType: 'technical',
  interviewMode: 'video',
  scheduledAt: '2030-03-04T10:00:00+01:00',
  interviewerId: `usr_${ULID}`,
  meetingLink: 'https://meet.example.test/abc',
  ...overrides,
});

/** The field paths of a failed parse, as the API names them (`additionalInterviewers.1`). */
const fieldsOf = (result: { success: boolean; error?: { issues: readonly { path: PropertyKey[] }[] } }): string[] => {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join('.'));
};

describe('ScheduleInterviewBody', () => {
  it('accepts a minimal body and stores the start as UTC', () => {
    // Act
    const result = ScheduleInterviewBody.parse(aBody());

    // Assert
    expect(result.scheduledAt).toBe('2030-03-04T09:00:00.000Z');
    expect(result.durationMinutes).toBeUndefined();
    expect(result.round).toBeUndefined();
  });

  it('spells time zones canonically and refuses offsets and unknown zones', () => {
    // Act
    const canonical = ScheduleInterviewBody.parse(aBody({ timeZone: 'europe/lisbon' }));
    const offset = ScheduleInterviewBody.safeParse(aBody({ timeZone: '+01:00' }));
    const unknown = ScheduleInterviewBody.safeParse(aBody({ candidateTimeZone: 'Mars/Olympus_Mons' }));

    // Assert
    expect(canonical.timeZone).toBe('Europe/Lisbon');
    expect(fieldsOf(offset)).toEqual(['timeZone']);
    expect(fieldsOf(unknown)).toEqual(['candidateTimeZone']);
  });

  it.each([
    ['a start without offset', { scheduledAt: '2030-03-04T10:00:00' }, 'scheduledAt'],
    ['a duration below the minimum', { durationMinutes: INTERVIEW_LIMITS.durationMinutes.min - 1 }, 'durationMinutes'],
    ['a duration above the maximum', { durationMinutes: INTERVIEW_LIMITS.durationMinutes.max + 1 }, 'durationMinutes'],
    ['a fractional duration', { durationMinutes: 30.5 }, 'durationMinutes'],
    ['round 0', { round: 0 }, 'round'],
    ['round 21', { round: 21 }, 'round'],
    ['an http link', { meetingLink: 'http://meet.example.test/abc' }, 'meetingLink'],
    ['a script link', { meetingLink: 'javascript:alert(1)' }, 'meetingLink'],
    ['an interviewer id of another kind', { interviewerId: `cand_${ULID}` }, 'interviewerId'],
    ['an unknown type', { interviewType: 'karaoke' }, 'interviewType'],
    ['an empty question guide', { questionGuide: {} }, 'questionGuide'],
    ['a too long location', { location: 'x'.repeat(INTERVIEW_LIMITS.locationLength + 1) }, 'location'],
  ])('refuses %s, naming the field', (_, overrides, field) => {
    expect(fieldsOf(ScheduleInterviewBody.safeParse(aBody(overrides)))).toEqual([field]);
  });

  it('refuses a panel that repeats someone or is larger than nine', () => {
    // Arrange
    const ids = Array.from({ length: 10 }, (_, at) => `usr_01JABCDEFGHJKMNPQRSTVWXY${String(at).padStart(2, '0')}`);

    // Act
    const repeated = ScheduleInterviewBody.safeParse(aBody({ additionalInterviewers: [ids[0], ids[0]] }));
    const tooMany = ScheduleInterviewBody.safeParse(aBody({ additionalInterviewers: ids }));

    // Assert
    expect(fieldsOf(repeated)).toEqual(['additionalInterviewers']);
    expect(fieldsOf(tooMany)).toEqual(['additionalInterviewers']);
  });

  it('refuses fields the system owns', () => {
    // Act
    const result = ScheduleInterviewBody.safeParse(aBody({ status: 'completed', sequence: 7 }));

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['status', 'sequence'] });
  });

  it('bounds the question guide: at most 50 questions of at most 1000 characters', () => {
    // Act
    const many = ScheduleInterviewBody.safeParse(
      aBody({ questionGuide: { questions: Array.from({ length: INTERVIEW_LIMITS.questionGuide + 1 }, () => 'Why?') } }),
    );
    const long = ScheduleInterviewBody.safeParse(
      aBody({ questionGuide: { questions: ['x'.repeat(INTERVIEW_LIMITS.questionLength + 1)] } }),
    );

    // Assert
    expect(fieldsOf(many)).toEqual(['questionGuide.questions']);
    expect(fieldsOf(long)).toEqual(['questionGuide.questions.0']);
  });
});

describe('UpdateInterviewBody', () => {
  it('refuses an empty change', () => {
    expect(UpdateInterviewBody.safeParse({}).success).toBe(false);
  });

  it('takes null to clear the place, notes and guide, but not the time', () => {
    // Act
    const clears = UpdateInterviewBody.safeParse({
      meetingLink: null,
      location: null,
      preparationNotes: null,
      questionGuide: null,
    });
    const clearsTime = UpdateInterviewBody.safeParse({ scheduledAt: null });

    // Assert
    expect(clears.success).toBe(true);
    expect(fieldsOf(clearsTime)).toEqual(['scheduledAt']);
  });
});

describe('CancelInterviewBody', () => {
  it('requires a bounded reason', () => {
    // Act
    const missing = CancelInterviewBody.safeParse({});
    const long = CancelInterviewBody.safeParse({ reason: 'x'.repeat(INTERVIEW_LIMITS.cancelReasonLength + 1) });

    // Assert
    expect(fieldsOf(missing)).toEqual(['reason']);
    expect(fieldsOf(long)).toEqual(['reason']);
  });
});

describe('ListInterviewsQuery', () => {
  it('lists upcoming interviews, 25 at a time, by default', () => {
    expect(ListInterviewsQuery.parse({})).toEqual({ when: 'upcoming', limit: 25 });
  });

  it('refuses two scopes at once and a window that ends before it starts', () => {
    // Act
    const twoScopes = ListInterviewsQuery.safeParse({ candidateId: `cand_${ULID}`, requisitionId: `req_${ULID}` });
    const reversed = ListInterviewsQuery.safeParse({ from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' });

    // Assert
    expect(fieldsOf(twoScopes)).toEqual(['candidateId']);
    expect(fieldsOf(reversed)).toEqual(['from']);
  });
});

describe('Interview', () => {
  it('shows no tenant, reminder shard or index keys', () => {
    // Act
    const shape = Object.keys(Interview.shape);

    // Assert
    expect(shape.filter((key) => /^(tenantId|reminderShard|pk|sk|gsi\dpk|gsi\dsk|interviewId)$/.test(key))).toEqual([]);
  });
});
