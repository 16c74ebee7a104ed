import { missingForPublish, positionsError } from '@assist-ten/core/requisitions/requisition.rules';
import { describe, expect, it } from 'vitest';

type PublishFields = Parameters<typeof missingForPublish>[0];

const aPublishable = (overrides: Partial<PublishFields> = {}): PublishFields => ({
  description: 'Owns the architecture of the platform.',
  employmentType: 'full_time',
  experienceLevel: 'senior',
  remotePolicy: 'hybrid',
  location: 'Lisbon',
  positionsAvailable: 1,
  ...overrides,
});

describe('missingForPublish', () => {
  it('finds nothing missing in a complete requisition', () => {
    // Act
    const missing = missingForPublish(aPublishable());

    // Assert
    expect(missing).toEqual([]);
  });

  it('lists every missing field of a bare draft, each with the required_to_publish code', () => {
    // Arrange
    const bare: PublishFields = { positionsAvailable: 1 };

    // Act
    const missing = missingForPublish(bare);

    // Assert
    expect(missing.map((error) => error.field).sort()).toEqual(
      ['description', 'employmentType', 'experienceLevel', 'location', 'remotePolicy'].sort(),
    );
    for (const error of missing) {
      expect(error.code).toBe('required_to_publish');
      expect(error.message).toContain(error.field);
    }
  });

  it('needs no location for a fully remote role', () => {
    // Act
    const missing = missingForPublish(aPublishable({ remotePolicy: 'remote', location: undefined }));

    // Assert
    expect(missing).toEqual([]);
  });

  it.each(['onsite', 'hybrid'] as const)('needs a location for a %s role', (remotePolicy) => {
    // Act
    const missing = missingForPublish(aPublishable({ remotePolicy, location: undefined }));

    // Assert
    expect(missing).toEqual([expect.objectContaining({ field: 'location', code: 'required_to_publish' })]);
  });

  it('reports exactly the one field that is missing', () => {
    // Act
    const missing = missingForPublish(aPublishable({ experienceLevel: undefined }));

    // Assert
    expect(missing).toEqual([expect.objectContaining({ field: 'experienceLevel' })]);
  });
});

describe('positionsError', () => {
  it('accepts filled positions up to the number available', () => {
    // Act
    const none = positionsError({ positionsAvailable: 3, positionsFilled: 0 });
    const all = positionsError({ positionsAvailable: 3, positionsFilled: 3 });

    // Assert
    expect(none).toEqual([]);
    expect(all).toEqual([]);
  });

  it('rejects more hires than seats on the positionsFilled field', () => {
    // Act
    const errors = positionsError({ positionsAvailable: 3, positionsFilled: 4 });

    // Assert
    expect(errors).toEqual([
      expect.objectContaining({ field: 'positionsFilled', code: 'exceeds_positions_available' }),
    ]);
    expect(errors[0]?.message).toContain('4');
    expect(errors[0]?.message).toContain('3');
  });
});
