import { taxonomyMatcher, termKey } from '@assist-ten/core/extraction/taxonomy-matcher';
import { describe, expect, it } from 'vitest';
import { TAXONOMY } from './taxonomy-fixture.ts';

describe('taxonomyMatcher', () => {
  it('compiles a taxonomy once, also when it is loaded again as a new array', () => {
    // Act
    const [first, again, reloaded] = [
      taxonomyMatcher(TAXONOMY),
      taxonomyMatcher(TAXONOMY),
      taxonomyMatcher([...TAXONOMY]),
    ];

    // Assert
    expect(again).toBe(first);
    expect(reloaded).toBe(first);
  });

  it('compiles a changed taxonomy anew', () => {
    // Arrange
    const changed = [...TAXONOMY, { skillId: 'skl_new', name: 'Elixir', category: 'language', aliases: [] }];

    // Act
    const matcher = taxonomyMatcher(changed);

    // Assert
    expect(matcher).not.toBe(taxonomyMatcher(TAXONOMY));
    expect(matcher.find('Elixir').map((match) => match.entry.name)).toEqual(['Elixir']);
  });

  it('maps every name and alias, whatever its case and spacing, to its entry', () => {
    // Act
    const entry = taxonomyMatcher(TAXONOMY).entryByTerm.get(termKey('  machine   LEARNING '));

    // Assert
    expect(entry?.skillId).toBe('skl_ml');
  });

  it('reports where each mention is, in text order, without overlaps', () => {
    // Act
    const matches = taxonomyMatcher(TAXONOMY).find('Node.js and React.js');

    // Assert
    expect(matches.map(({ entry, start, end, viaAlias }) => [entry.name, start, end, viaAlias])).toEqual([
      ['Node.js', 0, 7, false],
      ['React', 12, 20, true],
    ]);
  });
});
