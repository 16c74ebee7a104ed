import { ValidationError } from '../../shared/errors.ts';
import { round2 } from './rounding.ts';
import { MAX_OVERRIDE_REASON, type QuestionScore } from './score.schema.ts';

const invalid = (field: string, code: string, message: string): ValidationError =>
  new ValidationError(message, { errors: [{ field, code, message }] });

/**
 * A reviewer's score in place of the machine's: method `manual`, certain, reviewed. The
 * machine's own score is kept (from the first override on), so a later reader sees both.
 * The reason is the reviewer's, for staff; it never goes to the candidate.
 */
export const applyOverride = (score: QuestionScore, earned: number, actorId: string, reason: string): QuestionScore => {
  if (!Number.isFinite(earned) || earned < 0 || earned > score.possible) {
    throw invalid('earned', 'out_of_range', `The score must be from 0 to ${score.possible} points.`);
  }
  const why = reason.trim();
  if (why === '' || why.length > MAX_OVERRIDE_REASON) {
    throw invalid('reason', 'invalid_length', `Say why, in 1 to ${MAX_OVERRIDE_REASON} characters.`);
  }
  const machine = score.override?.machine ?? {
    earned: score.earned,
    method: score.method,
    confidence: score.confidence,
  };
  return {
    ...(score.questionId ? { questionId: score.questionId } : {}),
    earned: round2(earned),
    possible: score.possible,
    method: 'manual',
    confidence: 1,
    needsReview: false,
    override: { by: actorId, reason: why, machine },
  };
};
