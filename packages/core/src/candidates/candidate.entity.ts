import { Entity, type EntityItem } from 'electrodb';
import { extractedSkillAttribute, statedSkillAttribute } from '../extraction/skill.attributes.ts';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { CANDIDATE_SOURCES, CANDIDATE_STATUSES } from './candidate.model.ts';

/**
 * Candidate: a person the tenant may hire. Email and phone are stored encrypted under the
 * candidate's own data key (`wrappedKey`), so deleting that key shreds them everywhere,
 * backups included (see docs/personal-data.md).
 *
 * Access patterns:
 * - byId      table  pk: tenant + candidate id   -> one candidate
 * - byTenant  gsi1   pk: tenant      sk: id      -> the tenant's candidates, newest first (erased ones left out)
 * - by email: no index. The UniqueValue claim (kind candidate-email, value = the email's blind
 *   index, owner = candidate id) is a Get that finds the candidate and, written in the same
 *   transaction, keeps two candidates of a tenant from sharing an email.
 */
const links = {
  type: 'map',
  required: true,
  default: () => ({}),
  properties: { linkedin: { type: 'string' }, github: { type: 'string' }, portfolio: { type: 'string' } },
} as const;

export const CandidateEntity = new Entity(
  {
    model: { entity: 'candidate', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      fullName: { type: 'string', required: true },
      /** `v1.<iv>.<ciphertext>.<tag>` under the data key; see shared/pii/envelope. */
      emailEncrypted: { type: 'string', required: true },
      /** Blind index of the email: the value of its UniqueValue claim, kept to release that claim. */
      emailIndex: { type: 'string', required: true },
      phoneEncrypted: { type: 'string' },
      location: { type: 'string' },
      links,
      source: { type: CANDIDATE_SOURCES, required: true, default: 'other' },
      tags: { type: 'list', required: true, default: () => [], items: { type: 'string' } },
      consent: {
        type: 'map',
        properties: { givenAt: { type: 'string', required: true }, purpose: { type: 'string', required: true } },
      },
      /** The candidate's data key, wrapped by the master key under {tenantId, candidateId}. Never shown. */
      wrappedKey: { type: 'string', required: true },
      /** What the last extraction of the resume found; replaced by each new extraction. */
      extractedSkills: { type: 'list', required: true, default: () => [], items: extractedSkillAttribute },
      extractedFrom: {
        type: 'map',
        properties: {
          documentId: { type: 'string', required: true },
          extractionId: { type: 'string', required: true },
          at: { type: 'string', required: true },
        },
      },
      /** A recruiter's own list, which wins over the extracted one until it is cleared. */
      skillOverride: { type: 'list', items: statedSkillAttribute },
      /** When the override was set: an extraction after it makes the override worth a second look. */
      skillOverrideAt: { type: 'string' },
      resumeDocumentId: { type: 'string' },
      status: { type: CANDIDATE_STATUSES, required: true, default: 'active' },
      isActive: { type: 'boolean', required: true, default: true },
      /** Set by erasure (see candidate.erasure.ts): who asked and when; `completedAt` once nothing of the person is left. */
      erasure: {
        type: 'map',
        properties: {
          requestedAt: { type: 'string', required: true },
          requestedBy: { type: 'string', required: true },
          completedAt: { type: 'string' },
        },
      },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'candidateId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byTenant: {
        index: 'gsi1',
        // Sparse: an erased candidate leaves the list when erasure sets its status.
        condition: (attributes) => attributes.status !== 'erased',
        pk: { field: 'gsi1pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['candidateId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type CandidateItem = EntityItem<typeof CandidateEntity>;
