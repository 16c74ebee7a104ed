/**
 * How text answers are compared: Unicode NFKC (full-width and compatibility forms become
 * their plain letters), case-folded (upper then lower case, so "STRASSE" and "straße" agree),
 * every run of whitespace one space, trimmed.
 */
export const normaliseText = (value: string): string =>
  value.normalize('NFKC').toUpperCase().toLowerCase().replace(/\s+/gu, ' ').trim();

/** Words: runs of letters and digits. */
export const wordCount = (value: string): number => value.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/**
 * Code with its identifiers cut into words, so a keyword can be found inside them:
 * `binarySearch`, `binary_search` and `BinarySearch` all read "binary search", `HTTPServer`
 * reads "HTTP Server".
 */
export const splitIdentifiers = (code: string): string =>
  code
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/_+/g, ' ');
