import { QuestionContent } from '@assist-ten/core/assessments/question.content';
import type { QuestionItem } from '@assist-ten/core/assessments/question.entity';
import { newQuestionWrite } from '@assist-ten/core/assessments/question.item';
import type { AnswerItem } from '@assist-ten/core/test-sessions/answer.entity';
import {
  type DetailParts,
  timeUsedSeconds,
  toResultRow,
  toSessionDetail,
} from '@assist-ten/core/test-sessions/session-detail.view';
import { rankKeyOf } from '@assist-ten/core/test-sessions/session-scoring';
import { TestSessionEntity, type TestSessionItem } from '@assist-ten/core/test-sessions/test-session.entity';
import { describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const TENANT = 'tnt_demo';
const ASSESSMENT = 'asmt_01JABCDEFGHJKMNPQRSTVWXYZ0';
const SESSION = 'tses_01JABCDEFGHJKMNPQRSTVWXYZ0';
const STARTED = '2025-01-01T10:00:00.000Z';
const DEADLINE = '2025-01-01T10:30:00.000Z';

const questionOf = (questionId: string, content: unknown, order: number): QuestionItem =>
  newQuestionWrite(aPrincipal(), {
    questionId,
    questionSetId: 'qset_01JABCDEFGHJKMNPQRSTVWXYZ0',
    content: QuestionContent.parse(content),
    order,
  }).item;

const CHOICE = questionOf(
  'qst_choice',
  {
    type: 'single_choice',
    prompt: 'Which status is a conflict?',
    points: 2,
    options: [
      { id: 'a', text: '404' },
      { id: 'b', text: '409' },
    ],
    correctOptionIds: ['b'],
  },
  1,
);
const ESSAY = questionOf('qst_essay', { type: 'long_text', prompt: 'Explain idempotency', points: 3 }, 2);

const aSession = (overrides: Partial<TestSessionItem> = {}): TestSessionItem => ({
  tenantId: TENANT,
  testSessionId: SESSION,
  kind: 'assessment',
  scopeId: ASSESSMENT,
  ownerId: 'cand_casey',
  assessmentId: ASSESSMENT,
  applicationId: 'app_casey',
  attempt: 1,
  status: 'in_progress',
  questionIds: ['qst_choice', 'qst_essay'],
  shuffleOptions: false,
  startedAt: STARTED,
  deadline: DEADLINE,
  dueShard: 's1',
  rankKey: 'none',
  createdAt: STARTED,
  updatedAt: STARTED,
  version: 1,
  ...overrides,
});

const RESULT = {
  earned: 2,
  possible: 5,
  percentage: 40,
  passed: false,
  needsReview: true,
  perSkill: [],
  questionCount: 2,
  answeredCount: 1,
};

const scoredSession = () =>
  aSession({
    status: 'scored',
    submittedAt: '2025-01-01T10:12:30.000Z',
    submission: 'candidate',
    scoredAt: '2025-01-01T10:13:00.000Z',
    result: RESULT,
    rankKey: rankKeyOf(40, SESSION),
    dueShard: 'none',
    version: 3,
  });

const CHOICE_ANSWER: AnswerItem = {
  tenantId: TENANT,
  testSessionId: SESSION,
  questionId: 'qst_choice',
  response: { type: 'single_choice', optionId: 'b' },
  answeredAt: '2025-01-01T10:05:00.000Z',
  score: { questionId: 'qst_choice', earned: 2, possible: 2, method: 'exact', confidence: 1, needsReview: false },
};

const parts = (overrides: Partial<DetailParts> = {}): DetailParts => ({
  session: scoredSession(),
  assessment: {
    assessmentId: ASSESSMENT,
    title: 'Backend basics',
    passingScore: 60,
    proctoring: { required: true, snapshotIntervalSeconds: 30, allowedEvents: [] },
  },
  questions: [CHOICE, ESSAY],
  answers: [CHOICE_ANSWER],
  candidateName: 'Casey Candidate',
  now: '2025-01-01T11:00:00.000Z',
  ...overrides,
});

describe('timeUsedSeconds', () => {
  it('counts from the start to the submission, in whole seconds', () => {
    expect(
      timeUsedSeconds({ startedAt: STARTED, submittedAt: '2025-01-01T10:12:30.900Z', deadline: DEADLINE }, ''),
    ).toBe(750);
  });

  it('stops at the deadline when the session was closed after it', () => {
    expect(
      timeUsedSeconds({ startedAt: STARTED, submittedAt: '2025-01-01T11:00:00.000Z', deadline: DEADLINE }, ''),
    ).toBe(1800);
  });

  it('counts to now while the session is open', () => {
    expect(timeUsedSeconds({ startedAt: STARTED, deadline: DEADLINE }, '2025-01-01T10:01:00.000Z')).toBe(60);
  });

  it('counts to now when there is no deadline', () => {
    expect(timeUsedSeconds({ startedAt: STARTED }, '2025-01-01T12:00:00.000Z')).toBe(7200);
  });
});

describe('toSessionDetail', () => {
  it('shows the session, its assessment, candidate, result and proctoring rules', () => {
    // Act
    const detail = toSessionDetail(parts());

    // Assert
    expect(detail).toMatchObject({
      id: SESSION,
      status: 'scored',
      attempt: 1,
      submission: 'candidate',
      timeUsedSeconds: 750,
      assessment: { id: ASSESSMENT, title: 'Backend basics', passingScore: 60 },
      candidate: { id: 'cand_casey', name: 'Casey Candidate' },
      applicationId: 'app_casey',
      result: RESULT,
      proctoring: { required: true, snapshotIntervalSeconds: 30, summary: null },
      version: 3,
    });
  });

  it('shows the proctoring summary and an invalidation once there are', () => {
    // Arrange
    const proctoring = {
      tenantId: 'tnt_a',
      testSessionId: SESSION,
      assessmentId: ASSESSMENT,
      candidateId: 'cand_casey',
      integrityScore: 47,
      deductions: [],
      eventCount: 9,
      countedEventCount: 8,
      severityCounts: { low: 1, medium: 4, high: 2, critical: 1 },
      flagged: true,
      flaggedAt: '2025-01-01T10:20:00.000Z',
      evaluatedAt: '2025-01-01T10:21:00.000Z',
      evaluations: 3,
      snapshotUrlsIssued: 0,
      acceptedSnapshots: 0,
      rejectedSnapshots: 0,
      verdict: 'invalidate' as const,
      appealedAt: '2025-01-02T09:00:00.000Z',
      appealText: 'My cat walked past the camera.',
      createdAt: STARTED,
      updatedAt: STARTED,
      version: 4,
    };
    const session = { ...scoredSession(), invalidatedAt: '2025-01-03T09:00:00.000Z' };

    // Act
    const detail = toSessionDetail(parts({ session, proctoring }));

    // Assert: the brief, never the appeal's text
    expect(detail.proctoring.summary).toEqual({
      integrityScore: 47,
      flagged: true,
      countedEventCount: 8,
      severityCounts: { low: 1, medium: 4, high: 2, critical: 1 },
      verdict: 'invalidate',
      appealed: true,
      evaluatedAt: '2025-01-01T10:21:00.000Z',
    });
    expect(detail.invalidatedAt).toBe('2025-01-03T09:00:00.000Z');
    expect(JSON.stringify(detail)).not.toContain('cat walked');
  });

  it('lists every question in the session order, with its answer key, answer and score', () => {
    // Act
    const { questions } = toSessionDetail(parts());

    // Assert
    expect(questions.map((entry) => [entry.number, entry.question.id])).toEqual([
      [1, 'qst_choice'],
      [2, 'qst_essay'],
    ]);
    expect(questions[0]).toMatchObject({
      question: { correctOptionIds: ['b'], points: 2 },
      answer: { response: { type: 'single_choice', optionId: 'b' }, answeredAt: CHOICE_ANSWER.answeredAt },
      score: { earned: 2, possible: 2, method: 'exact' },
    });
    expect(questions[1]).toMatchObject({ answer: null, score: null });
  });

  it('shows the answers so far but no score or result before the session is scored', () => {
    // Act
    const detail = toSessionDetail(parts({ session: aSession({ result: RESULT }), now: '2025-01-01T10:10:00.000Z' }));

    // Assert
    expect(detail.result).toBeNull();
    expect(detail.questions[0]?.answer).not.toBeNull();
    expect(detail.questions[0]?.score).toBeNull();
    expect(detail.timeUsedSeconds).toBe(600);
  });

  it('names no one once the candidate is erased', () => {
    expect(toSessionDetail(parts({ candidateName: undefined })).candidate).toEqual({ id: 'cand_casey', name: null });
  });
});

describe('toResultRow', () => {
  it("is one line of the ranking: who, the result's figures and when", () => {
    expect(toResultRow(scoredSession(), 'Casey Candidate')).toEqual({
      testSessionId: SESSION,
      candidateId: 'cand_casey',
      candidateName: 'Casey Candidate',
      applicationId: 'app_casey',
      attempt: 1,
      percentage: 40,
      earned: 2,
      possible: 5,
      passed: false,
      needsReview: true,
      submittedAt: '2025-01-01T10:12:30.000Z',
      submission: 'candidate',
      scoredAt: '2025-01-01T10:13:00.000Z',
    });
  });

  it('refuses a session that was never scored rather than inventing figures', () => {
    expect(() => toResultRow(aSession(), undefined)).toThrow();
  });
});

describe('the ranking', () => {
  it('sorts rank keys best first, equal percentages by session id (the earlier first)', () => {
    // Arrange
    const keys = [
      rankKeyOf(55.5, 'tses_B'),
      rankKeyOf(100, 'tses_C'),
      rankKeyOf(0, 'tses_D'),
      rankKeyOf(55.5, 'tses_A'),
      rankKeyOf(9.99, 'tses_E'),
    ];

    // Act
    const ranked = [...keys].sort();

    // Assert
    expect(ranked.map((key) => key.split('#')[1])).toEqual(['tses_C', 'tses_A', 'tses_B', 'tses_E', 'tses_D']);
  });

  it("is read from the assessment's own partition of the ranking index, only scored sessions in it", () => {
    // Act
    const params = TestSessionEntity.query.ranking({ tenantId: TENANT, scopeId: ASSESSMENT }).params<{
      IndexName: string;
      ExpressionAttributeValues: Record<string, string>;
    }>();
    const unscored = TestSessionEntity.put(aSession()).params<{ Item: Record<string, unknown> }>();
    const scored = TestSessionEntity.put(scoredSession()).params<{ Item: Record<string, unknown> }>();

    // Assert
    expect(params.IndexName).toBe('gsi2');
    expect(params.ExpressionAttributeValues[':pk']).toContain(TENANT);
    expect(params.ExpressionAttributeValues[':pk']).toContain(ASSESSMENT);
    expect(unscored.Item.gsi2pk).toBeUndefined();
    expect(scored.Item.gsi2sk).toContain(rankKeyOf(40, SESSION));
  });
});
