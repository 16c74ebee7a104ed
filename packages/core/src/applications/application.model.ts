/** The vocabulary of an application, shared by its entity, schemas, rules and funnel. */
export const APPLICATION_STAGES = [
  'applied',
  'screening',
  'assessment',
  'interview',
  'offer',
  'hired',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

/** The stages an application moves through in order while it is still being decided. */
export const OPEN_STAGES = ['applied', 'screening', 'assessment', 'interview', 'offer'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];

/** The pipeline in funnel order: the open stages, then the hire they lead to. */
export const PIPELINE = [...OPEN_STAGES, 'hired'] as const;
export type PipelineStage = (typeof PIPELINE)[number];

export const FINAL_STAGES = ['hired', 'rejected', 'withdrawn'] as const;

export const isOpenStage = (stage: ApplicationStage): stage is OpenStage =>
  (OPEN_STAGES as readonly string[]).includes(stage);

export const isPipelineStage = (stage: ApplicationStage): stage is PipelineStage =>
  (PIPELINE as readonly string[]).includes(stage);

/** Position in the funnel; -1 for the two exits (rejected, withdrawn), which are no step of it. */
export const pipelineIndex = (stage: ApplicationStage): number => (PIPELINE as readonly string[]).indexOf(stage);

export const REJECTION_CODES = [
  'not_qualified',
  'failed_assessment',
  'position_filled',
  'candidate_declined',
  'other',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** stageHistory keeps the most recent moves only, so the item stays small however long it lives. */
export const MAX_STAGE_HISTORY = 50;
