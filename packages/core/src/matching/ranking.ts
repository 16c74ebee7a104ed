import { CandidateEntity } from '../candidates/candidate.entity.ts';
import { getRequisition } from '../requisitions/requisition.service.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import type { ListMatchesInput, RankedCandidate } from './ranking.schema.ts';
import { listMatchesForRequisition } from './skill-match.service.ts';

/**
 * A requisition's candidates, best match first, read in that order from the score index;
 * each page's names come from one batch read. An erased candidate's match is left out.
 */
export const rankCandidates = async (
  actor: Principal,
  requisitionId: string,
  input: ListMatchesInput,
): Promise<Page<RankedCandidate>> => {
  await getRequisition(actor, requisitionId);
  const matches = await listMatchesForRequisition(actor.tenantId, requisitionId, input);
  if (!matches.items.length) return { items: [], nextCursor: matches.nextCursor };
  const { data } = await CandidateEntity.get(
    matches.items.map(({ candidateId }) => ({ tenantId: actor.tenantId, candidateId })),
  ).go({ attributes: ['candidateId', 'fullName', 'status'] });
  const names = new Map(
    data
      .filter((candidate) => candidate.status !== 'erased')
      .map((candidate) => [candidate.candidateId, candidate.fullName]),
  );
  return {
    items: matches.items.flatMap((match) => {
      const fullName = names.get(match.candidateId);
      return fullName === undefined ? [] : [{ ...match, candidate: { id: match.candidateId, fullName } }];
    }),
    nextCursor: matches.nextCursor,
  };
};
