import * as z from 'zod/mini';
import { AnswerResponse } from '../assessments/question.content.ts';
import { MAX_POINTS } from '../assessments/question.model.ts';
import { Question } from '../assessments/question.schema.ts';
import { ProctoringBrief } from '../proctoring/proctoring-summary.brief.ts';
import { idPath, listQuery, page, storableNumber, text } from '../shared/schema.ts';
import { MAX_OVERRIDE_REASON, QuestionScore, Result } from './scoring/score.schema.ts';
import { SUBMISSIONS, TEST_SESSION_STATUSES } from './test-session.model.ts';

/** What recruiters read of sessions and change of their scores (docs/results.md). */

export const TestSessionPath = idPath('testSession');

/**
 * `questionId` is only bounded, not checked to be a question id: the session decides what
 * it holds (a 404 otherwise), so another tenant's session is a 404 whatever the question.
 */
export const ScoreOverridePath = z.strictObject({
  ...TestSessionPath.shape,
  questionId: z.string().check(z.maxLength(64)),
});

/** The reviewer's score: from 0 to the question's points (checked against the question), kept to two decimals. */
export const ScoreOverrideBody = z.strictObject({
  earned: storableNumber.check(z.minimum(0), z.maximum(MAX_POINTS)),
  reason: text(MAX_OVERRIDE_REASON),
});
export type ScoreOverride = z.output<typeof ScoreOverrideBody>;

export const ListResultsQuery = z.strictObject({ ...listQuery });
export type ListResults = z.output<typeof ListResultsQuery>;

/** One scored session in an assessment's ranking. */
export const SessionResultRow = z.object({
  testSessionId: z.string(),
  candidateId: z.string(),
  /** null once the candidate is erased (or gone). */
  candidateName: z.nullable(z.string()),
  applicationId: z.optional(z.string()),
  attempt: z.int(),
  percentage: z.number(),
  earned: z.number(),
  possible: z.number(),
  passed: z.boolean(),
  needsReview: z.boolean(),
  submittedAt: z.string(),
  submission: z.enum(SUBMISSIONS),
  scoredAt: z.string(),
});
export type SessionResultRow = z.output<typeof SessionResultRow>;

export const SessionResultPage = page(SessionResultRow);

/** An answer that counts: saved before the session's end. */
export const ReviewedAnswer = z.object({ response: AnswerResponse, answeredAt: z.string() });

export const ReviewedQuestion = z.object({
  /** Position in this session, from 1. */
  number: z.int(),
  /** The staff view, answer key included. */
  question: Question,
  /** null when not answered (an unanswered question earns 0 of its points). */
  answer: z.nullable(ReviewedAnswer),
  /** null until the session is scored, and for an unanswered question. */
  score: z.nullable(QuestionScore),
});
export type ReviewedQuestion = z.output<typeof ReviewedQuestion>;

/** Everything a reviewer needs about one session of an assessment. */
export const TestSessionDetail = z.object({
  id: z.string(),
  status: z.enum(TEST_SESSION_STATUSES),
  attempt: z.int(),
  startedAt: z.string(),
  deadline: z.optional(z.string()),
  submittedAt: z.optional(z.string()),
  submission: z.optional(z.enum(SUBMISSIONS)),
  scoredAt: z.optional(z.string()),
  /** Whole seconds from the start to the submission (or now), never past the deadline. */
  timeUsedSeconds: z.int(),
  assessment: z.object({ id: z.string(), title: z.string(), passingScore: z.number() }),
  candidate: z.object({ id: z.string(), name: z.nullable(z.string()) }),
  applicationId: z.optional(z.string()),
  /** null until scored. */
  result: z.nullable(Result),
  questions: z.array(ReviewedQuestion),
  proctoring: z.object({
    required: z.boolean(),
    snapshotIntervalSeconds: z.int(),
    /** Null until the session's first proctoring event or snapshot. */
    summary: z.nullable(ProctoringBrief),
  }),
  /** A reviewer found the attempt void after proctoring review: it counts for nothing. */
  invalidatedAt: z.nullable(z.string()),
  updatedAt: z.string(),
  version: z.int(),
});
export type TestSessionDetail = z.output<typeof TestSessionDetail>;
