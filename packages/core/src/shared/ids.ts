import { createHash } from 'node:crypto';
import { decodeTime, encodeTime, monotonicFactory } from 'ulid';

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
  candidate: 'cand',
  document: 'doc',
  jobDescription: 'jd',
  skill: 'skl',
  role: 'role',
  skillMatch: 'match',
  extraction: 'xlog',
  application: 'app',
  note: 'note',
  questionSet: 'qset',
  question: 'qst',
  assessment: 'asmt',
  invitation: 'inv',
  testSession: 'tses',
  refreshFamily: 'rfam',
  refreshToken: 'rtok',
  proctoringEvent: 'proc',
  snapshot: 'snap',
  interview: 'int',
  feedback: 'fb',
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

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * An id of `kind` that is the same every time for the same `seed`, minted at the time of
 * `origin` (another prefixed id): e.g. one notification per event and recipient, however
 * often the event is delivered. It sorts among ordinary ids by that time.
 */
export const derivedId = (kind: IdKind, origin: string, seed: string): string =>
  derivedIdAt(kind, decodeTime(origin.slice(origin.indexOf('_') + 1)), seed);

/** An id of `kind` that is the same every time for the same `seed`, minted at `time` (ms since the epoch). */
export const derivedIdAt = (kind: IdKind, time: number, seed: string): string => {
  const digest = createHash('sha256').update(seed).digest();
  const random = Array.from(digest.subarray(0, RANDOM_LENGTH), (byte) => CROCKFORD[byte % 32]).join('');
  return `${ID_PREFIXES[kind]}_${encodeTime(time)}${random}`;
};
