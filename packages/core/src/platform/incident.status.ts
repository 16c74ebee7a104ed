import type { TransitionTable } from '../shared/state-machine.ts';
import type { IncidentStatus } from './incident.model.ts';

/**
 * The incident lifecycle only moves forward: open -> investigating -> mitigated -> resolved.
 * An open or investigating incident may also be resolved at once, for a false alarm or a
 * problem that went away before anyone mitigated it. Resolved is final: a problem that
 * comes back is a new incident, so each incident's timeline tells one story.
 */
export const INCIDENT_TRANSITIONS: TransitionTable<IncidentStatus> = {
  open: ['investigating', 'resolved'],
  investigating: ['mitigated', 'resolved'],
  mitigated: ['resolved'],
  resolved: [],
};

/**
 * The most status changes an incident in `status` can still make: the longest path to a
 * final status. The timeline keeps room for them (the table has no cycles).
 */
export const statusChangesLeft = (status: IncidentStatus): number =>
  Math.max(0, ...INCIDENT_TRANSITIONS[status].map((next) => 1 + statusChangesLeft(next)));
