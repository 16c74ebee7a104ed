import { ConflictError, ValidationError } from '@assist-ten/core/shared/errors';
import { normaliseTerm } from '@assist-ten/core/skills/skill.model';
import { claimTerm, releaseTerm, termChanges, termsOf, termTaken } from '@assist-ten/core/skills/skill-terms';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

describe('normaliseTerm', () => {
  it('lowercases, trims and collapses inner whitespace', () => {
    expect(normaliseTerm('  Node.JS  ')).toBe('node.js');
    expect(normaliseTerm('C \t  Sharp')).toBe('c sharp');
    expect(normaliseTerm('Amazon\nWeb   Services')).toBe('amazon web services');
  });

  it('folds look-alike code points into one term', () => {
    expect(normaliseTerm('ＪＳ')).toBe('js');
  });

  it('keeps the punctuation that tells skills apart', () => {
    expect(new Set(['C', 'C#', 'C++', 'F#'].map(normaliseTerm)).size).toBe(4);
  });
});

describe('termsOf', () => {
  it('names the name and each alias by its request field', () => {
    expect(termsOf('JavaScript', ['JS', 'ECMAScript'])).toEqual([
      { value: 'javascript', field: 'name' },
      { value: 'js', field: 'aliases.0' },
      { value: 'ecmascript', field: 'aliases.1' },
    ]);
  });

  it('refuses an alias that repeats the name or another alias, naming each repeat', () => {
    // Act
    const error = thrownBy(() => termsOf('JavaScript', ['js', ' javascript ', 'JS']));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.map((entry) => [entry.field, entry.code])).toEqual([
      ['aliases.1', 'duplicate'],
      ['aliases.2', 'duplicate'],
    ]);
  });
});

describe('termTaken', () => {
  it('is a 409 naming the field and the skill holding the term', () => {
    // Act
    const error = termTaken({ value: 'js', field: 'aliases.0' }, 'skl_01JABCDEFGHJKMNPQRSTVWXYZ0');

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.errors).toEqual([expect.objectContaining({ field: 'aliases.0', code: 'taken' })]);
    expect(error.extensions).toEqual({ conflictingSkillId: 'skl_01JABCDEFGHJKMNPQRSTVWXYZ0' });
  });
});

describe('claimTerm', () => {
  const claim = claimTerm('tnt_demo', 'skl_new', { value: 'js', field: 'aliases.0' });

  it('puts the claim only where none exists', () => {
    const params = claim.params as { ConditionExpression?: string; Item: Record<string, string> };

    expect(claim.kind).toBe('Put');
    expect(params.ConditionExpression).toContain('attribute_not_exists');
    expect(params.Item).toMatchObject({ scope: 'tnt_demo', kind: 'skill-term', value: 'js', ownerId: 'skl_new' });
  });

  it('reads the holder from the cancelled write, in either item format', () => {
    const plain = claim.onConditionFailed?.({ ownerId: 'skl_old' }) as ConflictError;
    const wire = claim.onConditionFailed?.({ ownerId: { S: 'skl_wire' } }) as ConflictError;

    expect(plain.extensions).toEqual({ conflictingSkillId: 'skl_old' });
    expect(wire.extensions).toEqual({ conflictingSkillId: 'skl_wire' });
  });
});

describe('releaseTerm', () => {
  it('deletes the claim only while this skill holds it', () => {
    // Act
    const release = releaseTerm('tnt_demo', 'skl_mine', 'js');
    const params = release.params as {
      ConditionExpression?: string;
      ExpressionAttributeValues?: Record<string, unknown>;
    };

    // Assert
    expect(release.kind).toBe('Delete');
    expect(params.ConditionExpression).toContain('ownerId');
    expect(Object.values(params.ExpressionAttributeValues ?? {})).toContain('skl_mine');
  });
});

describe('termChanges', () => {
  it('releases the terms dropped and claims the terms added, leaving the kept ones alone', () => {
    // Arrange
    const before = termsOf('JavaScript', ['js', 'es6']);
    const after = termsOf('JavaScript', ['JS', 'ecmascript']);

    // Act
    const writes = termChanges('tnt_demo', 'skl_js', before, after);

    // Assert
    expect(writes.map((write) => [write.kind, JSON.stringify(write.params).includes('es6')])).toEqual([
      ['Delete', true],
      ['Put', false],
    ]);
    expect(JSON.stringify(writes[1]?.params)).toContain('ecmascript');
  });

  it('writes nothing when only the spelling of a term changes', () => {
    expect(termChanges('tnt_demo', 'skl_js', termsOf('Javascript', []), termsOf('JavaScript', []))).toEqual([]);
  });
});
