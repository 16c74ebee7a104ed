import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';
import { NOT_INDEXED, SUBMISSIONS, TEST_SESSION_KINDS, TEST_SESSION_STATUSES } from './test-session.model.ts';

/**
 * TestSession: one sitting of a test, by a candidate (an assessment, through an invitation)
 * or by a staff user practising on a question set. Its questions are fixed when it starts,
 * in the order (shuffled or not) this session shows them; answers are separate items.
 *
 * Access patterns (the tenant is always the first composite, except the sweep's index):
 * - byId       table  pk: tenant + session id                    -> one session
 * - byScope    gsi1   pk: tenant + assessment (or question set)  sk: id -> its sessions, newest first
 * - ranking    gsi2   pk: tenant + assessment  sk: rank key      -> scored sessions, best first (sparse)
 * - due        gsi3   pk: due shard  sk: deadline                -> open sessions by deadline (sparse)
 * - byOwner    gsi4   pk: tenant + candidate (or user)  sk: id   -> someone's sessions, newest first
 *
 * `due` is the platform's timer, not a tenant's data: the sweep reads which sessions of any
 * tenant are past their deadline, and then works on each one through its tenant's key.
 */
export const TestSessionEntity = new Entity(
  {
    model: { entity: 'test_session', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      testSessionId: { type: 'string', required: true, readOnly: true },
      kind: { type: TEST_SESSION_KINDS, required: true, readOnly: true },
      /** The assessment (kind assessment) or the question set (kind practice). */
      scopeId: { type: 'string', required: true, readOnly: true },
      /** The candidate (kind assessment) or the user (kind practice). */
      ownerId: { type: 'string', required: true, readOnly: true },
      assessmentId: { type: 'string', readOnly: true },
      questionSetId: { type: 'string', readOnly: true },
      invitationId: { type: 'string', readOnly: true },
      applicationId: { type: 'string', readOnly: true },
      requisitionId: { type: 'string', readOnly: true },
      attempt: { type: 'number', required: true, readOnly: true },
      status: { type: TEST_SESSION_STATUSES, required: true },
      /** In the order this session shows them. */
      questionIds: { type: 'list', required: true, readOnly: true, items: { type: 'string' } },
      shuffleOptions: { type: 'boolean', required: true, readOnly: true },
      startedAt: { type: 'string', required: true, readOnly: true },
      /** ISO; the server's clock is the only clock. Practice has none. */
      deadline: { type: 'string' },
      submittedAt: { type: 'string' },
      submission: { type: SUBMISSIONS },
      scoredAt: { type: 'string' },
      /** A reviewer found the attempt void (proctoring verdict): it left the ranking and counts for nothing. */
      invalidatedAt: { type: 'string' },
      invalidatedBy: { type: 'string' },
      /** The candidate's refresh-token family: revoking it ends the candidate's access. */
      familyId: { type: 'string' },
      result: {
        type: 'map',
        properties: {
          earned: { type: 'number', required: true },
          possible: { type: 'number', required: true },
          percentage: { type: 'number', required: true },
          passed: { type: 'boolean', required: true },
          needsReview: { type: 'boolean', required: true },
          questionCount: { type: 'number', required: true },
          answeredCount: { type: 'number', required: true },
          perSkill: {
            type: 'list',
            items: {
              type: 'map',
              properties: {
                skill: { type: 'string', required: true },
                earned: { type: 'number', required: true },
                possible: { type: 'number', required: true },
                percentage: { type: 'number', required: true },
              },
            },
          },
        },
      },
      /**
       * `s0`..`s3` while open with a deadline, NOT_INDEXED once finished (the due index is
       * sparse); absent, with the deadline, for a practice, which has no deadline.
       */
      dueShard: { type: 'string' },
      /** Zero-padded `10000 - percentage x 100`, then the id, once scored; NOT_INDEXED before. */
      rankKey: { type: 'string', required: true, default: NOT_INDEXED },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true, default: 1 },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'testSessionId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byScope: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'scopeId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['testSessionId'], casing: 'none' },
      },
      ranking: {
        index: 'gsi2',
        condition: (attributes) => attributes.rankKey !== NOT_INDEXED,
        pk: { field: 'gsi2pk', composite: ['tenantId', 'scopeId'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['rankKey'], casing: 'none' },
      },
      due: {
        index: 'gsi3',
        condition: (attributes) => attributes.dueShard !== undefined && attributes.dueShard !== NOT_INDEXED,
        pk: { field: 'gsi3pk', composite: ['dueShard'], casing: 'none' },
        // The deadline alone: index keys need not be unique, and a practice (no deadline, no
        // shard) then names none of this index's composites, which a sparse index requires.
        sk: { field: 'gsi3sk', composite: ['deadline'], casing: 'none' },
      },
      byOwner: {
        index: 'gsi4',
        pk: { field: 'gsi4pk', composite: ['tenantId', 'ownerId'], casing: 'none' },
        sk: { field: 'gsi4sk', composite: ['testSessionId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type TestSessionItem = EntityItem<typeof TestSessionEntity>;
