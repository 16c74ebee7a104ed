import { containsKeyword } from './keyword-match.ts';
import { round2 } from './rounding.ts';
import { needsReviewAt, type QuestionScore } from './score.schema.ts';
import { normaliseText, splitIdentifiers, wordCount } from './text-normalise.ts';
import type { TextQuestion, TextScorer } from './text-scorer.ts';

/**
 * The thresholds of the keyword scorer (docs/scoring.md). Keyword coverage (found weight /
 * total weight) strictly between the two band limits is a judgement call: a person reviews it.
 */
export const UNCERTAIN_COVERAGE_LOW = 0.3;
export const UNCERTAIN_COVERAGE_HIGH = 0.7;
/** An answer with fewer words than this share of the expected answer's is too short to judge by keywords. */
export const SHORT_ANSWER_RATIO = 0.25;
/** A long answer whose words are more than this share keywords is a list of terms, not an explanation. */
export const KEYWORD_DENSITY_LIMIT = 0.5;
/** Keyword matching is never certain; clear coverage is still only this sure. */
export const CLEAR_CONFIDENCE = 0.8;
export const LOW_CONFIDENCE = 0.4;

const base = (question: TextQuestion) => ({
  ...(question.id ? { questionId: question.id } : {}),
  possible: question.points,
});

/**
 * What needs no scorer: a blank answer earns 0, surely; a short answer equal to an accepted
 * answer (normalised: NFKC, case, spacing) earns full points, surely. Both scorers start here,
 * so a blank answer never reaches a model.
 */
export const settledWithoutScorer = (question: TextQuestion, answer: string): QuestionScore | undefined => {
  const given = normaliseText(answer);
  if (given === '') {
    return {
      ...base(question),
      earned: 0,
      method: 'exact',
      confidence: 1,
      needsReview: false,
      feedback: 'Not answered',
    };
  }
  if (
    question.type === 'short_text' &&
    question.acceptedAnswers.some((accepted) => normaliseText(accepted) === given)
  ) {
    return {
      ...base(question),
      earned: question.points,
      method: 'exact',
      confidence: 1,
      needsReview: false,
      feedback: 'Correct',
    };
  }
  return undefined;
};

/** The texts a keyword is looked for in: the answer, and for code also its identifiers cut into words. */
const searchedTexts = (question: TextQuestion, answer: string): string[] =>
  question.type === 'coding'
    ? [normaliseText(answer), normaliseText(splitIdentifiers(answer))]
    : [normaliseText(answer)];

const isUncertainCoverage = (coverage: number): boolean =>
  coverage > UNCERTAIN_COVERAGE_LOW && coverage < UNCERTAIN_COVERAGE_HIGH;

const isTooShort = (question: TextQuestion, words: number): boolean =>
  question.expectedAnswer !== undefined && words < SHORT_ANSWER_RATIO * wordCount(question.expectedAnswer);

/** Scores by the question's weighted keywords (docs/scoring.md). Pure and deterministic. */
export const scoreByKeywords = (question: TextQuestion, answer: string): QuestionScore => {
  const settled = settledWithoutScorer(question, answer);
  if (settled) return settled;
  const keywordScore = (earned: number, confidence: number, feedback: string): QuestionScore => ({
    ...base(question),
    earned,
    method: 'keywords',
    confidence,
    needsReview: needsReviewAt(confidence),
    feedback,
  });

  // Nothing to compare with: only a person can mark it.
  if (question.keywords.length === 0) return keywordScore(0, 0, 'Awaiting review');
  const words = wordCount(answer);
  if (words === 0) return keywordScore(0, LOW_CONFIDENCE, 'No words found in the answer');

  const texts = searchedTexts(question, answer);
  const found = question.keywords.filter((keyword) => containsKeyword(keyword.term, texts));
  const totalWeight = question.keywords.reduce((sum, keyword) => sum + keyword.weight, 0);
  const coverage = found.reduce((sum, keyword) => sum + keyword.weight, 0) / totalWeight;
  const keywordWords = found.reduce((sum, keyword) => sum + Math.max(1, wordCount(keyword.term)), 0);
  const stuffed = question.type === 'long_text' && keywordWords / words > KEYWORD_DENSITY_LIMIT;
  const unsure = isUncertainCoverage(coverage) || isTooShort(question, words) || stuffed;
  return keywordScore(
    round2(question.points * coverage),
    unsure ? LOW_CONFIDENCE : CLEAR_CONFIDENCE,
    `Covers ${found.length} of ${question.keywords.length} key points`,
  );
};

/** The local scorer: weighted keywords, no I/O. */
export const localTextScorer = (): TextScorer => ({
  kind: 'local',
  score: async (question, answer) => scoreByKeywords(question, answer),
});
