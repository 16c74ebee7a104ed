import { monotonicFactory } from 'ulid';

/** Prefixes make an id say what it is in logs, URLs and support tickets. */
export const ID_PREFIXES = {
  requisition: 'req',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// Monotonic so that ids minted in the same millisecond still sort in creation order.
const nextUlid = monotonicFactory();

export const newId = (kind: IdKind): string => `${ID_PREFIXES[kind]}_${nextUlid()}`;

const ULID_PATTERN = '[0-9A-HJKMNP-TV-Z]{26}';

export const idPattern = (kind: IdKind): RegExp => new RegExp(`^${ID_PREFIXES[kind]}_${ULID_PATTERN}$`);
