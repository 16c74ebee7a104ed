import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { isConditionalCheckFailure } from '../shared/db-errors.ts';
import { NotFoundError } from '../shared/errors.ts';
import { derivedId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Page } from '../shared/schema.ts';
import type { MatchResult } from './score.ts';
import { rankKeyOf, SkillMatchEntity, type SkillMatchItem } from './skill-match.entity.ts';
import { SkillMatch } from './skill-match.schema.ts';

export const toSkillMatch = ({ matchId, tenantId: _tenant, ...item }: SkillMatchItem): SkillMatch =>
  SkillMatch.parse({ ...item, id: matchId });

/** One id per pair, however often it is recomputed (seeded by both ids, timed by the requisition's). */
export const matchIdOf = (requisitionId: string, candidateId: string): string =>
  derivedId('skillMatch', requisitionId, `${requisitionId}#${candidateId}`);

export interface UpsertMatch {
  tenantId: string;
  requisitionId: string;
  candidateId: string;
  applicationId?: string | undefined;
  result: MatchResult;
  /** The candidate's extraction id, or `override:<version>`. */
  extractorVersion: string;
  /** The requisition version the result was computed against. */
  requisitionVersion: number;
}

const load = async (tenantId: string, requisitionId: string, candidateId: string): Promise<SkillMatchItem> => {
  const { data } = await SkillMatchEntity.get({ tenantId, requisitionId, candidateId }).go({ consistent: true });
  if (!data) throw new NotFoundError(`No skill match of candidate ${candidateId} for requisition ${requisitionId}.`);
  return data;
};

export const getMatch = async (tenantId: string, requisitionId: string, candidateId: string): Promise<SkillMatch> =>
  toSkillMatch(await load(tenantId, requisitionId, candidateId));

/**
 * Writes the pair's match, replacing every computed field (the first `createdAt` stays).
 * A result computed against an older requisition version than the stored one lost a race
 * with a newer recomputation: it is not written, and the stored match is returned.
 */
export const upsertMatch = async (input: UpsertMatch, clock: Clock = systemClock): Promise<SkillMatch> => {
  const { tenantId, requisitionId, candidateId, result, requisitionVersion } = input;
  try {
    const { data } = await SkillMatchEntity.upsert({
      tenantId,
      requisitionId,
      candidateId,
      matchId: matchIdOf(requisitionId, candidateId),
      ...(input.applicationId === undefined ? {} : { applicationId: input.applicationId }),
      score: result.score,
      rank: rankKeyOf(result.score),
      breakdown: result.breakdown,
      explanation: result.explanation,
      requiredMet: result.requiredMet,
      requiredTotal: result.requiredTotal,
      extractorVersion: input.extractorVersion,
      requisitionVersion,
      computedAt: isoNow(clock),
    })
      .where((attributes, { notExists, lte }) =>
        [notExists(attributes.requisitionVersion), lte(attributes.requisitionVersion, requisitionVersion)].join(' OR '),
      )
      .go({ response: 'all_new' });
    return toSkillMatch(data);
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    return toSkillMatch(await load(tenantId, requisitionId, candidateId));
  }
};

export interface ListMatches {
  limit: number;
  cursor?: string | undefined;
  /** Only matches scoring at least this much: a bound on the index's sort key, so pages stay full. */
  minScore?: number | undefined;
}

/** A requisition's matches, best first (ties by candidate id), read in that order from the index. */
export const listMatchesForRequisition = async (
  tenantId: string,
  requisitionId: string,
  { limit, cursor, minScore }: ListMatches,
): Promise<Page<SkillMatch>> => {
  const index = SkillMatchEntity.query.byRequisitionScore({ tenantId, requisitionId });
  // Every sort key of score >= minScore sorts below the bare rank of minScore - 1.
  const query =
    minScore === undefined ? index : index.between({ rank: rankKeyOf(100) }, { rank: rankKeyOf(minScore - 1) });
  return pageOf(query, 'gsi1pk', { limit, cursor, order: 'asc' }, toSkillMatch);
};

const BATCH_ATTEMPTS = 3;

/** Deletes every match of a candidate (erasure); returns how many there were. */
export const deleteMatchesOfCandidate = async (tenantId: string, candidateId: string): Promise<number> => {
  const { data } = await SkillMatchEntity.query
    .byCandidate({ tenantId, candidateId })
    .go({ pages: 'all', attributes: ['tenantId', 'requisitionId', 'candidateId'] });
  let keys = data.map(({ requisitionId }) => ({ tenantId, requisitionId, candidateId }));
  for (let attempt = 1; keys.length; attempt++) {
    const { unprocessed } = await SkillMatchEntity.delete(keys).go();
    if (unprocessed.length && attempt >= BATCH_ATTEMPTS) {
      throw new Error(`${unprocessed.length} skill matches of candidate ${candidateId} could not be deleted.`);
    }
    keys = unprocessed.map(({ requisitionId }) => ({ tenantId, requisitionId, candidateId }));
  }
  return data.length;
};
