import * as z from 'zod/mini';
import { Application } from '../applications/application.schema.ts';
import { Note } from '../applications/note.schema.ts';
import { Document } from '../documents/document.schema.ts';
import { EXTRACTION_STATUSES } from '../extraction/extraction-log.model.ts';
import { EXTRACTION_PURPOSES, EXTRACTOR_KINDS } from '../extraction/extractor.ts';
import { Feedback } from '../feedback/feedback.schema.ts';
import { InterviewRecord } from '../interviews/interview.schema.ts';
import { SkillMatch } from '../matching/skill-match.schema.ts';
import { TASK_STATUSES } from '../platform/task.model.ts';
import { idPattern } from '../shared/ids.ts';
import { text } from '../shared/schema.ts';
import { Candidate } from './candidate.schema.ts';

/**
 * `reason` is kept in the audit trail, which outlives the erasure: it must say why (e.g. "Art. 17
 * request of 2026-11-20, ticket 4711"), never who. No name, email or other detail of the person.
 */
export const EraseCandidateBody = z.strictObject({ reason: z.optional(text(500)) });
export type EraseCandidate = z.output<typeof EraseCandidateBody>;

/** What an erasure removed, counted; the person's data itself is gone, so this is all that can be shown. */
export const ErasureReceipt = z.object({
  candidateId: z.string(),
  erasedAt: z.string(),
  removed: z.object({
    documents: z.int(),
    /** S3 object versions (files, extracted texts, delete markers). */
    files: z.int(),
    extractions: z.int(),
    matches: z.int(),
    notes: z.int(),
    /** Applications kept for the funnel's counts, with their free text removed. */
    applicationsAnonymised: z.int(),
    /** Webcam snapshots of their test sessions (images, every version, and items). */
    snapshots: z.int(),
    proctoringEvents: z.int(),
    /** Integrity scores, verdicts and appeals of their test sessions. */
    proctoringSummaries: z.int(),
    /** Interviews kept for the requisition's counts, their and their feedback's free text removed. */
    interviewsAnonymised: z.int(),
    /** Feedback (drafts too) kept for the scorecard's ratings, with what the interviewers wrote removed. */
    feedbackAnonymised: z.int(),
    /** Interviews still ahead, called off: their interviewers' time is free again. */
    interviewsCancelled: z.int(),
    /** Test answers kept for the results' points, with the text and code they wrote (and what scoring said of it) removed. */
    answersAnonymised: z.int(),
  }),
});
export type ErasureReceipt = z.output<typeof ErasureReceipt>;

/**
 * `taskId` is not held to the task id pattern: a segment that names no export of this
 * candidate is simply an export we do not have (404), like any other unknown id.
 */
export const CandidateExportPath = z.strictObject({
  id: z.string().check(z.regex(idPattern('candidate'), 'An id such as cand_01J...')),
  taskId: z.string().check(z.maxLength(64)),
});

/** One run of the skill extractor over the person's resume: when and how, never the text it read. */
const ExportedExtraction = z.object({
  id: z.string(),
  documentId: z.optional(z.string()),
  purpose: z.enum(EXTRACTION_PURPOSES),
  extractor: z.enum(EXTRACTOR_KINDS),
  model: z.optional(z.string()),
  status: z.enum(EXTRACTION_STATUSES),
  createdAt: z.string(),
});

const ExportedDocument = z.object({
  ...Document.shape,
  /** The text read from the file, when it was read. */
  text: z.optional(z.string()),
});

const ExportedNote = z.object({
  ...Note.shape,
  /** Written for its author alone, and still data held about the person, so it is part of the export. */
  heldPrivately: z.boolean(),
});

/** Everything the tenant holds about one candidate, as one JSON document (right of access, data portability). */
export const CandidateExport = z.object({
  exportedAt: z.string(),
  candidate: Candidate,
  documents: z.array(ExportedDocument),
  applications: z.array(Application),
  notes: z.array(ExportedNote),
  skillMatches: z.array(SkillMatch),
  extractions: z.array(ExportedExtraction),
  /** Their interviews as stored, staff's preparation notes and cancel reasons included. */
  interviews: z.array(InterviewRecord),
  /** Every interviewer's feedback about them, drafts too: what is held, not what is final. */
  feedback: z.array(Feedback),
});
export type CandidateExport = z.output<typeof CandidateExport>;

/** The export is too large for a response: it is built by a task and downloaded from the status route. */
export const ExportQueued = z.object({ taskId: z.string() });
export type ExportQueued = z.output<typeof ExportQueued>;

export const ExportStatus = z.object({
  status: z.enum(TASK_STATUSES),
  /** A presigned GET of the export file, valid for a minute; present once the task succeeded. */
  downloadUrl: z.optional(z.string()),
  expiresAt: z.optional(z.string()),
});
export type ExportStatus = z.output<typeof ExportStatus>;

/** The tasks queue's message of an export. */
export const ExportMessage = z.object({
  kind: z.literal('candidate_export'),
  tenantId: z.string(),
  taskId: z.string(),
  candidateId: z.string(),
});
export type ExportMessage = z.output<typeof ExportMessage>;
