import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { EMAIL_STATUSES, INVITATION_STATUSES } from './invitation.model.ts';

/**
 * AssessmentToken: one candidate's invitation to one assessment. The link's secret is shown
 * once, in the email, and stored only as its SHA-256 hash; resending rotates it. The id is
 * derived from the pair, so a candidate has one invitation per assessment, however often
 * they are invited (creation is conditional on the key).
 *
 * Access patterns:
 * - byId          table  pk: tenant + invitation id               -> one invitation
 * - byTokenHash   gsi1   pk: token hash                           -> the invitation a link names
 * - byAssessment  gsi2   pk: tenant + assessment  sk: id          -> an assessment's, newest first
 * - byCandidate   gsi3   pk: tenant + candidate   sk: id          -> a candidate's, newest first
 *
 * byTokenHash is the one key without the tenant: a candidate holds nothing but the secret,
 * and its hash (256 random bits) cannot be guessed or enumerated, so it reveals no tenant.
 */
export const InvitationEntity = new Entity(
  {
    model: { entity: 'assessment_token', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      invitationId: { type: 'string', required: true, readOnly: true },
      assessmentId: { type: 'string', required: true, readOnly: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      requisitionId: { type: 'string', required: true, readOnly: true },
      applicationId: { type: 'string', required: true },
      tokenHash: { type: 'string', required: true },
      status: { type: INVITATION_STATUSES, required: true },
      /** ISO: the link works until then. */
      validUntil: { type: 'string', required: true },
      /** Sessions started with this invitation (one per link; a resend after a submitted attempt allows another). */
      attemptsUsed: { type: 'number', required: true, default: 0 },
      testSessionId: { type: 'string' },
      usedAt: { type: 'string' },
      revokedAt: { type: 'string' },
      revokedBy: { type: 'string' },
      sendCount: { type: 'number', required: true, default: 0 },
      lastSentAt: { type: 'string' },
      emailStatus: { type: EMAIL_STATUSES },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'invitationId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byTokenHash: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tokenHash'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: [], casing: 'none' },
      },
      byAssessment: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'assessmentId'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['invitationId'], casing: 'none' },
      },
      byCandidate: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['tenantId', 'candidateId'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['invitationId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type InvitationItem = EntityItem<typeof InvitationEntity>;
