import { type Clock, systemClock } from '../shared/clock.ts';
import { evidenceAround } from './evidence.ts';
import type { ExtractedSkill, TaxonomyEntry } from './extracted-skill.ts';
import {
  capSkills,
  type ExtractionInput,
  type ExtractionOutput,
  type ExtractionPurpose,
  type ExtractorSkill,
  type SkillExtractor,
} from './extractor.ts';
import { type Line, requirementAt, sectionedLines } from './jd-sections.ts';
import { DEFAULT_PROFICIENCY, levelForYears, wordLevelNear, yearsNear } from './proficiency-cues.ts';
import { type TermMatch, taxonomyMatcher } from './taxonomy-matcher.ts';

/** The rule set's version: bump it when a rule changes, so logged results can be told apart. */
export const LOCAL_RULES_VERSION = 'local-v1';

/** Far more than a 20-page resume (about 60,000 characters); beyond it the rest is not read. */
export const MAX_LOCAL_INPUT = 400_000;

type Proficiency = ExtractedSkill['proficiency'];
const LEVELS: readonly Proficiency[] = ['beginner', 'intermediate', 'advanced', 'expert'];
const highest = (levels: readonly Proficiency[]): Proficiency | undefined =>
  levels.reduce<Proficiency | undefined>(
    (best, level) => (best === undefined || LEVELS.indexOf(level) > LEVELS.indexOf(best) ? level : best),
    undefined,
  );

/**
 * Confidence: 0.8 when the canonical name is written, 0.7 for an alias only, 0.1 less when
 * every mention is an ambiguous word ("Go"); +0.05 per further mention (at most +0.1); +0.1
 * when years or a level word back it up.
 */
const confidenceOf = (mentions: readonly TermMatch[], cued: boolean): number => {
  const base = mentions.some((mention) => !mention.viaAlias) ? 0.8 : 0.7;
  const ambiguity = mentions.every((mention) => mention.ambiguous) ? 0.1 : 0;
  const repetition = Math.min(0.1, 0.05 * (mentions.length - 1));
  const value = base - ambiguity + repetition + (cued ? 0.1 : 0);
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
};

const skillOf = (
  text: string,
  entry: TaxonomyEntry,
  mentions: readonly TermMatch[],
  now: Date,
  lines: readonly Line[] | undefined,
): ExtractorSkill => {
  const years = mentions
    .map((mention) => yearsNear(text, mention.start, mention.end, now))
    .filter((value) => value !== undefined);
  const yearsOfExperience = years.length ? Math.max(...years) : undefined;
  const word = highest(
    mentions.map((mention) => wordLevelNear(text, mention.start, mention.end)).filter((level) => level !== undefined),
  );
  const [first] = mentions as [TermMatch, ...TermMatch[]];
  const requirement = lines
    ? mentions.some((mention) => requirementAt(lines, mention.start) === 'required')
      ? 'required'
      : 'nice_to_have'
    : undefined;
  return {
    skill: entry.name,
    skillId: entry.skillId,
    category: entry.category,
    proficiency: yearsOfExperience === undefined ? (word ?? DEFAULT_PROFICIENCY) : levelForYears(yearsOfExperience),
    ...(yearsOfExperience === undefined ? {} : { yearsOfExperience }),
    confidence: confidenceOf(mentions, yearsOfExperience !== undefined || word !== undefined),
    evidence: evidenceAround(text, first.start, first.end),
    ...(requirement ? { requirement } : {}),
  };
};

/**
 * The local extractor's whole work, synchronous and pure: the same text, taxonomy and `now`
 * give the same output. `now` only matters for "since <year>".
 */
export const extractLocally = (input: ExtractionInput, now: Date): ExtractionOutput => {
  const inputTruncated = input.text.length > MAX_LOCAL_INPUT;
  const text = inputTruncated ? input.text.slice(0, MAX_LOCAL_INPUT) : input.text;
  const mentionsBySkill = new Map<TaxonomyEntry, TermMatch[]>();
  for (const match of taxonomyMatcher(input.taxonomy).find(text)) {
    const mentions = mentionsBySkill.get(match.entry);
    if (mentions) mentions.push(match);
    else mentionsBySkill.set(match.entry, [match]);
  }
  const lines = input.purpose === 'job_description' ? sectionedLines(text) : undefined;
  const skills = [...mentionsBySkill].map(([entry, mentions]) => skillOf(text, entry, mentions, now, lines));
  return {
    skills: capSkills(skills),
    extractor: 'local',
    promptVersion: LOCAL_RULES_VERSION,
    ...(inputTruncated ? { inputTruncated } : {}),
  };
};

export const localExtractor = (clock: Clock = systemClock): SkillExtractor => ({
  kind: 'local',
  extract: async (input) => extractLocally(input, clock.now()),
});

/** For benchmarks: the local extraction of many texts against one taxonomy. */
export const extractMany = (
  texts: readonly string[],
  taxonomy: readonly TaxonomyEntry[],
  purpose: ExtractionPurpose = 'resume',
  now: Date = new Date(),
): ExtractionOutput[] => texts.map((text) => extractLocally({ text, taxonomy, purpose }, now));
