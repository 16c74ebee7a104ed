import { containsKeyword, keywordPattern } from '@assist-ten/core/test-sessions/scoring/keyword-match';
import { normaliseText, splitIdentifiers, wordCount } from '@assist-ten/core/test-sessions/scoring/text-normalise';
import { describe, expect, it } from 'vitest';

const finds = (term: string, text: string) => containsKeyword(term, [normaliseText(text)]);

describe('normaliseText', () => {
  it('trims, folds case, collapses whitespace and applies NFKC', () => {
    // Act
    const normalised = normaliseText('  Ｈｅｌｌｏ\u00a0\t WORLD\n ');

    // Assert
    expect(normalised).toBe('hello world');
  });

  it('folds case fully: STRASSE and straße are one word', () => {
    // Act & Assert
    expect(normaliseText('STRASSE')).toBe(normaliseText('straße'));
  });
});

describe('wordCount', () => {
  it('counts runs of letters and digits, in any script', () => {
    // Act & Assert
    expect(wordCount('Hello, wörld -- 42 日本')).toBe(4);
    expect(wordCount('?!... {}')).toBe(0);
  });
});

describe('splitIdentifiers', () => {
  it('cuts camelCase, PascalCase, acronyms and snake_case into words', () => {
    // Act
    const split = splitIdentifiers('binarySearch BinaryTree get_http_status HTTPServer parseJSONBody');

    // Assert
    expect(split).toBe('binary Search Binary Tree get http status HTTP Server parse JSON Body');
  });
});

describe('keyword matching', () => {
  it('matches case-insensitively as a whole word', () => {
    // Act & Assert
    expect(finds('Java', 'I wrote JAVA for years')).toBe(true);
    expect(finds('Java', 'I wrote JavaScript for years')).toBe(false);
    expect(finds('cache', 'we cached it')).toBe(false);
  });

  it('matches a phrase across any spacing, and spaces and hyphens alike', () => {
    // Act & Assert
    expect(finds('event driven', 'an Event-Driven design')).toBe(true);
    expect(finds('event-driven', 'an event   driven design')).toBe(true);
    expect(finds('event driven', 'an event, driven design')).toBe(false);
  });

  it('finds C++ and C# but not C inside them', () => {
    // Act & Assert
    expect(finds('C++', 'Modern c++ and templates')).toBe(true);
    expect(finds('C#', 'I use C# daily')).toBe(true);
    expect(finds('C', 'Modern C++ and templates')).toBe(false);
    expect(finds('C', 'I use C# daily')).toBe(false);
    expect(finds('C', 'Written in C, mostly')).toBe(true);
  });

  it('finds .NET, also inside ASP.NET, but not net in .NET', () => {
    // Act & Assert
    expect(finds('.NET', 'We run .NET 8')).toBe(true);
    expect(finds('.NET', 'an ASP.NET site')).toBe(true);
    expect(finds('net', 'an ASP.NET site')).toBe(false);
    expect(finds('js', 'built on Node.js')).toBe(false);
    expect(finds('node', 'built on Node.js')).toBe(false);
  });

  it('treats regular expression characters as text', () => {
    // Act & Assert
    expect(finds('O(n)', 'this runs in O(n) time')).toBe(true);
    expect(finds('O(n)', 'this runs in On time')).toBe(false);
    expect(finds('O(n)', 'this runs in O(n log n) time')).toBe(false);
    expect(finds('a.b', 'axb')).toBe(false);
    expect(finds('[a-z]+', 'the pattern [a-z]+ matches')).toBe(true);
    expect(finds('$^|\\', 'odd $^|\\ symbols')).toBe(true);
  });

  it('finds a term at the very start and end of the text', () => {
    // Act & Assert
    expect(finds('idempotent', 'Idempotent')).toBe(true);
    expect(finds('retry', 'we retry.')).toBe(true);
  });

  it('has no pattern for a term that normalises to nothing', () => {
    // Act & Assert
    expect(keywordPattern('   ')).toBeUndefined();
    expect(containsKeyword('   ', ['anything'])).toBe(false);
  });

  it('looks in every text it is given', () => {
    // Act
    const found = containsKeyword('binary search', ['function binarysearch() {}', 'function binary search() {}']);

    // Assert
    expect(found).toBe(true);
  });
});
