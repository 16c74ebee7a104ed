import { timingSafeEqual } from 'node:crypto';
import { auditWrite } from '../platform/audit.ts';
import { type Clock, systemClock } from '../shared/clock.ts';
import { NotFoundError, UnauthorizedError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { type Principal, systemPrincipal } from '../shared/principal.ts';
import { put, type TransactionWrite, transactWrite, update } from '../shared/transaction.ts';
import { type CandidateIdentity, issueAccessToken, type TokenOptions } from './candidate-token.ts';
import { RefreshFamilyEntity, type RefreshFamilyItem, RefreshTokenEntity } from './refresh-token.entity.ts';
import { KEEP_AFTER_EXPIRY_SECONDS, type RevocationReason, type SessionTokens } from './refresh-token.model.ts';
import { formatRefreshToken, hashSecret, newSecret, parseRefreshToken } from './token-secrets.ts';

/** The test session a family is issued for. */
export type FamilySession = Omit<CandidateIdentity, 'familyId'>;

/** A family this close to its end issues no more tokens: an access token of under a second is no token. */
const MIN_REMAINING_MS = 1_000;

/** One answer for every refused refresh token; the reason (in `cause`) is for the logs only. */
const refused = (reason: string): UnauthorizedError =>
  new UnauthorizedError('The refresh token is invalid, expired or revoked. Open your invitation link again.', {
    cause: new Error(reason),
  });

/** Raised by a rotation's own conditions: the token was rotated, or the family revoked, since we read it. */
class LostRotationError extends Error {}

/** Raised by a revocation's own condition: someone revoked the family first, which is what we wanted. */
class AlreadyRevokedError extends Error {}

const sameHash = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

const readFamily = async (tenantId: string, familyId: string): Promise<RefreshFamilyItem | null> =>
  (await RefreshFamilyEntity.get({ tenantId, familyId }).go({ consistent: true })).data;

/** A refresh token and the access token that goes with it, and the item of the refresh token. */
const mintTokens = async (
  identity: CandidateIdentity,
  validUntil: string,
  options: TokenOptions,
): Promise<{ tokens: SessionTokens; token: { tokenId: string; tokenHash: string } }> => {
  const secret = newSecret();
  const access = await issueAccessToken(identity, { ...options, notAfter: new Date(validUntil) });
  return {
    tokens: {
      accessToken: access.accessToken,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: formatRefreshToken({ tenantId: identity.tenantId, familyId: identity.familyId, secret }),
      refreshTokenExpiresAt: validUntil,
      familyId: identity.familyId,
    },
    token: { tokenId: newId('refreshToken'), tokenHash: hashSecret(secret) },
  };
};

/**
 * The writes that start a family, and the tokens they stand for, for a caller that must
 * start it in the same transaction as something else (e.g. consuming the invitation).
 * Nothing is valid until the writes are committed.
 */
export const prepareFamily = async (
  session: FamilySession,
  { lifetimeSeconds }: { lifetimeSeconds: number },
  { clock = systemClock, ...options }: TokenOptions = {},
): Promise<{ tokens: SessionTokens; writes: TransactionWrite[] }> => {
  if (!Number.isFinite(lifetimeSeconds) || lifetimeSeconds * 1000 < MIN_REMAINING_MS) {
    throw new Error(`A refresh token family needs a lifetime of at least a second, not ${lifetimeSeconds}.`);
  }
  const validUntilMs = clock.now().getTime() + Math.floor(lifetimeSeconds * 1000);
  const validUntil = new Date(validUntilMs).toISOString();
  const identity: CandidateIdentity = { ...session, familyId: newId('refreshFamily') };
  const { tokens, token } = await mintTokens(identity, validUntil, { ...options, clock });
  const common = { ...identity, validUntil, expiresAt: Math.floor(validUntilMs / 1000) + KEEP_AFTER_EXPIRY_SECONDS };
  return {
    tokens,
    writes: [
      put(
        RefreshFamilyEntity.create({
          ...common,
          currentTokenId: token.tokenId,
          currentTokenHash: token.tokenHash,
          rotations: 0,
        }).params(),
      ),
      put(RefreshTokenEntity.create({ ...common, ...token }).params()),
    ],
  };
};

/**
 * Starts the refresh-token family of a test session and returns its first tokens. The
 * family ends `lifetimeSeconds` from now however often it is rotated (the caller sets it
 * to the session's deadline plus a margin); each access token lasts 15 minutes at most.
 */
export const startFamily = async (
  session: FamilySession,
  lifetime: { lifetimeSeconds: number },
  options: TokenOptions = {},
): Promise<SessionTokens> => {
  const { tokens, writes } = await prepareFamily(session, lifetime, options);
  await transactWrite(writes);
  return tokens;
};

const revocationWrites = (
  head: Pick<RefreshFamilyItem, 'tenantId' | 'familyId'>,
  reason: RevocationReason,
  actor: Principal,
  now: string,
): TransactionWrite[] => [
  update(
    RefreshFamilyEntity.patch({ tenantId: head.tenantId, familyId: head.familyId })
      .set({ revokedAt: now, revokedReason: reason })
      .where(({ revokedAt }, { notExists }) => notExists(revokedAt))
      .params(),
    () => new AlreadyRevokedError(),
  ),
  auditWrite(actor, {
    action: 'refresh_family.revoked',
    entityType: 'refresh_family',
    entityId: head.familyId,
    tenantId: head.tenantId,
    after: { revokedAt: now, revokedReason: reason },
  }),
];

/** The system acting on a family, for the audit entry of a revocation nobody on the staff asked for. */
const familyActor = (tenantId: string, requestId: string | undefined, familyId: string): Principal =>
  systemPrincipal(tenantId, requestId ?? `refresh-family:${familyId}`);

/**
 * Ends a family at once: no rotation and (through isFamilyRevoked) no access token of it
 * works any more. Revoking a revoked family changes nothing; an unknown family is a 404.
 */
export const revokeFamily = async (
  tenantId: string,
  familyId: string,
  reason: RevocationReason,
  { actor, clock = systemClock }: { actor?: Principal; clock?: Clock } = {},
): Promise<void> => {
  const head = await readFamily(tenantId, familyId);
  if (!head) throw new NotFoundError(`Refresh token family ${familyId} was not found.`);
  if (head.revokedAt !== undefined) return;
  try {
    await transactWrite(
      revocationWrites(head, reason, actor ?? familyActor(tenantId, undefined, familyId), clock.now().toISOString()),
    );
  } catch (error) {
    if (!(error instanceof AlreadyRevokedError)) throw error;
  }
};

/**
 * The revocation of a family as one write of the caller's transaction (e.g. with the
 * session's submission, which writes its own audit entry). It keeps the first revocation's
 * time and reason when the family was already revoked.
 */
export const familyRevokedWrite = (
  tenantId: string,
  familyId: string,
  reason: RevocationReason,
  clock: Clock = systemClock,
): TransactionWrite =>
  update(
    RefreshFamilyEntity.patch({ tenantId, familyId })
      .ifNotExists({ revokedAt: clock.now().toISOString(), revokedReason: reason })
      .params(),
    () => new NotFoundError(`Refresh token family ${familyId} was not found.`),
  );

/**
 * True when the family's tokens must no longer be honoured: revoked, or gone (removed by
 * TTL, or never issued). A strongly consistent read, so a revocation applies to the very
 * next request.
 */
export const isFamilyRevoked = async (tenantId: string, familyId: string): Promise<boolean> => {
  const head = await readFamily(tenantId, familyId);
  return head === null || head.revokedAt !== undefined;
};

/** Whether `tokenHash` is of a token this family ever issued: the whole family, read consistently. */
const issuedIn = async (tenantId: string, familyId: string, tokenHash: string): Promise<boolean> => {
  const { data } = await RefreshTokenEntity.query
    .byFamily({ tenantId, familyId })
    .where(({ tokenHash: hash }, { eq }) => eq(hash, tokenHash))
    .go({ consistent: true, pages: 'all', attributes: ['tokenId'] });
  return data.length > 0;
};

/**
 * Exchanges a refresh token for a new access token and the next refresh token; the one
 * presented stops working. Presenting a token that was already rotated means two parties
 * hold the family (a stolen copy, or a client that kept an old one): the whole family is
 * revoked, so both must open the invitation again. Of two concurrent rotations of the same
 * token exactly one wins and the other counts as such a replay (OAuth 2.1, section 4.3.1):
 * clients must refresh one at a time.
 */
export const rotateRefreshToken = async (
  presented: string,
  { requestId, clock = systemClock, ...options }: TokenOptions & { requestId?: string } = {},
): Promise<SessionTokens> => {
  const parts = parseRefreshToken(presented);
  if (!parts) throw refused('malformed refresh token');
  const { tenantId, familyId } = parts;
  const presentedHash = hashSecret(parts.secret);
  const head = await readFamily(tenantId, familyId);
  if (!head) throw refused('unknown family');
  if (head.revokedAt !== undefined) throw refused('family revoked');
  const revokeForReplay = async () => {
    await revokeFamily(tenantId, familyId, 'reuse_detected', {
      actor: familyActor(tenantId, requestId, familyId),
      clock,
    });
    return refused('refresh token replayed: family revoked');
  };
  if (!sameHash(presentedHash, head.currentTokenHash)) {
    if (await issuedIn(tenantId, familyId, presentedHash)) throw await revokeForReplay();
    throw refused('unknown refresh token');
  }
  const now = clock.now();
  if (Date.parse(head.validUntil) - now.getTime() < MIN_REMAINING_MS) throw refused('family expired');

  const identity: CandidateIdentity = {
    tenantId,
    familyId,
    testSessionId: head.testSessionId,
    assessmentId: head.assessmentId,
    candidateId: head.candidateId,
  };
  const { tokens, token } = await mintTokens(identity, head.validUntil, { ...options, clock });
  const key = { tenantId, familyId };
  try {
    await transactWrite([
      update(
        RefreshTokenEntity.patch({ ...key, tokenId: head.currentTokenId })
          .set({ rotatedAt: now.toISOString(), replacedBy: token.tokenId })
          .where(({ rotatedAt }, { notExists }) => notExists(rotatedAt))
          .params(),
        () => new LostRotationError(),
      ),
      put(
        RefreshTokenEntity.create({
          ...identity,
          ...token,
          validUntil: head.validUntil,
          expiresAt: head.expiresAt,
        }).params(),
      ),
      update(
        RefreshFamilyEntity.patch(key)
          .set({ currentTokenId: token.tokenId, currentTokenHash: token.tokenHash })
          .add({ rotations: 1 })
          .where(
            ({ currentTokenId, revokedAt }, { eq, notExists }) =>
              `${eq(currentTokenId, head.currentTokenId)} AND ${notExists(revokedAt)}`,
          )
          .params(),
        () => new LostRotationError(),
      ),
    ]);
  } catch (error) {
    if (!(error instanceof LostRotationError)) throw error;
    throw await revokeForReplay();
  }
  return tokens;
};
