import type { DomainEventOf } from '../events/catalogue.ts';
import { matchApplication, rematchCandidate, rematchRequisition } from './rematch.ts';

/** The work events that change skill matches. */
export type MatchingEvent = DomainEventOf<
  'requisition.skills_changed' | 'candidate.skills_changed' | 'application.created'
>;

export const isMatchingEvent = (event: { type: string }): event is MatchingEvent =>
  event.type === 'requisition.skills_changed' ||
  event.type === 'candidate.skills_changed' ||
  event.type === 'application.created';

/**
 * Scores again what an event changed; returns how many pairs were scored. Scoring writes
 * the same match for the same inputs, so a redelivered event changes nothing more.
 */
export const rematchFor = async (event: MatchingEvent): Promise<number> => {
  switch (event.type) {
    case 'requisition.skills_changed':
      return rematchRequisition(event.tenantId, event.payload.requisitionId);
    case 'candidate.skills_changed':
      return rematchCandidate(event.tenantId, event.payload.candidateId);
    case 'application.created':
      return (await matchApplication(event.tenantId, event.payload)) ? 1 : 0;
  }
};
