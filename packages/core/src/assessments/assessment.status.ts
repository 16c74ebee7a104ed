import type { TransitionTable } from '../shared/state-machine.ts';
import type { AssessmentStatus } from './assessment.model.ts';

/**
 * A published assessment is frozen in content (its questions are snapshotted) and takes
 * invitations; archiving stops new invitations, and sessions already started run to the end.
 */
export const ASSESSMENT_TRANSITIONS: TransitionTable<AssessmentStatus> = {
  draft: ['published', 'archived'],
  published: ['archived'],
  archived: [],
};
