import * as z from 'zod/mini';

/**
 * How a question's score was reached: `exact` (compared with the answer key), `partial`
 * (multiple choice, per option), `keywords` (the local text scorer), `model` (Bedrock),
 * `manual` (a reviewer's override).
 */
export const SCORING_METHODS = ['exact', 'partial', 'keywords', 'model', 'manual'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

/** Below this confidence a score is marked for a person to review. */
export const REVIEW_CONFIDENCE = 0.6;

export const MAX_FEEDBACK = 200;
export const MAX_RATIONALE = 1_000;
export const MAX_OVERRIDE_REASON = 1_000;

const fraction = z.number().check(z.minimum(0), z.maximum(1));
const nonNegative = z.number().check(z.minimum(0));

/** Who overrode a score, why, and what the machine had said, kept across later overrides. */
export const ScoreOverride = z.object({
  by: z.string(),
  reason: z.string().check(z.maxLength(MAX_OVERRIDE_REASON)),
  machine: z.object({ earned: nonNegative, method: z.enum(SCORING_METHODS), confidence: fraction }),
});
export type ScoreOverride = z.output<typeof ScoreOverride>;

/**
 * The score of one answer. `feedback` is a short sentence a candidate may see in practice
 * mode; it never quotes the answer key, and the caller decides whether to show it.
 * `rationale` is for reviewers only (a model's reasons may quote the answer key or the
 * answer): it never goes to candidates, logs, audit entries or events.
 */
export const QuestionScore = z.object({
  questionId: z.optional(z.string()),
  earned: nonNegative,
  possible: nonNegative,
  method: z.enum(SCORING_METHODS),
  confidence: fraction,
  needsReview: z.boolean(),
  feedback: z.optional(z.string().check(z.maxLength(MAX_FEEDBACK))),
  rationale: z.optional(z.string().check(z.maxLength(MAX_RATIONALE))),
  override: z.optional(ScoreOverride),
});
export type QuestionScore = z.output<typeof QuestionScore>;

export const SkillScore = z.object({
  skill: z.string(),
  earned: nonNegative,
  possible: nonNegative,
  percentage: z.number().check(z.minimum(0), z.maximum(100)),
});
export type SkillScore = z.output<typeof SkillScore>;

/** The result of a whole test session, from its question scores. */
export const Result = z.object({
  earned: nonNegative,
  possible: nonNegative,
  /** 0 to 100, two decimals; 0 when nothing could be earned. */
  percentage: z.number().check(z.minimum(0), z.maximum(100)),
  passed: z.boolean(),
  /** Some answer still waits for a person: the result may change. */
  needsReview: z.boolean(),
  perSkill: z.array(SkillScore),
  questionCount: z.int(),
  answeredCount: z.int(),
});
export type Result = z.output<typeof Result>;

/** The one rule that ties review to confidence, so every scorer applies it the same way. */
export const needsReviewAt = (confidence: number): boolean => confidence < REVIEW_CONFIDENCE;
