/** What an extraction read skills from: a candidate's resume, a job description, later a question set. */
export const EXTRACTION_SUBJECT_TYPES = ['candidate', 'job_description', 'question_set'] as const;
export type ExtractionSubjectType = (typeof EXTRACTION_SUBJECT_TYPES)[number];

export const EXTRACTION_STATUSES = ['succeeded', 'failed'] as const;
export type ExtractionStatus = (typeof EXTRACTION_STATUSES)[number];
