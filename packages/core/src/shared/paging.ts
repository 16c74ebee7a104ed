import { assertCursorFor, withCursor } from './cursor.ts';
import type { Page } from './schema.ts';

/** What `pageOf` needs of an ElectroDB query chain (method syntax: any entity's query fits). */
interface PagedQuery<Item> {
  params<Params>(): Params;
  go(options: {
    limit: number;
    cursor: string | null;
    order: 'asc' | 'desc';
  }): Promise<{ data: Item[]; cursor: string | null }>;
}

/**
 * One page of a list, newest first unless `order` says `asc` (A to Z by name, best match
 * first). A cursor must come from this very partition (see cursor.ts), so it is checked
 * against the partition key `index` the query reads.
 */
export const pageOf = async <Item, View>(
  query: PagedQuery<Item>,
  partitionKey: string,
  { limit, cursor, order = 'desc' }: { limit: number; cursor?: string | undefined; order?: 'asc' | 'desc' },
  toView: (item: Item) => View,
): Promise<Page<View>> => {
  if (cursor !== undefined) {
    const { ExpressionAttributeValues } = query.params<{ ExpressionAttributeValues: Record<string, string> }>();
    assertCursorFor(cursor, { attribute: partitionKey, value: ExpressionAttributeValues[':pk'] ?? '' });
  }
  const result = await withCursor(() => query.go({ limit, cursor: cursor ?? null, order }));
  return { items: result.data.map(toView), nextCursor: result.cursor };
};
