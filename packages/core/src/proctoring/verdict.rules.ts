import { ConflictError } from '../shared/errors.ts';
import { assertTransition, type TransitionTable } from '../shared/state-machine.ts';
import type { TestSessionStatus } from '../test-sessions/test-session.model.ts';
import type { Verdict } from './proctoring.model.ts';

/** A session no reviewer has judged yet. */
export const NO_VERDICT = 'none';
type VerdictState = Verdict | typeof NO_VERDICT;

/**
 * A clear may later become an invalidation (new evidence, an appeal read again); an
 * invalidation is final: the attempt left the ranking and its application moved back.
 */
export const VERDICT_TRANSITIONS: TransitionTable<VerdictState> = {
  none: ['clear', 'invalidate'],
  clear: ['invalidate'],
  invalidate: [],
};

export const notScoredYet = () =>
  new ConflictError(
    'This attempt is not scored yet: a verdict needs its result. Scoring follows the submission within seconds; try again in a moment.',
    { extensions: { reason: 'not_scored' } },
  );

/**
 * Whether a verdict is new (`record`) or the one already given (`unchanged`: the same request
 * twice has the effect of one). Only a scored session is judged: scoring then never ranks an
 * attempt after it was invalidated.
 */
export const decideVerdict = (
  sessionStatus: TestSessionStatus,
  current: Verdict | undefined,
  requested: Verdict,
): 'record' | 'unchanged' => {
  if (sessionStatus !== 'scored') throw notScoredYet();
  if (current === requested) return 'unchanged';
  assertTransition(VERDICT_TRANSITIONS, 'A verdict', current ?? NO_VERDICT, requested);
  return 'record';
};
