import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { REVOCATION_REASONS } from './refresh-token.model.ts';

/**
 * A refresh-token family: every refresh token issued for one test session from one
 * invitation exchange, rotated one after the other. Two kinds of item share the family's
 * partition, so they are defined together: the head (what is true of the family now) and
 * one item per token ever issued (so a replayed old token is recognised as one).
 *
 * Access patterns (the tenant is always the first composite; no index is used):
 * - head      table  pk: tenant + family  sk: (fixed)   -> the family: revoked? current token? (one consistent GetItem)
 * - byFamily  table  pk: tenant + family  sk: token id  -> every token of the family, oldest first (one consistent Query)
 *
 * Expiry: `validUntil` (ISO) is when the family stops working; `expiresAt` (epoch seconds,
 * the table's TTL attribute) is when DynamoDB removes the item, a day later.
 * Secrets are never stored: `currentTokenHash` and `tokenHash` are SHA-256 of them.
 */
const family = {
  tenantId: { type: 'string', required: true, readOnly: true },
  familyId: { type: 'string', required: true, readOnly: true },
  testSessionId: { type: 'string', required: true, readOnly: true },
  assessmentId: { type: 'string', required: true, readOnly: true },
  candidateId: { type: 'string', required: true, readOnly: true },
  validUntil: { type: 'string', required: true, readOnly: true },
  expiresAt: { type: 'number', required: true, readOnly: true },
  createdAt: trackedAttributes.createdAt,
  updatedAt: trackedAttributes.updatedAt,
} as const;

export const RefreshFamilyEntity = new Entity(
  {
    model: { entity: 'refresh_family', version: '1', service: 'assist-ten' },
    attributes: {
      ...family,
      /** The one token of the family that may be rotated now. */
      currentTokenId: { type: 'string', required: true },
      currentTokenHash: { type: 'string', required: true },
      rotations: { type: 'number', required: true, default: 0 },
      /** Once set, nothing of the family works any more: no rotation, no access token (see isFamilyRevoked). */
      revokedAt: { type: 'string' },
      revokedReason: { type: REVOCATION_REASONS },
    },
    indexes: {
      head: {
        pk: { field: 'pk', composite: ['tenantId', 'familyId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type RefreshFamilyItem = EntityItem<typeof RefreshFamilyEntity>;

export const RefreshTokenEntity = new Entity(
  {
    model: { entity: 'refresh_token', version: '1', service: 'assist-ten' },
    attributes: {
      ...family,
      tokenId: { type: 'string', required: true, readOnly: true },
      tokenHash: { type: 'string', required: true, readOnly: true },
      /** Set when the token was exchanged for its successor; presenting it again is a replay. */
      rotatedAt: { type: 'string' },
      replacedBy: { type: 'string' },
    },
    indexes: {
      byFamily: {
        pk: { field: 'pk', composite: ['tenantId', 'familyId'], casing: 'none' },
        sk: { field: 'sk', composite: ['tokenId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type RefreshTokenItem = EntityItem<typeof RefreshTokenEntity>;
