import { ConflictError, GoneError } from '../shared/errors.ts';
import type { TestSessionItem } from '../test-sessions/test-session.entity.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last moment an appeal is taken: `windowDays` whole days after the attempt was submitted. */
export const appealClosesAt = (submittedAt: string, windowDays: number): string =>
  new Date(Date.parse(submittedAt) + windowDays * DAY_MS).toISOString();

export const alreadyAppealed = () =>
  new ConflictError('This attempt was already appealed: one appeal per attempt.', {
    extensions: { reason: 'already_appealed' },
  });

/**
 * Whether the candidate may appeal their attempt now: only once it is over (the evidence is
 * complete), and within the tenant's window after its submission. A window of 0 days means
 * the tenant takes no appeals.
 */
export const assertAppealable = (
  session: Pick<TestSessionItem, 'status' | 'submittedAt'> | undefined,
  windowDays: number,
  now: string,
): void => {
  if (!session) {
    throw new ConflictError('There is no attempt to appeal: start the assessment first.', {
      extensions: { reason: 'no_attempt' },
    });
  }
  if (session.status === 'in_progress' || !session.submittedAt) {
    throw new ConflictError('Your attempt is still open: appeal once it is submitted.', {
      extensions: { reason: 'session_in_progress' },
    });
  }
  if (windowDays <= 0) {
    throw new GoneError('This organisation does not take appeals of proctoring evidence.', {
      extensions: { reason: 'appeals_off' },
    });
  }
  const closesAt = appealClosesAt(session.submittedAt, windowDays);
  if (now > closesAt) {
    throw new GoneError(`Appeals for this attempt closed at ${closesAt}.`, {
      extensions: { reason: 'appeal_window_closed', closedAt: closesAt },
    });
  }
};
