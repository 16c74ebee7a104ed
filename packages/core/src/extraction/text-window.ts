/**
 * The text of a mention's line on either side of [start, end), at most `reach` characters
 * each way. Only that window is searched for the line's ends, so a text with no line breaks
 * costs the same as one with many.
 */
export const lineAround = (
  text: string,
  start: number,
  end: number,
  reach: number,
): { before: string; after: string; atLineStart: boolean } => {
  const from = Math.max(0, start - reach);
  const before = text.slice(from, start);
  const after = text.slice(end, Math.min(text.length, end + reach));
  const newlineBefore = before.lastIndexOf('\n');
  const newlineAfter = after.indexOf('\n');
  return {
    before: newlineBefore === -1 ? before : before.slice(newlineBefore + 1),
    after: newlineAfter === -1 ? after : after.slice(0, newlineAfter),
    atLineStart: newlineBefore !== -1 || from === 0,
  };
};
