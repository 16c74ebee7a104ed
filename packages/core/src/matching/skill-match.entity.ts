import { Entity, type EntityItem } from 'electrodb';
import { SKILL_REQUIREMENTS } from '../extraction/extractor.ts';
import { SKILL_PROFICIENCIES } from '../requisitions/requisition.model.ts';
import { isoNow } from '../shared/clock.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { MATCH_STATUSES } from './score.ts';

/** A score as the ranking index sorts it: zero-padded and inverted, so ascending order is best first. */
export const rankKeyOf = (score: number): string => String(100 - score).padStart(3, '0');

/**
 * SkillMatch: how well one candidate's skills cover one requisition's, computed by the
 * system (no person edits it, so no `version` or `createdBy`). Recomputing a pair replaces
 * its item; `requisitionVersion` says which version of the requisition it scored against.
 *
 * Access patterns:
 * - byPair              table  pk: tenant + requisition + candidate           -> the pair's match (one per pair: upsert)
 * - byRequisitionScore  gsi1   pk: tenant + requisition  sk: rank + candidate -> best first, a minimum score
 *                                                                               being a sort-key bound, not a filter
 * - byCandidate         gsi2   pk: tenant + candidate    sk: requisition      -> a candidate's matches (recompute, erase)
 */
export const SkillMatchEntity = new Entity(
  {
    model: { entity: 'skill_match', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      requisitionId: { type: 'string', required: true, readOnly: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      matchId: { type: 'string', required: true, readOnly: true },
      applicationId: { type: 'string' },
      score: { type: 'number', required: true },
      /** `rankKeyOf(score)`, kept by the writes that set the score. */
      rank: { type: 'string', required: true, hidden: true },
      breakdown: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            skill: { type: 'string', required: true },
            requirement: { type: SKILL_REQUIREMENTS, required: true },
            wanted: { type: SKILL_PROFICIENCIES, required: true },
            has: { type: SKILL_PROFICIENCIES },
            status: { type: MATCH_STATUSES, required: true },
            gap: { type: 'number', required: true },
          },
        },
      },
      explanation: { type: 'string', required: true },
      requiredMet: { type: 'number', required: true },
      requiredTotal: { type: 'number', required: true },
      /** Which skills were scored: the candidate's extraction id, or `override:<version>` for a recruiter's edit. */
      extractorVersion: { type: 'string', required: true },
      requisitionVersion: { type: 'number', required: true },
      computedAt: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true, default: () => isoNow() },
      updatedAt: { type: 'string', required: true, watch: '*', default: () => isoNow(), set: () => isoNow() },
    },
    indexes: {
      byPair: {
        pk: { field: 'pk', composite: ['tenantId', 'requisitionId', 'candidateId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byRequisitionScore: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'requisitionId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['rank', 'candidateId'], casing: 'none' },
      },
      byCandidate: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'candidateId'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['requisitionId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type SkillMatchItem = EntityItem<typeof SkillMatchEntity>;
