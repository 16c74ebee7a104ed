import { RequisitionPath } from '@assist-ten/core/requisitions/requisition.schema';
import { derivedId, idPattern, newId } from '@assist-ten/core/shared/ids';
import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';

describe('newId', () => {
  it('mints a requisition id that matches its pattern and the path schema', () => {
    // Act
    const id = newId('requisition');

    // Assert
    expect(id).toMatch(idPattern('requisition'));
    expect(id.startsWith('req_')).toBe(true);
    expect(RequisitionPath.safeParse({ id }).success).toBe(true);
  });

  it('mints 1000 distinct ids that sort in the order they were created', () => {
    // Act
    const ids = Array.from({ length: 1000 }, () => newId('requisition'));

    // Assert
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(idPattern('requisition'));
  });
});

describe('idPattern', () => {
  it.each([
    'req_01jabcdefghjkmnpqrstvwxyz0',
    'jd_01JABCDEFGHJKMNPQRSTVWXYZ0',
    'req_01JABCDEFGHJKMNPQRSTVWXYZ',
    'req_01JABCDEFGHJKMNPQRSTVWXYZ00',
    'req_01JABCDEFGHJKMNPQRSTVWXYZI',
    ' req_01JABCDEFGHJKMNPQRSTVWXYZ0',
    'xreq_01JABCDEFGHJKMNPQRSTVWXYZ0',
  ])('rejects %j', (candidate) => {
    // Act
    const matches = idPattern('requisition').test(candidate);

    // Assert
    expect(matches).toBe(false);
  });
});

describe('derivedId', () => {
  const origin = newId('event');

  it('is the same for the same seed and differs for another', () => {
    // Act
    const first = derivedId('notification', origin, `${origin}:usr_a`);
    const again = derivedId('notification', origin, `${origin}:usr_a`);
    const other = derivedId('notification', origin, `${origin}:usr_b`);

    // Assert
    expect(first).toBe(again);
    expect(other).not.toBe(first);
    expect(first).toMatch(idPattern('notification'));
  });

  it('is minted at the time of its origin, so it sorts with the ids of that moment', () => {
    // Arrange
    const before = newId('notification');

    // Act
    const derived = derivedId('notification', origin, 'seed');

    // Assert
    expect(decodeTime(derived.slice(4))).toBe(decodeTime(origin.slice(4)));
    expect(derived.slice(4, 14)).toBe(origin.slice(4, 14));
    expect(before.slice(4, 14) >= derived.slice(4, 14)).toBe(true);
  });
});
