import * as z from 'zod/mini';
import { idPattern } from '../shared/ids.ts';
import { boundedList, listQuery, page } from '../shared/schema.ts';
import { EMAIL_STATUSES, INVITATION_VIEW_STATUSES, INVITE_OUTCOMES, MAX_INVITEES } from './invitation.model.ts';

const candidateId = z.string().check(z.regex(idPattern('candidate'), 'A candidate id such as cand_01J...'));
const assessmentId = z.string().check(z.regex(idPattern('assessment'), 'An id such as asmt_01J...'));

export const InviteCandidatesBody = z.strictObject({
  candidateIds: boundedList(candidateId, MAX_INVITEES).check(
    z.minLength(1, 'Invite at least one candidate'),
    z.refine((ids) => new Set(ids).size === ids.length, 'Each candidate once'),
  ),
});
export type InviteCandidates = z.output<typeof InviteCandidatesBody>;

/** `invitationId` is not held to the id pattern: an id this assessment does not have is a 404 like any other. */
export const InvitationPath = z.strictObject({
  id: assessmentId,
  invitationId: z.string().check(z.maxLength(64)),
});

export const ListInvitationsQuery = z.strictObject({ ...listQuery });
export type ListInvitations = z.output<typeof ListInvitationsQuery>;

/** The staff view: never the link's secret, which exists only in the email. */
export const Invitation = z.object({
  id: z.string(),
  assessmentId: z.string(),
  candidateId: z.string(),
  applicationId: z.string(),
  status: z.enum(INVITATION_VIEW_STATUSES),
  validUntil: z.string(),
  attemptsUsed: z.int(),
  testSessionId: z.optional(z.string()),
  usedAt: z.optional(z.string()),
  revokedAt: z.optional(z.string()),
  sendCount: z.int(),
  lastSentAt: z.optional(z.string()),
  emailStatus: z.optional(z.enum(EMAIL_STATUSES)),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type Invitation = z.output<typeof Invitation>;

export const InvitationPage = page(Invitation);

export const InviteResult = z.object({
  candidateId: z.string(),
  outcome: z.enum(INVITE_OUTCOMES),
  invitationId: z.optional(z.string()),
  emailStatus: z.optional(z.enum(EMAIL_STATUSES)),
  /** Why this candidate was not invited: a stable code and a sentence. */
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});
export type InviteResult = z.output<typeof InviteResult>;

export const InviteResults = z.object({ results: z.array(InviteResult) });

/** The background task's message for a call with more than MAX_INLINE_INVITEES candidates. */
export const BulkInvitationMessage = z.object({
  kind: z.literal('bulk_invitations'),
  tenantId: z.string(),
  taskId: z.string(),
  actorId: z.string(),
  assessmentId,
  candidateIds: z.array(candidateId).check(z.maxLength(MAX_INVITEES)),
});
export type BulkInvitationMessage = z.output<typeof BulkInvitationMessage>;
