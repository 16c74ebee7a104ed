import { randomBytes } from 'node:crypto';
import { keyProviderFor } from '@assist-ten/core/shared/pii/provider';
import { describe, expect, it } from 'vitest';

const LOCAL = randomBytes(32).toString('base64');
const PII = 'arn:aws:kms:eu-central-1:111122223333:key/pii';
const MAC = 'arn:aws:kms:eu-central-1:111122223333:key/mac';

describe('keyProviderFor', () => {
  it('chooses the local provider when only LOCAL_KEY_MATERIAL is set', () => {
    expect(keyProviderFor({ LOCAL_KEY_MATERIAL: LOCAL }).kind).toBe('local');
  });

  it('chooses KMS when both key ids are set', () => {
    expect(keyProviderFor({ PII_KEY_ID: PII, BLIND_INDEX_KEY_ID: MAC }).kind).toBe('kms');
  });

  it('refuses to start with nothing configured, naming the variables', () => {
    expect(() => keyProviderFor({})).toThrow(/PII_KEY_ID.*BLIND_INDEX_KEY_ID.*LOCAL_KEY_MATERIAL/);
  });

  it('treats empty values as unset', () => {
    expect(() => keyProviderFor({ LOCAL_KEY_MATERIAL: '', PII_KEY_ID: '' })).toThrow(/No key provider/);
  });

  it.each([
    [{ LOCAL_KEY_MATERIAL: LOCAL, PII_KEY_ID: PII, BLIND_INDEX_KEY_ID: MAC }],
    [{ LOCAL_KEY_MATERIAL: LOCAL, PII_KEY_ID: PII }],
    [{ LOCAL_KEY_MATERIAL: LOCAL, BLIND_INDEX_KEY_ID: MAC }],
  ])('refuses to mix local material with KMS keys (%o)', (env) => {
    expect(() => keyProviderFor(env)).toThrow(/never both/);
  });

  it.each([
    [{ PII_KEY_ID: PII }, 'BLIND_INDEX_KEY_ID'],
    [{ BLIND_INDEX_KEY_ID: MAC }, 'PII_KEY_ID'],
  ])('names the missing half of the KMS configuration (%o)', (env, missing) => {
    expect(() => keyProviderFor(env)).toThrow(`Missing required environment variable ${missing}`);
  });

  it('refuses local material shorter than 32 bytes', () => {
    expect(() => keyProviderFor({ LOCAL_KEY_MATERIAL: randomBytes(8).toString('base64') })).toThrow(/32 bytes/);
  });
});
