import { ConflictError, NotFoundError, PreconditionFailedError } from '@assist-ten/core/shared/errors';
import type { Principal } from '@assist-ten/core/shared/principal';
import { beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import {
  ALL_ANSWERED,
  createNamedCandidate,
  createReviewAssessment,
  createScoredSession,
  createTestSession,
  type ReviewAssessment,
} from '../../support/fixtures/test-session-results.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { listAssessmentResults } = await import('@assist-ten/core/test-sessions/results.service');
const { getTestSessionDetail } = await import('@assist-ten/core/test-sessions/session-detail.service');
const { overrideAnswerScore } = await import('@assist-ten/core/test-sessions/score-override.service');
const { AnswerEntity } = await import('@assist-ten/core/test-sessions/answer.entity');
const { TestSessionEntity } = await import('@assist-ten/core/test-sessions/test-session.entity');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { newId } = await import('@assist-ten/core/shared/ids');

const userOf = (email: string): Principal => {
  const user = findLocalUser(email);
  if (!user) throw new Error(`seed user ${email} missing`);
  return principalOf(user);
};
const recruiter = userOf('recruiter@demo.test');
const otherRecruiter = userOf('recruiter@acme.test');

const refusalOf = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('Expected a refusal, but the call succeeded');
    },
    (error: unknown) => error,
  );

/** Every page of an assessment's ranking, `limit` at a time. */
const rankingOf = async (assessmentId: string, limit = 2) => {
  const rows = [];
  let cursor: string | undefined;
  do {
    const page = await listAssessmentResults(recruiter, assessmentId, { limit, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
};

describe('assessment results and score overrides (DynamoDB Local)', () => {
  let assessment: ReviewAssessment;

  beforeAll(async () => {
    assessment = await createReviewAssessment(recruiter);
  }, 60_000);

  it('ranks the scored sessions best first across pages, equal percentages in start order, named', async () => {
    // Arrange: 60 % (review pending), 20 %, 50 %, 50 % in that order of starting
    const own = await createReviewAssessment(recruiter);
    const dana = await createNamedCandidate(recruiter, 'Dana Top');
    const best = await createScoredSession(recruiter, own, ALL_ANSWERED, { candidateId: dana });
    const worst = await createScoredSession(recruiter, own, { trueFalse: true, choice: 'b' });
    const firstTie = await createScoredSession(recruiter, own, { trueFalse: true, choice: 'a' });
    const secondTie = await createScoredSession(recruiter, own, { trueFalse: true, choice: 'a' });
    await createTestSession(recruiter, own, ALL_ANSWERED, { status: 'submitted' });
    await createTestSession(recruiter, own, ALL_ANSWERED, { status: 'in_progress' });

    // Act
    const rows = await rankingOf(own.assessmentId);

    // Assert
    expect(rows.map((row) => [row.testSessionId, row.percentage])).toEqual([
      [best, 60],
      [firstTie, 50],
      [secondTie, 50],
      [worst, 20],
    ]);
    expect(rows[0]).toMatchObject({
      candidateId: dana,
      candidateName: 'Dana Top',
      attempt: 1,
      earned: 6,
      possible: 10,
      passed: true,
      needsReview: true,
      submission: 'candidate',
    });
  });

  it('shows a reviewer the whole session: questions with their key, answers, scores, result', async () => {
    // Arrange
    const id = await createScoredSession(recruiter, assessment, { trueFalse: false, essay: 'Compare versions.' });

    // Act
    const detail = await getTestSessionDetail(recruiter, id);

    // Assert
    expect(detail).toMatchObject({
      id,
      status: 'scored',
      assessment: { id: assessment.assessmentId, title: 'Backend review', passingScore: 60 },
      candidate: { name: 'Casey Candidate' },
      result: { earned: 0, possible: 10, percentage: 0, needsReview: true, answeredCount: 2 },
      proctoring: { summary: null },
    });
    expect(detail.timeUsedSeconds).toBe(540);
    expect(detail.questions.map((entry) => [entry.question.id, entry.answer === null, entry.score?.earned])).toEqual([
      [assessment.questions.trueFalse, false, 0],
      [assessment.questions.choice, true, undefined],
      [assessment.questions.essay, false, 0],
      [assessment.questions.number, true, undefined],
    ]);
    expect(detail.questions[0]?.question.correctAnswer).toBe(true);
    expect(detail.questions[2]?.score).toMatchObject({ needsReview: true, method: 'keywords' });
  });

  it('moves a session up the ranking when a reviewer raises its scores, and clears the review', async () => {
    // Arrange: 6 of 10 (review pending) above 2 of 10 (review pending)
    const own = await createReviewAssessment(recruiter);
    const leader = await createScoredSession(recruiter, own, ALL_ANSWERED);
    const climber = await createScoredSession(recruiter, own, { trueFalse: true, choice: 'b', essay: 'Versions.' });
    const before = await getTestSessionDetail(recruiter, climber);

    // Act
    const raised = await overrideAnswerScore(
      recruiter,
      climber,
      own.questions.choice,
      { earned: 3, reason: 'Option b is right for this edge case' },
      before.version,
    );
    const reviewed = await overrideAnswerScore(recruiter, climber, own.questions.essay, {
      earned: 4,
      reason: 'A complete explanation',
    });

    // Assert
    expect(raised.result).toMatchObject({ earned: 5, percentage: 50, needsReview: true });
    expect(raised.version).toBe(before.version + 1);
    expect(reviewed.result).toMatchObject({ earned: 9, percentage: 90, passed: true, needsReview: false });
    expect(reviewed.questions[2]?.score).toMatchObject({
      earned: 4,
      method: 'manual',
      override: { by: recruiter.userId, reason: 'A complete explanation', machine: { earned: 0, method: 'keywords' } },
    });
    expect(
      (await rankingOf(own.assessmentId)).map((row) => [row.testSessionId, row.percentage, row.needsReview]),
    ).toEqual([
      [climber, 90, false],
      [leader, 60, true],
    ]);
  });

  it('writes the audit entry with the change, keeping the length of the reason, not its words', async () => {
    // Arrange
    const id = await createScoredSession(recruiter, assessment, ALL_ANSWERED);

    // Act
    await overrideAnswerScore(recruiter, id, assessment.questions.essay, { earned: 2, reason: 'Half of it' });

    // Assert
    const { data: entries } = await AuditLogEntity.query
      .byEntity({ tenantId: recruiter.tenantId, entityType: 'test_session', entityId: id })
      .go();
    const entry = entries.find((candidate) => candidate.action === 'test_session.score_overridden');
    expect(entry?.actorId).toBe(recruiter.userId);
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'reasonLength', after: 10 },
        { field: 'percentage', before: 60, after: 80 },
        { field: 'needsReview', before: true, after: false },
      ]),
    );
    expect(JSON.stringify(entry)).not.toContain('Half of it');
  });

  it('keeps the machine score on the answer item itself', async () => {
    // Arrange
    const id = await createScoredSession(recruiter, assessment, ALL_ANSWERED);

    // Act
    await overrideAnswerScore(recruiter, id, assessment.questions.trueFalse, { earned: 1, reason: 'Guessed' });

    // Assert
    const { data } = await AnswerEntity.get({
      tenantId: recruiter.tenantId,
      testSessionId: id,
      questionId: assessment.questions.trueFalse,
    }).go({ consistent: true });
    expect(data?.score).toMatchObject({ earned: 1, override: { machine: { earned: 2, method: 'exact' } } });
  });

  it.each(['submitted', 'in_progress'] as const)('refuses to override a session that is %s (409)', async (status) => {
    // Arrange
    const id = await createTestSession(recruiter, assessment, ALL_ANSWERED, { status });

    // Act
    const error = await refusalOf(
      overrideAnswerScore(recruiter, id, assessment.questions.essay, { earned: 1, reason: 'Too early' }),
    );

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    const { data } = await TestSessionEntity.get({ tenantId: recruiter.tenantId, testSessionId: id }).go({
      consistent: true,
    });
    expect(data?.status).toBe(status);
    expect(data?.version).toBe(1);
  });

  it('shows an open session with its answers so far and no scores', async () => {
    // Arrange
    const id = await createTestSession(recruiter, assessment, { choice: 'c' }, { status: 'in_progress' });

    // Act
    const detail = await getTestSessionDetail(recruiter, id);

    // Assert
    expect(detail).toMatchObject({ status: 'in_progress', result: null });
    expect(detail.questions[1]).toMatchObject({ answer: { response: { optionId: 'c' } }, score: null });
  });

  it('refuses to score a question the candidate did not answer (409)', async () => {
    // Arrange
    const id = await createScoredSession(recruiter, assessment, { trueFalse: true });

    // Act
    const error = await refusalOf(
      overrideAnswerScore(recruiter, id, assessment.questions.number, { earned: 1, reason: 'Generous' }),
    );

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
  });

  it('refuses a stale If-Match (412) and changes nothing', async () => {
    // Arrange
    const id = await createScoredSession(recruiter, assessment, ALL_ANSWERED);
    const read = await getTestSessionDetail(recruiter, id);
    await overrideAnswerScore(recruiter, id, assessment.questions.essay, { earned: 1, reason: 'First look' });

    // Act
    const error = await refusalOf(
      overrideAnswerScore(
        recruiter,
        id,
        assessment.questions.essay,
        { earned: 4, reason: 'Second look' },
        read.version,
      ),
    );

    // Assert
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((await getTestSessionDetail(recruiter, id)).result?.earned).toBe(7);
  });

  it("answers 404 to another tenant's assessment and session, and changes nothing", async () => {
    // Arrange
    const id = await createScoredSession(recruiter, assessment, ALL_ANSWERED);

    // Act
    const list = await refusalOf(listAssessmentResults(otherRecruiter, assessment.assessmentId, { limit: 25 }));
    const read = await refusalOf(getTestSessionDetail(otherRecruiter, id));
    const change = await refusalOf(
      overrideAnswerScore(otherRecruiter, id, assessment.questions.essay, { earned: 4, reason: 'Not mine' }),
    );

    // Assert
    expect([list, read, change].map((error) => error instanceof NotFoundError)).toEqual([true, true, true]);
    expect((await getTestSessionDetail(recruiter, id)).version).toBe(2);
  });

  it('does not show a practice session to a reviewer', async () => {
    // Arrange: a staff user's practice sitting on a question set
    const testSessionId = newId('testSession');
    const now = new Date().toISOString();
    await TestSessionEntity.create({
      tenantId: recruiter.tenantId,
      testSessionId,
      kind: 'practice',
      scopeId: newId('questionSet'),
      ownerId: recruiter.userId,
      questionSetId: newId('questionSet'),
      attempt: 1,
      status: 'in_progress',
      questionIds: assessment.questionIds,
      shuffleOptions: false,
      startedAt: now,
      // ElectroDB wants every composite of the due index on a write naming one (practice.service does the same).
      deadline: now,
      dueShard: 'none',
      createdAt: now,
      updatedAt: now,
    }).go();

    // Act
    const error = await refusalOf(getTestSessionDetail(recruiter, testSessionId));

    // Assert
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
