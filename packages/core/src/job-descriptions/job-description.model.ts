/** The vocabulary of a job description, shared by its entity, schemas and service. */

/**
 * awaiting_document: created without text, its document not yet read;
 * ready: text and extracted skills present; failed: its document could not be read.
 */
export const JOB_DESCRIPTION_STATUSES = ['awaiting_document', 'ready', 'failed'] as const;
export type JobDescriptionStatus = (typeof JOB_DESCRIPTION_STATUSES)[number];

/** Longest text a job description holds in its item (a long posting is about 15,000 characters). */
export const MAX_JOB_DESCRIPTION_TEXT = 50_000;
