import { normaliseText } from './text-normalise.ts';

const WORD_CHAR = /^[\p{L}\p{N}_]$/u;
const escapeRegex = (value: string): string => value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The pattern of one keyword in normalised text (docs/scoring.md, "Keywords"):
 * - a whole word or phrase: a term that starts (ends) with a letter or digit must not have
 *   one just before (after) it, so "java" is not in "javascript"; nor a dot joining it to a
 *   word ("js" is not in "node.js"); nor, after it, + or # ("c" is not in "c++" or "c#");
 * - a term that starts or ends with a symbol (".NET", "C++", "O(n)") matches there as written:
 *   ".net" is found in "asp.net";
 * - spaces and hyphens between words of the term match any run of spaces and hyphens
 *   ("event-driven" finds "event driven").
 * Every character of the term is escaped: a keyword is text, never a regular expression.
 */
export const keywordPattern = (term: string): RegExp | undefined => {
  const key = normaliseText(term);
  if (key === '') return undefined;
  const body = key
    .split(/(?<=[\p{L}\p{N}])[\s-]+(?=[\p{L}\p{N}])/u)
    .map(escapeRegex)
    .join('[\\s-]+');
  const lead = WORD_CHAR.test(key.at(0) ?? '') ? '(?<![\\p{L}\\p{N}_])(?<![\\p{L}\\p{N}_]\\.)' : '';
  const trail = WORD_CHAR.test(key.at(-1) ?? '') ? '(?![\\p{L}\\p{N}_+#])(?!\\.[\\p{L}\\p{N}_])' : '';
  return new RegExp(`${lead}${body}${trail}`, 'u');
};

/** Whether the term occurs in any of the (already normalised) texts. */
export const containsKeyword = (term: string, normalisedTexts: readonly string[]): boolean => {
  const pattern = keywordPattern(term);
  return pattern !== undefined && normalisedTexts.some((text) => pattern.test(text));
};
