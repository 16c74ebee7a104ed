import { matchesWildcard } from '@assist-ten/core/shared/object-created';
import { describe, expect, it } from 'vitest';

describe('matchesWildcard', () => {
  it.each([
    ['tenant/*/documents/*', 'tenant/t1/documents/u/d.pdf', true],
    ['tenant/*/documents/*', 'tenant/t1/snapshots/s/1.jpg', false],
    ['tenant/*/documents/*', 'other/t1/documents/x', false],
    ['tenant/*/snapshots/*', 'tenant/a.b/snapshots/x', true],
    ['a.b', 'axb', false],
  ])('%s matches %s: %s', (pattern, key, expected) => {
    expect(matchesWildcard(pattern, key)).toBe(expected);
  });
});
