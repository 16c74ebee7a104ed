import { kmsKeyProvider } from '@assist-ten/core/shared/pii/kms-key-provider';
import {
  DecryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  KMSClient,
  KMSInvalidStateException,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

const kms = mockClient(KMSClient);
afterEach(() => kms.reset());

const KEYS = { piiKeyId: 'alias/pii', blindIndexKeyId: 'alias/blind-index' };
const context = { tenantId: 'tnt_a', candidateId: 'cand_1' };
const provider = () => kmsKeyProvider(KEYS, new KMSClient({}));

const throttled = () =>
  Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });

describe('KMS key provider', () => {
  it('asks for an AES-256 data key under the PII key with the encryption context', async () => {
    // Arrange
    const plaintext = new Uint8Array(32).fill(7);
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: plaintext, CiphertextBlob: new Uint8Array([1, 2, 3]) });

    // Act
    const key = await provider().generateDataKey(context);

    // Assert
    expect(key).toEqual({ plaintext, wrapped: Buffer.from([1, 2, 3]).toString('base64') });
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]?.args[0].input).toEqual({
      KeyId: 'alias/pii',
      KeySpec: 'AES_256',
      EncryptionContext: context,
    });
  });

  it('opens a wrapped key with Decrypt, naming the key and passing the same context', async () => {
    const plaintext = new Uint8Array(32).fill(9);
    kms.on(DecryptCommand).resolves({ Plaintext: plaintext });

    const opened = await provider().unwrapDataKey(Buffer.from([4, 5, 6]).toString('base64'), context);

    expect(opened).toEqual(plaintext);
    const input = kms.commandCalls(DecryptCommand)[0]?.args[0].input;
    expect(input?.KeyId).toBe('alias/pii');
    expect(input?.EncryptionContext).toEqual(context);
    expect(Buffer.from(input?.CiphertextBlob ?? []).toString('hex')).toBe('040506');
  });

  it('computes a blind index with GenerateMac (HMAC_SHA_256) under the blind-index key, as hex', async () => {
    kms.on(GenerateMacCommand).resolves({ Mac: new Uint8Array([0xab, 0xcd]) });

    const mac = await provider().mac('candidate-email:v1:tnt_a:jane@example.test');

    expect(mac).toBe('abcd');
    const input = kms.commandCalls(GenerateMacCommand)[0]?.args[0].input;
    expect(input?.KeyId).toBe('alias/blind-index');
    expect(input?.MacAlgorithm).toBe('HMAC_SHA_256');
    expect(Buffer.from(input?.Message ?? []).toString('utf8')).toBe('candidate-email:v1:tnt_a:jane@example.test');
  });

  it('surfaces a throttled call as an error instead of a key', async () => {
    kms.on(DecryptCommand).rejects(throttled());

    await expect(provider().unwrapDataKey('AQID', context)).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  it('surfaces a refused context (KMS InvalidCiphertext) and a disabled key as errors', async () => {
    kms
      .on(DecryptCommand)
      .rejectsOnce(Object.assign(new Error('bad context'), { name: 'InvalidCiphertextException' }))
      .rejectsOnce(new KMSInvalidStateException({ message: 'disabled', $metadata: {} }));

    await expect(provider().unwrapDataKey('AQID', context)).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
    await expect(provider().unwrapDataKey('AQID', context)).rejects.toBeInstanceOf(KMSInvalidStateException);
  });

  it('fails loudly when KMS answers without a key', async () => {
    kms.on(GenerateDataKeyCommand).resolves({});

    await expect(provider().generateDataKey(context)).rejects.toThrow(/no data key/);
  });
});
