import { CandidateEntity } from '@assist-ten/core/candidates/candidate.entity';
import {
  assertCandidateDataOfficer,
  ERASED_ATTRIBUTES,
  ERASED_VALUES,
  ERASURE_PLAN,
  removingAttributes,
} from '@assist-ten/core/candidates/candidate.erasure';
import { ForbiddenError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';

/** What a candidate item can say about the person: each must be removed or replaced by erasure. */
const PERSONAL = [
  'fullName',
  'emailEncrypted',
  'emailIndex',
  'phoneEncrypted',
  'location',
  'links',
  'source',
  'tags',
  'consent',
  'wrappedKey',
  'extractedSkills',
  'extractedFrom',
  'skillOverride',
  'skillOverrideAt',
  'resumeDocumentId',
];

const KEY = { tenantId: 'tnt_demo', candidateId: 'cand_01JABCDEFGHJKMNPQRSTVWXYZ0' };

describe('candidate erasure plan', () => {
  it('decides about every attribute of the candidate entity, and only those', () => {
    // Arrange
    const attributes = Object.keys(CandidateEntity.schema.attributes).sort();

    // Act
    const planned = Object.keys(ERASURE_PLAN).sort();

    // Assert: a new attribute must be listed as erased or kept with a reason
    expect(planned).toEqual(attributes);
  });

  it('erases every personal attribute', () => {
    // Act
    const kept = PERSONAL.filter((name) => 'keep' in ERASURE_PLAN[name as keyof typeof ERASURE_PLAN]);

    // Assert
    expect(kept).toEqual([]);
  });

  it('removes the data key and the ciphertexts it opens, and names nobody in their place', () => {
    // Assert
    expect(ERASED_ATTRIBUTES).toEqual(expect.arrayContaining(['wrappedKey', 'emailEncrypted', 'phoneEncrypted']));
    expect(ERASED_VALUES).toEqual({ fullName: 'Erased candidate', status: 'erased', isActive: false });
  });

  it('says why it keeps each attribute it keeps', () => {
    // Act
    const reasons = Object.values(ERASURE_PLAN).flatMap((disposition) =>
      'keep' in disposition ? [disposition.keep] : [],
    );

    // Assert
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(10);
  });
});

describe('removingAttributes', () => {
  it('adds required attributes to the REMOVE clause ElectroDB wrote for the sparse index', () => {
    // Arrange
    const params = CandidateEntity.patch(KEY).set({ status: 'erased' }).params();

    // Act
    const update = removingAttributes(params, ['wrappedKey', 'emailEncrypted']) as {
      UpdateExpression: string;
      ExpressionAttributeNames: Record<string, string>;
    };

    // Assert
    expect(update.UpdateExpression).toMatch(/REMOVE #erased_wrappedKey, #erased_emailEncrypted, #gsi1pk, #gsi1sk/);
    expect(update.UpdateExpression.match(/REMOVE/g)).toHaveLength(1);
    expect(update.ExpressionAttributeNames['#erased_wrappedKey']).toBe('wrappedKey');
  });

  it('starts a REMOVE clause when the update had none', () => {
    // Act
    const update = removingAttributes({ UpdateExpression: 'SET #a = :a' }, ['wrappedKey']);

    // Assert
    expect(update.UpdateExpression).toBe('SET #a = :a REMOVE #erased_wrappedKey');
  });
});

describe('assertCandidateDataOfficer', () => {
  it('refuses a recruiter: erasure and export are an admin decision', () => {
    // Act
    const error = thrownBy(() => assertCandidateDataOfficer(aPrincipal({ roles: ['recruiter'] })));

    // Assert
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('lets an admin through', () => {
    // Act
    const error = thrownBy(() => assertCandidateDataOfficer(aPrincipal({ roles: ['admin'] })), { orNothing: true });

    // Assert
    expect(error).toBeUndefined();
  });
});
