/** The vocabulary of an assessment invitation (the AssessmentToken of the design). */

/** `expired` is not stored: a pending invitation past `validUntil` reads as expired. */
export const INVITATION_STATUSES = ['pending', 'used', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const INVITATION_VIEW_STATUSES = [...INVITATION_STATUSES, 'expired'] as const;
export type InvitationViewStatus = (typeof INVITATION_VIEW_STATUSES)[number];

export const EMAIL_STATUSES = ['sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** One call invites at most this many candidates. */
export const MAX_INVITEES = 500;
/** Up to this many are invited within the request; more go to a background task (202). */
export const MAX_INLINE_INVITEES = 10;

/** What happened to one candidate of an invitation call. */
export const INVITE_OUTCOMES = ['invited', 'already_invited', 'failed'] as const;
export type InviteOutcome = (typeof INVITE_OUTCOMES)[number];
