import * as z from 'zod/mini';
import { PROCTORING_EVENT_TYPES } from '../proctoring/proctoring.model.ts';
import { idPattern } from '../shared/ids.ts';
import { boundedList, idPath, listQuery, notEmpty, page, storableNumber, text, trackedView } from '../shared/schema.ts';
import {
  ASSESSMENT_STATUSES,
  DEFAULT_INVITATION_VALID_DAYS,
  DEFAULT_PASSING_SCORE,
  DEFAULT_SNAPSHOT_INTERVAL_SECONDS,
  MAX_ATTEMPTS,
  MAX_DESCRIPTION,
  MAX_DURATION_MINUTES,
  MAX_INSTRUCTIONS,
  MAX_INVITATION_VALID_DAYS,
  MAX_QUESTION_SETS,
  MAX_SNAPSHOT_INTERVAL_SECONDS,
  MAX_TITLE,
  MIN_DURATION_MINUTES,
  MIN_SNAPSHOT_INTERVAL_SECONDS,
} from './assessment.model.ts';

const requisitionId = z.string().check(z.regex(idPattern('requisition'), 'A requisition id such as req_01J...'));
const questionSetId = z.string().check(z.regex(idPattern('questionSet'), 'A question set id such as qset_01J...'));
const instant = z.iso.datetime({ offset: true });

const questionSetIds = boundedList(questionSetId, MAX_QUESTION_SETS).check(
  z.minLength(1, 'At least one question set'),
  z.refine((ids) => new Set(ids).size === ids.length, 'Each question set once'),
);

const ProctoringSettings = z.strictObject({
  required: z._default(z.boolean(), false),
  snapshotIntervalSeconds: z._default(
    z.int().check(z.minimum(MIN_SNAPSHOT_INTERVAL_SECONDS), z.maximum(MAX_SNAPSHOT_INTERVAL_SECONDS)),
    DEFAULT_SNAPSHOT_INTERVAL_SECONDS,
  ),
  /** Events the candidate may cause without it counting against them (e.g. `copy` in an open-book test). */
  allowedEvents: z._default(
    boundedList(z.enum(PROCTORING_EVENT_TYPES), PROCTORING_EVENT_TYPES.length).check(
      z.refine((events) => new Set(events).size === events.length, 'Each event once'),
    ),
    [],
  ),
});

const settings = {
  description: text(MAX_DESCRIPTION),
  instructions: text(MAX_INSTRUCTIONS),
  durationMinutes: z.int().check(z.minimum(MIN_DURATION_MINUTES), z.maximum(MAX_DURATION_MINUTES)),
  passingScore: storableNumber.check(z.minimum(0), z.maximum(100)),
  availableFrom: instant,
  availableUntil: instant,
  attemptsAllowed: z.int().check(z.minimum(1), z.maximum(MAX_ATTEMPTS)),
  invitationValidDays: z.int().check(z.minimum(1), z.maximum(MAX_INVITATION_VALID_DAYS)),
};

const windowInOrder = z.refine<{ availableFrom?: string | null; availableUntil?: string | null }>(
  ({ availableFrom, availableUntil }) =>
    !availableFrom || !availableUntil || Date.parse(availableFrom) < Date.parse(availableUntil),
  { message: 'availableUntil must be after availableFrom', path: ['availableUntil'] },
);

export const CreateAssessmentBody = z
  .strictObject({
    title: text(MAX_TITLE),
    requisitionId,
    questionSetIds,
    durationMinutes: settings.durationMinutes,
    passingScore: z._default(settings.passingScore, DEFAULT_PASSING_SCORE),
    description: z.optional(settings.description),
    instructions: z.optional(settings.instructions),
    availableFrom: z.optional(settings.availableFrom),
    availableUntil: z.optional(settings.availableUntil),
    attemptsAllowed: z._default(settings.attemptsAllowed, 1),
    shuffleQuestions: z._default(z.boolean(), false),
    shuffleOptions: z._default(z.boolean(), false),
    invitationValidDays: z._default(settings.invitationValidDays, DEFAULT_INVITATION_VALID_DAYS),
    proctoring: z._default(ProctoringSettings, {
      required: false,
      snapshotIntervalSeconds: DEFAULT_SNAPSHOT_INTERVAL_SECONDS,
      allowedEvents: [],
    }),
  })
  .check(windowInOrder);
export type CreateAssessment = z.output<typeof CreateAssessmentBody>;

/**
 * `null` clears an optional field. What a candidate is tested on and how it is scored
 * (CONTENT_FIELDS) can change only while the assessment is a draft.
 */
export const UpdateAssessmentBody = z
  .strictObject({
    title: z.optional(text(MAX_TITLE)),
    questionSetIds: z.optional(questionSetIds),
    durationMinutes: z.optional(settings.durationMinutes),
    passingScore: z.optional(settings.passingScore),
    description: z.optional(z.nullable(settings.description)),
    instructions: z.optional(z.nullable(settings.instructions)),
    availableFrom: z.optional(z.nullable(settings.availableFrom)),
    availableUntil: z.optional(z.nullable(settings.availableUntil)),
    attemptsAllowed: z.optional(settings.attemptsAllowed),
    shuffleQuestions: z.optional(z.boolean()),
    shuffleOptions: z.optional(z.boolean()),
    invitationValidDays: z.optional(settings.invitationValidDays),
    proctoring: z.optional(ProctoringSettings),
  })
  .check(notEmpty, windowInOrder);
export type UpdateAssessment = z.output<typeof UpdateAssessmentBody>;

export const AssessmentPath = idPath('assessment');

/** Every list is a Query on one index: the tenant's, or one requisition's. */
export const ListAssessmentsQuery = z.strictObject({ requisitionId: z.optional(requisitionId), ...listQuery });
export type ListAssessments = z.output<typeof ListAssessmentsQuery>;

export const Assessment = z.object({
  id: z.string(),
  requisitionId: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  instructions: z.optional(z.string()),
  status: z.enum(ASSESSMENT_STATUSES),
  questionSetIds: z.array(z.string()),
  durationMinutes: z.int(),
  passingScore: z.number(),
  availableFrom: z.optional(z.string()),
  availableUntil: z.optional(z.string()),
  attemptsAllowed: z.int(),
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  invitationValidDays: z.int(),
  proctoring: z.object({
    required: z.boolean(),
    snapshotIntervalSeconds: z.int(),
    allowedEvents: z.array(z.enum(PROCTORING_EVENT_TYPES)),
  }),
  /** Set once published: the frozen questions. */
  questionIds: z.optional(z.array(z.string())),
  questionCount: z.optional(z.int()),
  totalPoints: z.optional(z.number()),
  skills: z.optional(z.array(z.string())),
  isPublished: z.boolean(),
  publishedAt: z.optional(z.string()),
  archivedAt: z.optional(z.string()),
  ...trackedView,
});
export type Assessment = z.output<typeof Assessment>;

export const AssessmentPage = page(Assessment);
