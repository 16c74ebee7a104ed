/** Control characters, including CR/LF and the Unicode line and paragraph separators. */
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]+/gu;

/** One line of text: header values must never carry a line break (header injection). */
export const singleLine = (value: string): string => value.replace(LINE_BREAKING, ' ').replace(/ {2,}/g, ' ').trim();

/** At most `max` characters (code points, so no emoji is cut in half), marked with an ellipsis when cut. */
export const truncate = (value: string, max: number): string => {
  const chars = Array.from(value);
  return chars.length <= max
    ? value
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
};

/** Body text keeps its line breaks (normalised to \n) but loses every other control character. */
export const paragraphText = (value: string): string =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n]/gu, '')
    .trim();

/** A BCP 47 tag for `<html lang>`, or English when the stored locale is not one. */
export const languageTag = (locale: string | undefined): string => {
  try {
    return Intl.getCanonicalLocales(locale ?? [])[0] ?? 'en';
  } catch {
    return 'en';
  }
};
