import * as z from 'zod/mini';
import { AnswerResponse, CandidateQuestion } from '../assessments/question.content.ts';
import { PROCTORING_EVENT_TYPES } from '../proctoring/proctoring.model.ts';
import { SessionTokensView } from './refresh-token.model.ts';
import { Result } from './scoring/score.schema.ts';
import { SUBMISSIONS, TEST_SESSION_STATUSES } from './test-session.model.ts';

/** An invitation link's secret: 43 base64url characters; anything else names no invitation. */
export const InvitationToken = z.string().check(z.minLength(1), z.maxLength(100));

export const InvitationTokenPath = z.strictObject({ token: InvitationToken });

export const StartSessionBody = z.strictObject({ token: InvitationToken });
export type StartSessionBody = z.output<typeof StartSessionBody>;

const proctoringRules = z.object({
  required: z.boolean(),
  snapshotIntervalSeconds: z.int(),
  allowedEvents: z.array(z.enum(PROCTORING_EVENT_TYPES)),
});

/** What the landing page of an invitation needs, and nothing else: no candidate, no questions. */
export const InvitationLanding = z.object({
  organisation: z.string(),
  assessmentTitle: z.string(),
  description: z.optional(z.string()),
  instructions: z.optional(z.string()),
  durationMinutes: z.int(),
  questionCount: z.int(),
  availableFrom: z.optional(z.string()),
  availableUntil: z.optional(z.string()),
  /** The link's last moment. */
  invitationValidUntil: z.string(),
  /** The assessment opens later: the page shows when, and Start is refused until then. */
  opensLater: z.boolean(),
  proctoring: proctoringRules,
});
export type InvitationLanding = z.output<typeof InvitationLanding>;

export const SessionQuestion = z.object({
  ...CandidateQuestion.shape,
  /** Position in this session, from 1. */
  number: z.int(),
  /** What was saved last, so a reload shows it. */
  answer: z.optional(AnswerResponse),
  answeredAt: z.optional(z.string()),
});

/** The candidate's view of their session: the server's clock and deadline decide, never the browser's. */
export const CandidateSessionState = z.object({
  id: z.string(),
  status: z.enum(TEST_SESSION_STATUSES),
  assessmentTitle: z.string(),
  instructions: z.optional(z.string()),
  startedAt: z.string(),
  deadline: z.string(),
  serverTime: z.string(),
  /** Whole seconds left; 0 once the deadline passed. */
  remainingSeconds: z.int(),
  submittedAt: z.optional(z.string()),
  submission: z.optional(z.enum(SUBMISSIONS)),
  proctoring: proctoringRules,
  /** Empty once the session is over: the questions are not shown after submission. */
  questions: z.array(SessionQuestion),
  answeredCount: z.int(),
  questionCount: z.int(),
});
export type CandidateSessionState = z.output<typeof CandidateSessionState>;

export const StartedSession = z.object({ ...SessionTokensView.shape, session: CandidateSessionState });

export const AnswerPath = z.strictObject({ questionId: z.string().check(z.maxLength(64)) });

export const SavedAnswer = z.object({
  questionId: z.string(),
  answeredAt: z.string(),
  /** Seconds left when it was saved, by the server's clock. */
  remainingSeconds: z.int(),
});

/** What a candidate learns on submitting: that it is in, not how they did. */
export const SubmittedSession = z.object({
  id: z.string(),
  status: z.enum(TEST_SESSION_STATUSES),
  submittedAt: z.string(),
  submission: z.enum(SUBMISSIONS),
  answeredCount: z.int(),
  questionCount: z.int(),
});

export const SessionResult = Result;
