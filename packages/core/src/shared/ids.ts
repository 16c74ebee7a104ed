import { encodeTime, monotonicFactory } from 'ulid';

/** Prefixes make an id say what it is in logs, URLs and support tickets. */
export const ID_PREFIXES = {
  requisition: 'req',
  tenant: 'tnt',
  user: 'usr',
  audit: 'aud',
  incident: 'inc',
  notification: 'ntf',
  task: 'task',
  event: 'evt',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// Monotonic so that ids minted in the same millisecond still sort in creation order.
const nextUlid = monotonicFactory();

export const newId = (kind: IdKind): string => `${ID_PREFIXES[kind]}_${nextUlid()}`;

const ULID_PATTERN = '[0-9A-HJKMNP-TV-Z]{26}';

export const idPattern = (kind: IdKind): RegExp => new RegExp(`^${ID_PREFIXES[kind]}_${ULID_PATTERN}$`);

const RANDOM_LENGTH = 16;

/**
 * The smallest and largest id of `kind` minted within [from, to] (inclusive, ISO times):
 * since a ULID starts with its time, a time range is a sort-key range on ids.
 */
export const idRange = (kind: IdKind, from: string | undefined, to: string | undefined) => ({
  from:
    from === undefined ? undefined : `${ID_PREFIXES[kind]}_${encodeTime(Date.parse(from))}${'0'.repeat(RANDOM_LENGTH)}`,
  to: to === undefined ? undefined : `${ID_PREFIXES[kind]}_${encodeTime(Date.parse(to))}${'Z'.repeat(RANDOM_LENGTH)}`,
});
