import * as z from 'zod/mini';
import { MAX_REFRESH_TOKEN_LENGTH } from './token-secrets.ts';

/** Why a family stopped working; kept on its head item and in the audit entry. */
export const REVOCATION_REASONS = [
  /** A refresh token was presented after it had been rotated: someone else may hold a copy. */
  'reuse_detected',
  /** The session is over (submitted, expired, cancelled): its tokens must stop working at once. */
  'session_ended',
  /** Staff ended the candidate's access, e.g. the invitation was withdrawn. */
  'access_withdrawn',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** What a candidate holds after an exchange or a rotation. The secrets are shown once and never stored. */
export interface SessionTokens {
  accessToken: string;
  /** ISO instant; at most ACCESS_TOKEN_TTL_SECONDS away, never after `refreshTokenExpiresAt`. */
  accessTokenExpiresAt: string;
  refreshToken: string;
  /** ISO instant the whole family ends; rotation does not move it. */
  refreshTokenExpiresAt: string;
  familyId: string;
}

/** Items are kept this long past the family's end, so a late replay is still recognised (and refused) as one. */
export const KEEP_AFTER_EXPIRY_SECONDS = 24 * 60 * 60;

/** The body of a refresh request; longer strings are not refresh tokens of ours. */
export const RefreshTokenBody = z.strictObject({
  refreshToken: z.string().check(z.minLength(1), z.maxLength(MAX_REFRESH_TOKEN_LENGTH)),
});
export type RefreshTokenBody = z.output<typeof RefreshTokenBody>;

/** The response of an exchange or a rotation. */
export const SessionTokensView = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.iso.datetime(),
  familyId: z.string(),
});
