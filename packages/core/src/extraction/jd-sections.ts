import type { SkillRequirement } from './extractor.ts';

/**
 * Whether a job description asks for a skill or only welcomes it, from where it stands:
 * - a cue on the mention's own line wins ("Kubernetes is a plus", "Must have: Go");
 * - otherwise the section the line is in, from the last heading above it ("Requirements",
 *   "Must have", "What you bring" -> required; "Nice to have", "Bonus", "Preferred",
 *   "Pluses" -> nice to have; any other heading, e.g. "About us", ends the section);
 * - otherwise required: a skill a job description names outside any section is assumed asked for.
 * Nice-to-have cues are checked first because "Preferred qualifications" holds both kinds.
 */
const NICE_CUE =
  /\b(?:nice[\s-]to[\s-]haves?|bonus(?:\s+points)?|preferred|desirable|(?:a|big)\s+plus|pluses|good[\s-]to[\s-]haves?|optional|advantageous|would be great)\b/i;
const REQUIRED_CUE =
  /\b(?:requirements?|required|must(?:[\s-]haves?)?|qualifications|what you(?:'ll)? (?:need|bring)|you (?:have|bring)|minimum|essential|mandatory)\b/i;

const cueOf = (line: string): SkillRequirement | undefined => {
  if (NICE_CUE.test(line)) return 'nice_to_have';
  if (REQUIRED_CUE.test(line)) return 'required';
  return undefined;
};

/** Headings that end a requirements section without starting another. */
const OTHER_HEADING =
  /\b(?:about|responsibilities|what you(?:'ll)? do|benefits|perks|we offer|our offer|who we are|the role|the team|compensation|salary|how to apply|location)\b/i;

const BULLET = /^\s*(?:[-*•·‣▪]|\d{1,2}[.)])\s/;

/**
 * A heading: not a bullet, short, and marked as one (a trailing colon, markdown `#` or `**`,
 * all capitals) or made of a known heading's words, so that a bare list line ("Docker") in a
 * converted PDF does not end its section.
 */
const isHeading = (line: string): boolean => {
  if (BULLET.test(line)) return false;
  const bare = line.replace(/^[\s#*_=]+|[\s*_=]+$/g, '');
  if (!bare || bare.length > 60 || /[.,;!?]/.test(bare.replace(/:$/, ''))) return false;
  const marked =
    /:$/.test(bare) || /^\s*(?:#|\*\*)/.test(line) || (/\p{Lu}/u.test(bare) && bare === bare.toUpperCase());
  return marked || cueOf(bare) !== undefined || OTHER_HEADING.test(bare);
};

export interface Line {
  start: number;
  section: SkillRequirement | undefined;
  inline: SkillRequirement | undefined;
}

/** "Bonus: Kubernetes, Helm": a cue before a colon that applies to that line only. */
const LEAD_IN = /^\s*(?:[-*•·‣▪]\s*)?([^:]{1,40}):\s*\S/;

/** The lines of a text with the section each is in; computed once per text. */
export const sectionedLines = (text: string): Line[] => {
  const lines: Line[] = [];
  let section: SkillRequirement | undefined;
  let start = 0;
  for (const line of text.split('\n')) {
    const leadIn = LEAD_IN.exec(line)?.[1];
    const heading = leadIn === undefined && isHeading(line);
    if (heading) section = cueOf(line);
    const inline = leadIn === undefined ? undefined : cueOf(leadIn);
    lines.push({ start, section, inline: heading ? undefined : (inline ?? cueOf(line)) });
    start += line.length + 1;
  }
  return lines;
};

const lineAt = (lines: readonly Line[], offset: number): Line | undefined => {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((lines[middle]?.start ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return lines[low];
};

export const requirementAt = (lines: readonly Line[], offset: number): SkillRequirement => {
  const line = lineAt(lines, offset);
  return line?.inline ?? line?.section ?? 'required';
};
