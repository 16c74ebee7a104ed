/** The vocabulary of questions, shared by question sets, generation, test sessions and scoring. */

export const QUESTION_TYPES = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'short_text',
  'long_text',
  'numeric',
  'coding',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Scored by comparison with the answer key on submit; the others go to a text scorer. */
export const OBJECTIVE_TYPES = ['single_choice', 'multiple_choice', 'true_false', 'numeric'] as const;
export type ObjectiveType = (typeof OBJECTIVE_TYPES)[number];
export const isObjective = (type: QuestionType): type is ObjectiveType =>
  (OBJECTIVE_TYPES as readonly QuestionType[]).includes(type);

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const QUESTION_SET_SOURCES = ['manual', 'generated_from_jd', 'generated_from_skills'] as const;
export type QuestionSetSource = (typeof QUESTION_SET_SOURCES)[number];

/** Markdown; long enough for a code listing, short enough to render on a phone. */
export const MAX_PROMPT = 5_000;
export const MAX_OPTION_TEXT = 1_000;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
/** Option ids are short and stable, so an answer names the option, not its position. */
export const MAX_OPTION_ID = 16;
export const MAX_ACCEPTED_ANSWERS = 20;
export const MAX_ACCEPTED_ANSWER = 200;
export const MAX_EXPECTED_ANSWER = 10_000;
export const MAX_RUBRIC = 5_000;
export const MAX_KEYWORDS = 30;
export const MAX_KEYWORD = 100;
export const MAX_STARTER_CODE = 10_000;
export const MAX_SKILL_TAGS = 10;
export const MAX_POINTS = 100;
export const MAX_TIME_HINT_SECONDS = 3_600;
export const MAX_EXPLANATION = 2_000;

/** A question set holds at most this many live questions; an assessment at most this many in all. */
export const MAX_QUESTIONS_PER_SET = 200;
export const MAX_QUESTIONS_PER_ASSESSMENT = 200;

/** Candidates' answers. */
export const MAX_TEXT_ANSWER = 20_000;
export const MAX_CODE_ANSWER = 50_000;
