import { lineAround } from './text-window.ts';

/** At most this many characters of text quoted as a skill's evidence (the stored schema's bound). */
export const MAX_EVIDENCE = 300;

const ELLIPSIS = '…';

/** How far from the mention a line or sentence end is looked for: a text with no line breaks stays cheap. */
const REACH = 600;

const squeeze = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The words a skill was read from: the line of the mention at [start, end); when the line is
 * too long, its sentence; when that is too long too, a window centred on the mention.
 */
export const evidenceAround = (text: string, start: number, end: number): string => {
  const { before, after } = lineAround(text, start, end, REACH);
  const mention = text.slice(start, end);
  const line = squeeze(`${before}${mention}${after}`);
  if (line.length <= MAX_EVIDENCE) return line;
  const sentenceStart = Math.max(...Array.from(before.matchAll(/[.!?]\s/g), (found) => found.index + 1), 0);
  const sentenceEnd = /[.!?](?=\s|$)/.exec(after);
  const sentence = squeeze(
    `${before.slice(sentenceStart)}${mention}${after.slice(0, sentenceEnd ? sentenceEnd.index + 1 : after.length)}`,
  );
  if (sentence.length <= MAX_EVIDENCE) return sentence;
  const room = MAX_EVIDENCE - 2 * ELLIPSIS.length;
  const side = Math.max(0, Math.floor((room - mention.length) / 2));
  const window = squeeze(`${before.slice(-side)}${mention}${after}`).slice(0, room);
  return `${ELLIPSIS}${window}${ELLIPSIS}`;
};
