import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { UnauthorizedError } from '@assist-ten/core/shared/errors';
import { newId } from '@assist-ten/core/shared/ids';
import { issueAccessToken, verifyAccessToken } from '@assist-ten/core/test-sessions/candidate-token';
import { derToJose, kmsTokenSigner } from '@assist-ten/core/test-sessions/kms-token-signer';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const kms = mockClient(KMSClient);
afterEach(() => kms.reset());

/** Stands in for the key inside KMS. */
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = publicKey.export({ type: 'spki', format: 'der' });

const actsLikeKms = () => {
  kms.on(SignCommand).callsFake(async (input: { Message: Uint8Array }) => ({
    KeyId: KEY_ARN,
    SigningAlgorithm: 'ECDSA_SHA_256',
    Signature: new Uint8Array(sign('sha256', input.Message, { key: privateKey, dsaEncoding: 'der' })),
  }));
  kms.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ARN, KeySpec: 'ECC_NIST_P256', PublicKey: new Uint8Array(spki) });
};

const anIdentity = () => ({
  tenantId: 'tnt_01JDEM00000000000000000001',
  testSessionId: newId('testSession'),
  assessmentId: newId('assessment'),
  candidateId: newId('candidate'),
  familyId: newId('refreshFamily'),
});

describe('derToJose', () => {
  it('turns any DER signature of P-256 into the 64 raw bytes that verify as ieee-p1363', () => {
    // Act / Assert
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (message) => {
        const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
        const raw = derToJose(der);
        expect(raw).toHaveLength(64);
        expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('pads short integers and drops sign bytes', () => {
    // Arrange: r = 0x01 (one byte), s = 0x00 0xff.. (33 bytes with its sign byte)
    const s = [0x00, ...Array.from({ length: 32 }, () => 0xff)];
    const der = Uint8Array.from([0x30, 3 + 2 + s.length, 0x02, 0x01, 0x01, 0x02, s.length, ...s]);

    // Act
    const raw = derToJose(der);

    // Assert
    expect([...raw.subarray(0, 32)]).toEqual([...Array.from({ length: 31 }, () => 0), 1]);
    expect([...raw.subarray(32)]).toEqual(Array.from({ length: 32 }, () => 0xff));
  });

  it.each([
    ['nothing', []],
    ['not a sequence', [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['a wrong length', [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['a missing s', [0x30, 0x03, 0x02, 0x01, 0x01]],
    ['an empty integer', [0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01]],
    [
      'an integer longer than 32 bytes',
      [0x30, 0x26, 0x02, 0x21, ...Array.from({ length: 33 }, () => 1), 0x02, 0x01, 0x01],
    ],
    ['trailing bytes', [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]],
  ])('refuses %s', (_label, bytes) => {
    // Act / Assert
    expect(() => derToJose(Uint8Array.from(bytes))).toThrow(/not a DER-encoded ECDSA P-256 signature/);
  });
});

describe('kmsTokenSigner', () => {
  it('signs the raw signing input with ECDSA_SHA_256 under the configured key, and the token verifies', async () => {
    // Arrange
    actsLikeKms();
    const signer = kmsTokenSigner(KEY_ARN, new KMSClient({}));
    const identity = anIdentity();

    // Act
    const { accessToken } = await issueAccessToken(identity, { signer });
    const verified = await verifyAccessToken(accessToken, { signer });

    // Assert
    expect(verified).toEqual(identity);
    const [call] = kms.commandCalls(SignCommand);
    expect(call?.args[0].input).toMatchObject({
      KeyId: KEY_ARN,
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(Buffer.from(call?.args[0].input.Message ?? []).toString()).toBe(
      accessToken.split('.').slice(0, 2).join('.'),
    );
  });

  it('asks KMS for the public key once, however many tokens it verifies', async () => {
    // Arrange
    actsLikeKms();
    const signer = kmsTokenSigner(KEY_ARN, new KMSClient({}));
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => issueAccessToken(anIdentity(), { signer }).then((t) => t.accessToken)),
    );

    // Act
    await Promise.all(tokens.map((token) => verifyAccessToken(token, { signer })));
    await verifyAccessToken(tokens[0] ?? '', { signer });

    // Assert
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
    expect(kms.commandCalls(GetPublicKeyCommand)[0]?.args[0].input).toEqual({ KeyId: KEY_ARN });
  });

  it('asks again after a failed fetch of the public key instead of caching the failure', async () => {
    // Arrange
    actsLikeKms();
    kms
      .on(GetPublicKeyCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ KeySpec: 'ECC_NIST_P256', PublicKey: new Uint8Array(spki) });
    const signer = kmsTokenSigner(KEY_ARN, new KMSClient({}));

    // Act
    const first = await signer.publicKey().catch((caught: unknown) => caught);
    const second = await signer.publicKey();

    // Assert
    expect((first as Error).name).toBe('ThrottlingException');
    expect(second.asymmetricKeyType).toBe('ec');
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(2);
  });

  it('lets a KMS failure while signing through as our failure (500), not as a 401', async () => {
    // Arrange
    kms.on(SignCommand).rejects(Object.assign(new Error('Key is disabled'), { name: 'DisabledException' }));
    const signer = kmsTokenSigner(KEY_ARN, new KMSClient({}));

    // Act
    const error = await issueAccessToken(anIdentity(), { signer }).catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).name).toBe('DisabledException');
    expect(error).not.toBeInstanceOf(UnauthorizedError);
  });

  it('refuses a key that is not P-256', async () => {
    // Arrange
    kms.on(GetPublicKeyCommand).resolves({ KeySpec: 'ECC_NIST_P384', PublicKey: new Uint8Array(spki) });
    const signer = kmsTokenSigner(KEY_ARN, new KMSClient({}));

    // Act / Assert
    await expect(signer.publicKey()).rejects.toThrow(/ECC_NIST_P384, not ECC_NIST_P256/);
  });

  it('refuses an answer without a signature', async () => {
    // Arrange
    kms.on(SignCommand).resolves({ KeyId: KEY_ARN });
    const signer = kmsTokenSigner(KEY_ARN, new KMSClient({}));

    // Act / Assert
    await expect(signer.sign(Buffer.from('x'))).rejects.toThrow(/KMS returned no signature/);
  });
});
