import { NotFoundError, UnauthorizedError } from '@assist-ten/core/shared/errors';
import { newId } from '@assist-ten/core/shared/ids';
import type { SessionTokens } from '@assist-ten/core/test-sessions/refresh-token.model';
import { parseRefreshToken } from '@assist-ten/core/test-sessions/token-secrets';
import { describe, expect, it } from 'vitest';

// Loaded after the stack environment points the SDK at DynamoDB Local and sets the local key material.
const { familyRevokedWrite, isFamilyRevoked, revokeFamily, rotateRefreshToken, startFamily } = await import(
  '@assist-ten/core/test-sessions/refresh-token.service'
);
const { RefreshFamilyEntity, RefreshTokenEntity } = await import('@assist-ten/core/test-sessions/refresh-token.entity');
const { verifyAccessToken } = await import('@assist-ten/core/test-sessions/candidate-token');
const { transactWrite } = await import('@assist-ten/core/shared/transaction');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');

const HOUR = 3_600;

/** A session in a tenant of its own, so tests never see each other's families. */
const aSession = () => ({
  tenantId: newId('tenant'),
  testSessionId: newId('testSession'),
  assessmentId: newId('assessment'),
  candidateId: newId('candidate'),
});

const refusalOf = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('Expected the refresh token to be refused, but it was accepted');
    },
    (error: unknown) => error,
  );

const headOf = async ({ familyId, refreshToken }: SessionTokens) => {
  const tenantId = parseRefreshToken(refreshToken)?.tenantId ?? '';
  const { data } = await RefreshFamilyEntity.get({ tenantId, familyId }).go({ consistent: true });
  return data;
};

describe('refresh token rotation (DynamoDB Local)', () => {
  it('rotates twice, each time to a new refresh token and an access token of the same session', async () => {
    // Arrange
    const session = aSession();
    const first = await startFamily(session, { lifetimeSeconds: HOUR });

    // Act
    const second = await rotateRefreshToken(first.refreshToken);
    const third = await rotateRefreshToken(second.refreshToken);

    // Assert
    expect(new Set([first.refreshToken, second.refreshToken, third.refreshToken]).size).toBe(3);
    for (const tokens of [first, second, third]) {
      expect(tokens.familyId).toBe(first.familyId);
      expect(tokens.refreshTokenExpiresAt).toBe(first.refreshTokenExpiresAt);
      expect(await verifyAccessToken(tokens.accessToken)).toEqual({ ...session, familyId: first.familyId });
    }
    expect(await headOf(third)).toMatchObject({ rotations: 2 });
    expect(await isFamilyRevoked(session.tenantId, first.familyId)).toBe(false);
  });

  it('revokes the whole family when a rotated token is presented again, so the current one stops working too', async () => {
    // Arrange
    const session = aSession();
    const first = await startFamily(session, { lifetimeSeconds: HOUR });
    const second = await rotateRefreshToken(first.refreshToken);

    // Act
    const replay = await refusalOf(rotateRefreshToken(first.refreshToken));
    const current = await refusalOf(rotateRefreshToken(second.refreshToken));

    // Assert
    expect(replay).toBeInstanceOf(UnauthorizedError);
    expect(current).toBeInstanceOf(UnauthorizedError);
    expect(await isFamilyRevoked(session.tenantId, first.familyId)).toBe(true);
    expect(await headOf(first)).toMatchObject({ revokedReason: 'reuse_detected', revokedAt: expect.any(String) });
    const { data: entries } = await AuditLogEntity.query
      .byEntity({ tenantId: session.tenantId, entityType: 'refresh_family', entityId: first.familyId })
      .go();
    expect(entries.map((entry) => [entry.action, entry.actorId])).toEqual([['refresh_family.revoked', 'system']]);
  });

  it('refuses a token of a family past its end, without revoking the family', async () => {
    // Arrange: a family that began two hours ago and lasted one.
    const session = aSession();
    const twoHoursAgo = new Date(Date.now() - 2 * HOUR * 1000);
    const old = await startFamily(session, { lifetimeSeconds: HOUR }, { clock: { now: () => twoHoursAgo } });

    // Act
    const error = await refusalOf(rotateRefreshToken(old.refreshToken));

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(await headOf(old)).toMatchObject({ rotations: 0 });
    expect((await headOf(old))?.revokedAt).toBeUndefined();
  });

  it('refuses a made-up secret for a real family without revoking it (the family id is no secret)', async () => {
    // Arrange
    const session = aSession();
    const tokens = await startFamily(session, { lifetimeSeconds: HOUR });
    const forged = `${session.tenantId}.${tokens.familyId}.${'A'.repeat(43)}`;

    // Act
    const error = await refusalOf(rotateRefreshToken(forged));

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(await isFamilyRevoked(session.tenantId, tokens.familyId)).toBe(false);
    await expect(rotateRefreshToken(tokens.refreshToken)).resolves.toBeDefined();
  });

  it('lets exactly one of two concurrent rotations of the same token win, and treats the other as a replay', async () => {
    // Arrange
    const session = aSession();
    const first = await startFamily(session, { lifetimeSeconds: HOUR });

    // Act
    const results = await Promise.allSettled([
      rotateRefreshToken(first.refreshToken),
      rotateRefreshToken(first.refreshToken),
    ]);

    // Assert
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(UnauthorizedError);
    expect(await isFamilyRevoked(session.tenantId, first.familyId)).toBe(true);
    const winner = (won[0] as PromiseFulfilledResult<SessionTokens>).value;
    await expect(rotateRefreshToken(winner.refreshToken)).rejects.toBeInstanceOf(UnauthorizedError);
    const { data: tokens } = await RefreshTokenEntity.query
      .byFamily({ tenantId: session.tenantId, familyId: first.familyId })
      .go({ consistent: true });
    expect(tokens).toHaveLength(2);
  });

  it('stores hashes only: no item of the family holds a secret or a token', async () => {
    // Arrange
    const session = aSession();
    const first = await startFamily(session, { lifetimeSeconds: HOUR });
    const second = await rotateRefreshToken(first.refreshToken);

    // Act
    const { data: tokens } = await RefreshTokenEntity.query
      .byFamily({ tenantId: session.tenantId, familyId: first.familyId })
      .go({ consistent: true });
    const stored = JSON.stringify([tokens, await headOf(first)]);

    // Assert
    expect(tokens).toHaveLength(2);
    for (const issued of [first, second]) {
      expect(stored).not.toContain(parseRefreshToken(issued.refreshToken)?.secret);
      expect(stored).not.toContain(issued.accessToken);
    }
  });
});

describe('refresh token family revocation (DynamoDB Local)', () => {
  it('stops the current refresh token at once and is a no-op the second time', async () => {
    // Arrange
    const session = aSession();
    const tokens = await startFamily(session, { lifetimeSeconds: HOUR });

    // Act
    await revokeFamily(session.tenantId, tokens.familyId, 'session_ended');
    await revokeFamily(session.tenantId, tokens.familyId, 'access_withdrawn');

    // Assert
    expect(await isFamilyRevoked(session.tenantId, tokens.familyId)).toBe(true);
    expect(await headOf(tokens)).toMatchObject({ revokedReason: 'session_ended' });
    await expect(rotateRefreshToken(tokens.refreshToken)).rejects.toBeInstanceOf(UnauthorizedError);
    const { data: entries } = await AuditLogEntity.query
      .byEntity({ tenantId: session.tenantId, entityType: 'refresh_family', entityId: tokens.familyId })
      .go();
    expect(entries).toHaveLength(1);
  });

  it('answers 404 for a family that does not exist, and counts it as revoked', async () => {
    // Arrange
    const tenantId = newId('tenant');
    const familyId = newId('refreshFamily');

    // Act
    const error = await revokeFamily(tenantId, familyId, 'session_ended').catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(NotFoundError);
    expect(await isFamilyRevoked(tenantId, familyId)).toBe(true);
  });

  it('revokes inside the caller’s transaction, keeping the first reason when written twice', async () => {
    // Arrange
    const session = aSession();
    const tokens = await startFamily(session, { lifetimeSeconds: HOUR });

    // Act
    await transactWrite([familyRevokedWrite(session.tenantId, tokens.familyId, 'session_ended')]);
    await transactWrite([familyRevokedWrite(session.tenantId, tokens.familyId, 'access_withdrawn')]);
    const unknown = await transactWrite([
      familyRevokedWrite(session.tenantId, newId('refreshFamily'), 'session_ended'),
    ]).catch((caught: unknown) => caught);

    // Assert
    expect(await headOf(tokens)).toMatchObject({ revokedReason: 'session_ended' });
    await expect(rotateRefreshToken(tokens.refreshToken)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(unknown).toBeInstanceOf(NotFoundError);
  });
});
