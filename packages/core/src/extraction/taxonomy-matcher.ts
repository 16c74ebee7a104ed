import type { TaxonomyEntry } from './extracted-skill.ts';
import { lineAround } from './text-window.ts';

/**
 * Finds the skills of a taxonomy in a text in one pass: the text is cut into runs of letters
 * and digits, each run is looked up in a map of the first run of every term, and only the
 * few terms starting with that word are tried (a sticky regex each) at that spot. The cost is
 * one map lookup per word, whatever the taxonomy's size, and the compiled matcher is cached
 * (see taxonomyMatcher), so a tenant's taxonomy is compiled once per warm function.
 *
 * Rules (docs/skill-extraction.md):
 * - Terms (the name and every alias) match case-insensitively as whole words: not inside a
 *   longer word or number ("Java" is not in "JavaScript", "Python" not in "Python3"), not
 *   after a dot ("JS" is not in "Node.js"), not followed by + or # ("C" is not in "C++", "C#").
 * - A space or a hyphen in a term matches any run of spaces or hyphens ("machine-learning").
 * - At one spot the longest term wins ("Node.js" over "Node").
 * - Ambiguous terms, which are also ordinary words ("Go", "Rust", "Swift"...), must be written
 *   capitalised; single letters and "Go" must also stand where a skill stands (LIST_CONTEXT).
 */

export interface TermMatch {
  entry: TaxonomyEntry;
  /** Offsets of the matched text. */
  start: number;
  end: number;
  viaAlias: boolean;
  /** Matched under the stricter rules of an ambiguous term. */
  ambiguous: boolean;
}

export interface TaxonomyMatcher {
  /** Every term (name or alias, as `termKey` makes it) to its entry, to canonicalise names from elsewhere. */
  readonly entryByTerm: ReadonlyMap<string, TaxonomyEntry>;
  find(text: string): TermMatch[];
}

/** Words that are skills only when capitalised ("Rust", not "rust"). */
const CAPITALISED_ONLY = new Set([
  'go',
  'swift',
  'rust',
  'spring',
  'express',
  'less',
  'dart',
  'chef',
  'puppet',
  'ant',
  'make',
  'julia',
  'elm',
  'crystal',
  'ember',
  'salt',
  'shell',
]);

/** Terms so short or common that even capitalised they need a list or skill context. */
const needsContext = (term: string): boolean => /^\p{L}$/u.test(term) || term.toLowerCase() === 'go';

const isAmbiguous = (term: string): boolean => needsContext(term) || CAPITALISED_ONLY.has(term.toLowerCase());

/** How terms are compared as whole names ("node.JS " and "Node.js" are one term), as the skills context does. */
export const termKey = (term: string): string => term.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

const WORD_RUN = /[\p{L}\p{N}]+/gu;

const escapeRegex = (char: string): string => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

interface CompiledTerm {
  entry: TaxonomyEntry;
  viaAlias: boolean;
  ambiguous: boolean;
  contextual: boolean;
  /** Starts with a letter or digit: then a dot before it joins it to a longer name ("Node.js"). */
  wordStart: boolean;
  /** Characters of the term before its first word run (1 for ".NET"). */
  lead: number;
  length: number;
  /** Sticky, and without lookarounds or Unicode classes: cheap to compile for hundreds of terms. */
  pattern: RegExp;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const isWordChar = (char: string | undefined): boolean => char !== undefined && WORD_CHAR.test(char);

const compileTerm = (entry: TaxonomyEntry, term: string, viaAlias: boolean): [string, CompiledTerm] | undefined => {
  const first = /[\p{L}\p{N}]+/u.exec(term);
  if (!first) return undefined;
  const body = term
    .split(/[\s-]+/)
    .map((part) => [...part].map(escapeRegex).join(''))
    .join('[\\s-]+');
  return [
    first[0].toLowerCase(),
    {
      entry,
      viaAlias,
      ambiguous: isAmbiguous(term),
      contextual: needsContext(term),
      wordStart: first.index === 0,
      lead: first.index,
      length: term.length,
      pattern: new RegExp(body, /^[\x20-\x7e]*$/.test(term) ? 'iy' : 'iuy'),
    },
  ];
};

/** Whole words only: nothing word-like before or after, no dot before a name, no + or # after one. */
const standsAlone = (text: string, start: number, end: number, term: CompiledTerm): boolean => {
  const before = text[start - 1];
  const after = text[end];
  if (isWordChar(before) || (term.wordStart && before === '.')) return false;
  return !isWordChar(after) && after !== '+' && after !== '#';
};

const CONTEXT_REACH = 40;

type Side = 'hard' | 'glue' | 'none';

const beforeSide = (before: string, atLineStart: boolean): Side => {
  if (/[,;/|•·(:]\s*$/.test(before) || (atLineStart && /^\s*[-*•·]\s*$/.test(before))) return 'hard';
  if ((atLineStart && /^\s*$/.test(before)) || /(?:\band|\bor|&)\s*$/i.test(before)) return 'glue';
  return 'none';
};

const afterSide = (after: string): Side => {
  if (/^\s*(?:[,;/|)]|\.?\s*$)/.test(after)) return 'hard';
  if (/^\s*(?:and\b|or\b|&)/i.test(after)) return 'glue';
  return 'none';
};

/**
 * LIST_CONTEXT: an ambiguous term counts when it is an item of a list (a separator or a line
 * end on one side, a separator or "and"/"or"/"&" on the other: "Python, Go and Rust",
 * "Languages: Go", "- R"), or next to a word that says it is a skill ("Go developer",
 * "R programming", "written in Go", "5 years of Go").
 */
const inSkillContext = (text: string, start: number, end: number): boolean => {
  const { before, after, atLineStart } = lineAround(text, start, end, CONTEXT_REACH);
  if (/^\s+(?:programming|language|lang|developer|engineer|code|services?|modules?|packages?)\b/i.test(after)) {
    return true;
  }
  if (/\b(?:in|with|using|of)\s+$/i.test(before)) return true;
  const sides = [beforeSide(before, atLineStart), afterSide(after)];
  return sides.includes('hard') && !sides.includes('none');
};

const compile = (taxonomy: readonly TaxonomyEntry[]): TaxonomyMatcher => {
  const byKey = new Map<string, CompiledTerm[]>();
  const entryByTerm = new Map<string, TaxonomyEntry>();
  for (const entry of taxonomy) {
    const terms = [
      { term: entry.name, viaAlias: false },
      ...entry.aliases.map((alias) => ({ term: alias, viaAlias: true })),
    ];
    for (const { term, viaAlias } of terms) {
      const trimmed = term.trim();
      const key = termKey(trimmed);
      // The first entry to claim a term keeps it: a taxonomy should not give one word two meanings.
      if (!trimmed || entryByTerm.has(key)) continue;
      entryByTerm.set(key, entry);
      const compiled = compileTerm(entry, trimmed, viaAlias);
      if (!compiled) continue;
      const [firstWord, value] = compiled;
      const sameStart = byKey.get(firstWord);
      if (sameStart) sameStart.push(value);
      else byKey.set(firstWord, [value]);
    }
  }
  for (const terms of byKey.values()) terms.sort((a, b) => b.length + b.lead - (a.length + a.lead));

  const find = (text: string): TermMatch[] => {
    const matches: TermMatch[] = [];
    let coveredUntil = 0;
    for (const run of text.matchAll(WORD_RUN)) {
      const candidates = byKey.get(run[0].toLowerCase());
      if (!candidates || run.index < coveredUntil) continue;
      for (const term of candidates) {
        const start = run.index - term.lead;
        if (start < coveredUntil) continue;
        term.pattern.lastIndex = start;
        const found = term.pattern.exec(text);
        if (!found) continue;
        const end = start + found[0].length;
        if (!standsAlone(text, start, end, term)) continue;
        if (term.ambiguous && !/^\P{Ll}/u.test(found[0])) continue;
        if (term.contextual && !inSkillContext(text, start, end)) continue;
        matches.push({ entry: term.entry, start, end, viaAlias: term.viaAlias, ambiguous: term.ambiguous });
        coveredUntil = end;
        break;
      }
    }
    return matches;
  };

  return { entryByTerm, find };
};

const byIdentity = new WeakMap<readonly TaxonomyEntry[], TaxonomyMatcher>();

// Loading a taxonomy makes a new array every time, so matchers are also kept by content:
// a warm function then compiles a tenant's taxonomy once, not once per document.
const byContent = new Map<string, TaxonomyMatcher>();
const MAX_CACHED_TAXONOMIES = 50;

const fingerprint = (taxonomy: readonly TaxonomyEntry[]): string =>
  JSON.stringify(taxonomy.map(({ skillId, name, category, aliases }) => [skillId, name, category, aliases]));

/** The matcher of a taxonomy, compiled on first use and then cached by identity and by content. */
export const taxonomyMatcher = (taxonomy: readonly TaxonomyEntry[]): TaxonomyMatcher => {
  const known = byIdentity.get(taxonomy);
  if (known) return known;
  const key = fingerprint(taxonomy);
  let matcher = byContent.get(key);
  if (matcher) byContent.delete(key);
  else matcher = compile(taxonomy);
  // Re-inserted last: the Map's order makes the first key the least recently used.
  byContent.set(key, matcher);
  if (byContent.size > MAX_CACHED_TAXONOMIES) byContent.delete(byContent.keys().next().value ?? '');
  byIdentity.set(taxonomy, matcher);
  return matcher;
};
