import { createECDH, randomBytes, verify } from 'node:crypto';
import { localTokenSigner } from '@assist-ten/core/test-sessions/local-token-signer';
import { describe, expect, it } from 'vitest';

const MESSAGE = Buffer.from('header.payload');

describe('localTokenSigner', () => {
  it('derives the same P-256 key from the same material (tokens survive a restart)', async () => {
    // Arrange
    const material = randomBytes(32);

    // Act
    const first = localTokenSigner(material);
    const second = localTokenSigner(Buffer.from(material));

    // Assert
    expect(second.keyId).toBe(first.keyId);
    expect((await second.publicKey()).export({ format: 'jwk' })).toEqual(
      (await first.publicKey()).export({ format: 'jwk' }),
    );
    expect(
      verify(
        'sha256',
        MESSAGE,
        { key: await second.publicKey(), dsaEncoding: 'ieee-p1363' },
        await first.sign(MESSAGE),
      ),
    ).toBe(true);
  });

  it('derives another key, with another kid, from other material', async () => {
    // Act
    const one = localTokenSigner(randomBytes(32));
    const other = localTokenSigner(randomBytes(32));

    // Assert
    expect(other.keyId).not.toBe(one.keyId);
    expect(
      verify('sha256', MESSAGE, { key: await other.publicKey(), dsaEncoding: 'ieee-p1363' }, await one.sign(MESSAGE)),
    ).toBe(false);
  });

  it('signs with ECDSA P-256 / SHA-256 as JOSE wants it: 64 raw bytes, r then s', async () => {
    // Arrange
    const signer = localTokenSigner(randomBytes(32));

    // Act
    const signature = await signer.sign(MESSAGE);

    // Assert
    expect(signer.kind).toBe('local');
    expect(signature).toHaveLength(64);
    const jwk = (await signer.publicKey()).export({ format: 'jwk' });
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(jwk).not.toHaveProperty('d');
    expect(verify('sha256', MESSAGE, { key: await signer.publicKey(), dsaEncoding: 'ieee-p1363' }, signature)).toBe(
      true,
    );
  });

  it('does not use the material itself as the private key (it is derived, with its own purpose)', async () => {
    // Arrange
    const material = randomBytes(32);
    const direct = createECDH('prime256v1');
    direct.setPrivateKey(material);

    // Act
    const jwk = (await localTokenSigner(material).publicKey()).export({ format: 'jwk' });

    // Assert
    expect(Buffer.from(String(jwk.x), 'base64url')).not.toEqual(direct.getPublicKey().subarray(1, 33));
  });

  it('refuses material shorter than 32 bytes', () => {
    // Act / Assert
    expect(() => localTokenSigner(randomBytes(16))).toThrow(/32 bytes/);
  });
});
