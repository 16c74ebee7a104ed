/**
 * The one DynamoDB table every entity lives in. ElectroDB entities, the CDK data
 * construct and the local cloud all read this definition, so the indexes that exist
 * are exactly the indexes the access patterns query.
 *
 * Indexes are generic and overloaded: an entity gives each of them its own meaning
 * (documented at the top of each entity file). All keys are strings.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const GLOBAL_INDEXES = [
  { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
] as const;

export type GlobalIndexName = (typeof GLOBAL_INDEXES)[number]['indexName'];

/** Attribute DynamoDB deletes items by (epoch seconds), e.g. expired idempotency records. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Every attribute that is a key of the table or of an index: never part of an API response. */
export const KEY_ATTRIBUTES: ReadonlySet<string> = new Set([
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
]);
