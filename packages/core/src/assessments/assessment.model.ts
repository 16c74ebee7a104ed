/** The vocabulary of an assessment, shared by its entity, schemas, rules and test sessions. */

export const ASSESSMENT_STATUSES = ['draft', 'published', 'archived'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 2_000;
/** The rules the candidate reads on the landing page before starting. */
export const MAX_INSTRUCTIONS = 5_000;
export const MAX_QUESTION_SETS = 10;

export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 480;
export const MAX_ATTEMPTS = 5;
export const DEFAULT_PASSING_SCORE = 60;

/** How long an invitation link works unless the assessment says otherwise. */
export const DEFAULT_INVITATION_VALID_DAYS = 7;
export const MAX_INVITATION_VALID_DAYS = 30;

export const MIN_SNAPSHOT_INTERVAL_SECONDS = 10;
export const MAX_SNAPSHOT_INTERVAL_SECONDS = 600;
export const DEFAULT_SNAPSHOT_INTERVAL_SECONDS = 30;

/** Fields that decide what a candidate is tested on and how it is scored: fixed once published. */
export const CONTENT_FIELDS = [
  'questionSetIds',
  'durationMinutes',
  'passingScore',
  'attemptsAllowed',
  'shuffleQuestions',
  'shuffleOptions',
  'proctoring',
] as const;
