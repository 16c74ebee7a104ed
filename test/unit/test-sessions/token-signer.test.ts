import { randomBytes } from 'node:crypto';
import { tokenSignerFromEnv } from '@assist-ten/core/test-sessions/token-signer';
import { describe, expect, it } from 'vitest';

const LOCAL = randomBytes(32).toString('base64');
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('tokenSignerFromEnv', () => {
  it('chooses the local signer when LOCAL_KEY_MATERIAL is set', () => {
    // Act / Assert
    expect(tokenSignerFromEnv({ LOCAL_KEY_MATERIAL: LOCAL }).kind).toBe('local');
  });

  it('chooses KMS when only CANDIDATE_TOKEN_KEY_ID is set, with a kid that does not reveal the key ARN', () => {
    // Act
    const signer = tokenSignerFromEnv({ CANDIDATE_TOKEN_KEY_ID: KEY_ARN });

    // Assert
    expect(signer.kind).toBe('kms');
    expect(signer.keyId).toMatch(/^kms-[A-Za-z0-9_-]{16}$/);
    expect(signer.keyId).not.toContain('123456789012');
  });

  it('fails naming CANDIDATE_TOKEN_KEY_ID when neither is set', () => {
    // Act / Assert
    expect(() => tokenSignerFromEnv({})).toThrow(/CANDIDATE_TOKEN_KEY_ID/);
    expect(() => tokenSignerFromEnv({ LOCAL_KEY_MATERIAL: '', CANDIDATE_TOKEN_KEY_ID: '' })).toThrow(
      /CANDIDATE_TOKEN_KEY_ID/,
    );
  });

  it('refuses the local material and a KMS key together', () => {
    // Act / Assert
    expect(() => tokenSignerFromEnv({ LOCAL_KEY_MATERIAL: LOCAL, CANDIDATE_TOKEN_KEY_ID: KEY_ARN })).toThrow(
      /never both/,
    );
  });
});
