import { createHash, randomBytes } from 'node:crypto';
import { idPattern } from '../shared/ids.ts';

const SECRET_BYTES = 32;
/** 32 bytes in base64url without padding. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const TENANT_ID = idPattern('tenant');
const FAMILY_ID = idPattern('refreshFamily');

/** A tenant id, a family id and a secret with their dots, with room to spare; anything longer is not ours. */
export const MAX_REFRESH_TOKEN_LENGTH = 200;

/** 256 random bits, base64url: what invitation links and refresh tokens carry, shown once and never stored. */
export const newSecret = (): string => randomBytes(SECRET_BYTES).toString('base64url');

/** What is stored instead of a secret: a leaked table or log then opens no session. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export interface RefreshTokenParts {
  tenantId: string;
  familyId: string;
  secret: string;
}

/** A refresh token names where its family lives, so a rotation is a read by key, never a lookup by hash. */
export const formatRefreshToken = ({ tenantId, familyId, secret }: RefreshTokenParts): string =>
  `${tenantId}.${familyId}.${secret}`;

/** The parts of a presented refresh token, or undefined for anything we did not issue the shape of. */
export const parseRefreshToken = (presented: unknown): RefreshTokenParts | undefined => {
  if (typeof presented !== 'string' || presented.length > MAX_REFRESH_TOKEN_LENGTH) return undefined;
  const [tenantId = '', familyId = '', secret = '', ...rest] = presented.split('.');
  if (rest.length || !TENANT_ID.test(tenantId) || !FAMILY_ID.test(familyId) || !SECRET_PATTERN.test(secret)) {
    return undefined;
  }
  return { tenantId, familyId, secret };
};
