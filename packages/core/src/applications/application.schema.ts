import * as z from 'zod/mini';
import { idPattern } from '../shared/ids.ts';
import { idPath, listQuery, notEmpty, page, prefixedId, text, trackedView } from '../shared/schema.ts';
import { APPLICATION_STAGES, REJECTION_CODES } from './application.model.ts';

const candidateId = z.string().check(z.regex(idPattern('candidate'), 'A candidate id such as cand_01J...'));
const requisitionId = z.string().check(z.regex(idPattern('requisition'), 'A requisition id such as req_01J...'));
const source = text(100);
const stage = z.enum(APPLICATION_STAGES);

const rejection = z.strictObject({
  code: z.enum(REJECTION_CODES),
  note: z.optional(text(1000)),
});

export const CreateApplicationBody = z.strictObject({
  candidateId,
  requisitionId,
  /** Where the candidate came from for this opening: `referral`, `job board`, ... */
  source: z.optional(source),
  /** The assessment the candidate will take (issue 6 manages these). */
  assessmentId: z.optional(prefixedId),
});
export type CreateApplication = z.output<typeof CreateApplicationBody>;

/** `null` clears an optional field; the rejection note only of a rejected application. */
export const UpdateApplicationBody = z
  .strictObject({
    source: z.optional(z.nullable(source)),
    assessmentId: z.optional(z.nullable(prefixedId)),
    rejectionNote: z.optional(z.nullable(text(1000))),
  })
  .check(notEmpty);
export type UpdateApplication = z.output<typeof UpdateApplicationBody>;

export const MoveStageBody = z
  .strictObject({
    stage,
    /** Why, kept in the stage history (and as the withdrawal reason when withdrawing). */
    reason: z.optional(text(1000)),
    /** Required when rejecting, refused otherwise. */
    rejection: z.optional(rejection),
  })
  .check(
    z.refine((body) => body.stage !== 'rejected' || body.rejection !== undefined, {
      message: 'Say why: a rejection code (and optionally a note)',
      path: ['rejection'],
    }),
    z.refine((body) => body.stage === 'rejected' || body.rejection === undefined, {
      message: 'Only a move to rejected takes a rejection',
      path: ['rejection'],
    }),
  );
export type MoveStage = z.output<typeof MoveStageBody>;

export const ApplicationPath = idPath('application');

/** Every list is a Query on one index: by requisition (optionally one stage of it) or by candidate. */
export const ListApplicationsQuery = z
  .strictObject({
    requisitionId: z.optional(requisitionId),
    candidateId: z.optional(candidateId),
    stage: z.optional(stage),
    ...listQuery,
  })
  .check(
    z.refine((query) => (query.requisitionId === undefined) !== (query.candidateId === undefined), {
      message: 'Filter by exactly one of requisitionId and candidateId',
      path: ['requisitionId'],
    }),
    z.refine((query) => query.stage === undefined || query.requisitionId !== undefined, {
      message: 'stage filters a requisition: send requisitionId with it',
      path: ['stage'],
    }),
  );
export type ListApplications = z.output<typeof ListApplicationsQuery>;

const historyEntry = z.object({
  from: z.optional(stage),
  to: stage,
  at: z.string(),
  by: z.string(),
  reason: z.optional(z.string()),
});

export const Application = z.object({
  id: z.string(),
  candidateId: z.string(),
  requisitionId: z.string(),
  assessmentId: z.optional(z.string()),
  stage,
  stageEnteredAt: z.string(),
  /** Where it may move next, for the UI's buttons; empty once final. */
  allowedNextStages: z.array(stage),
  stageHistory: z.array(historyEntry),
  rejectionReason: z.optional(z.object({ code: z.enum(REJECTION_CODES), note: z.optional(z.string()) })),
  withdrawnReason: z.optional(z.string()),
  source: z.optional(z.string()),
  appliedAt: z.string(),
  hiredAt: z.optional(z.string()),
  closedAt: z.optional(z.string()),
  isActive: z.boolean(),
  ...trackedView,
});
export type Application = z.output<typeof Application>;

export const ApplicationPage = page(Application);
