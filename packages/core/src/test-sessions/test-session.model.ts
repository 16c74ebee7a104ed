/** The vocabulary of a test session, shared by its entity, schemas, rules and the sweep. */

export const TEST_SESSION_KINDS = ['assessment', 'practice'] as const;
export type TestSessionKind = (typeof TEST_SESSION_KINDS)[number];

/** in_progress -> submitted (answers final) -> scored (result known). */
export const TEST_SESSION_STATUSES = ['in_progress', 'submitted', 'scored'] as const;
export type TestSessionStatus = (typeof TEST_SESSION_STATUSES)[number];

/** Who ended the session: the candidate (or practising user), or the clock. */
export const SUBMISSIONS = ['candidate', 'deadline'] as const;
export type Submission = (typeof SUBMISSIONS)[number];

/** The value of a sparse index's key attribute when the item is not in that index. */
export const NOT_INDEXED = 'none';

/**
 * Open sessions are spread over this many partitions of the due-sessions index, so the
 * writes of many sessions starting at once do not all land on one partition.
 */
export const DUE_SHARDS = 4;

/** A candidate may be a few seconds late (network, clock): answers this close after the deadline still count. */
export const DEADLINE_GRACE_SECONDS = 5;

/** A refresh token lives as long as the session could plus this margin, never longer. */
export const REFRESH_MARGIN_SECONDS = 15 * 60;
