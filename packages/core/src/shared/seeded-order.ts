import { createHash } from 'node:crypto';

/** Where a seed puts an item: a hash of the seed and the item's id, so each place depends on nothing else. */
export const seededRank = (seed: string, id: string): string =>
  createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');

/**
 * The items in an order that looks random but is the same every time for the same seed
 * (e.g. a session id: a candidate sees the same order after every reload, and each
 * candidate another one). Adding an item never moves the others relative to each other.
 */
export const seededOrder = <T>(seed: string, items: readonly T[], idOf: (item: T) => string): T[] =>
  items
    .map((item) => ({ item, rank: seededRank(seed, idOf(item)) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .map(({ item }) => item);
