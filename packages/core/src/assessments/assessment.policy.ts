import { type FieldError, ValidationError } from '../shared/errors.ts';
import type { StaffRole } from '../shared/principal.ts';
import { type AssessmentStatus, CONTENT_FIELDS } from './assessment.model.ts';
import { MAX_QUESTIONS_PER_ASSESSMENT } from './question.model.ts';

/** Recruiters build and send assessments; admins may do everything recruiters do. */
export const ASSESSMENT_MANAGERS: readonly StaffRole[] = ['recruiter', 'admin'];

/** The content fields a change touches while the assessment is no longer a draft: each is a field error. */
export const frozenFieldErrors = (status: AssessmentStatus, changes: object): FieldError[] =>
  status === 'draft'
    ? []
    : CONTENT_FIELDS.filter((field) => field in changes).map((field) => ({
        field,
        code: 'frozen',
        message: `Fixed once the assessment is ${status}: create a new assessment to change it`,
      }));

export interface PublishableQuestion {
  id: string;
  points: number;
  skillTags: readonly string[];
}

export interface Snapshot {
  questionIds: string[];
  questionCount: number;
  totalPoints: number;
  skills: string[];
}

/**
 * What publishing freezes: the questions of the sets in order (a question in two sets counts
 * once), or why the assessment is not complete enough to send to a candidate.
 */
export const snapshotOf = (sets: readonly { questions: readonly PublishableQuestion[] }[]): Snapshot => {
  const seen = new Set<string>();
  const questions = sets
    .flatMap((set) => set.questions)
    .filter((question) => !seen.has(question.id) && seen.add(question.id));
  const totalPoints = questions.reduce((sum, question) => sum + question.points, 0);
  const errors: FieldError[] = [];
  if (questions.length === 0) {
    errors.push({ field: 'questionSetIds', code: 'no_questions', message: 'The question sets hold no question yet' });
  } else if (totalPoints <= 0) {
    errors.push({ field: 'questionSetIds', code: 'no_points', message: 'The questions are worth no points' });
  }
  if (questions.length > MAX_QUESTIONS_PER_ASSESSMENT) {
    errors.push({
      field: 'questionSetIds',
      code: 'too_many_questions',
      message: `At most ${MAX_QUESTIONS_PER_ASSESSMENT} questions in one assessment, not ${questions.length}`,
    });
  }
  if (errors.length) throw new ValidationError('The assessment is not complete enough to publish.', { errors });
  return {
    questionIds: questions.map((question) => question.id),
    questionCount: questions.length,
    totalPoints,
    skills: [...new Set(questions.flatMap((question) => question.skillTags))].sort(),
  };
};
