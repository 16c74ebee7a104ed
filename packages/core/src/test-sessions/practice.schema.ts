import * as z from 'zod/mini';
import { AnswerResponse, CandidateQuestion } from '../assessments/question.content.ts';
import { PracticeStreakView } from '../identity/me.schema.ts';
import { ID_PREFIXES, idPattern } from '../shared/ids.ts';
import { idPath, listQuery, page } from '../shared/schema.ts';
import { Result } from './scoring/score.schema.ts';
import { TEST_SESSION_STATUSES } from './test-session.model.ts';

/** The tenant's own staff; the superadmin belongs to no customer tenant and has no sets to practise on. */
export const PRACTICE_ROLES = ['recruiter', 'interviewer', 'admin'] as const;

export const StartPracticeBody = z.strictObject({
  questionSetId: z.string().check(z.regex(idPattern('questionSet'), `An id such as ${ID_PREFIXES.questionSet}_01J...`)),
});
export type StartPractice = z.output<typeof StartPracticeBody>;

export const PracticeSessionPath = idPath('testSession');

/**
 * `questionId` is not held to the id pattern: a segment that names no question of the session
 * is a 404 like any other unknown question, after the session itself was found to be yours.
 */
export const PracticeAnswerPath = z.strictObject({
  ...PracticeSessionPath.shape,
  questionId: z.string().check(z.maxLength(64)),
});

export const ListPracticeSessionsQuery = z.strictObject({ ...listQuery });
export type ListPracticeSessions = z.output<typeof ListPracticeSessionsQuery>;

/**
 * The answer key as practice shows it once a question is answered, in the shape of the answer
 * that would have been right. Long text and coding questions have none to show: their key is
 * a grader's rubric, keywords and reference answer, never a single right answer.
 */
export const CorrectAnswer = z.discriminatedUnion('type', [
  z.object({ type: z.literal('single_choice'), optionId: z.string() }),
  z.object({ type: z.literal('multiple_choice'), optionIds: z.array(z.string()) }),
  z.object({ type: z.literal('true_false'), value: z.boolean() }),
  z.object({ type: z.literal('numeric'), value: z.number(), tolerance: z.number() }),
  z.object({ type: z.literal('short_text'), acceptedAnswers: z.array(z.string()) }),
]);
export type CorrectAnswer = z.output<typeof CorrectAnswer>;

/** What an answer earned, as the person practising sees it: no confidence, method or rationale. */
export const PracticeScore = z.object({
  earned: z.number(),
  possible: z.number(),
  /** Full marks. A partly right multiple choice is not correct. */
  correct: z.boolean(),
  feedback: z.string(),
});

export const PracticeFeedback = z.object({
  score: PracticeScore,
  explanation: z.optional(z.string()),
  correctAnswer: z.optional(CorrectAnswer),
});
export type PracticeFeedback = z.output<typeof PracticeFeedback>;

export const PracticeAnswerResult = z.object({
  questionId: z.string(),
  answeredAt: z.string(),
  ...PracticeFeedback.shape,
});
export type PracticeAnswerResult = z.output<typeof PracticeAnswerResult>;

export const PracticeQuestion = z.object({
  ...CandidateQuestion.shape,
  /** Position in this session, from 1. */
  number: z.int(),
  answer: z.optional(AnswerResponse),
  answeredAt: z.optional(z.string()),
  feedback: z.optional(PracticeFeedback),
});

const sessionFields = {
  id: z.string(),
  questionSetId: z.string(),
  /** As the set is called now; absent if the set could not be read. */
  questionSetTitle: z.optional(z.string()),
  /** in_progress, then scored once completed (practice is never left waiting in submitted). */
  status: z.enum(TEST_SESSION_STATUSES),
  startedAt: z.string(),
  completedAt: z.optional(z.string()),
  questionCount: z.int(),
  result: z.optional(Result),
};

export const PracticeSessionSummary = z.object(sessionFields);
export type PracticeSessionSummary = z.output<typeof PracticeSessionSummary>;

export const PracticeSessionPage = page(PracticeSessionSummary);

export const PracticeSession = z.object({
  ...sessionFields,
  answeredCount: z.int(),
  questions: z.array(PracticeQuestion),
});
export type PracticeSession = z.output<typeof PracticeSession>;

export const CompletedPractice = z.object({
  id: z.string(),
  status: z.enum(TEST_SESSION_STATUSES),
  completedAt: z.string(),
  result: Result,
  streak: PracticeStreakView,
});
export type CompletedPractice = z.output<typeof CompletedPractice>;
