import { assertCursorFor } from '../shared/cursor.ts';
import type { Page } from '../shared/schema.ts';

/** What `pageByName` needs of an ElectroDB query chain (method syntax: any entity's query fits). */
interface NameOrderedQuery<Item> {
  params<Params>(): Params;
  go(options: { limit: number; cursor: string | null; order: 'asc' }): Promise<{ data: Item[]; cursor: string | null }>;
}

/**
 * One page of a list whose sort key starts with a name, A to Z (shared/paging.ts serves the
 * newest-first lists). The cursor is checked against the partition the query reads, as there.
 */
export const pageByName = async <Item, View>(
  query: NameOrderedQuery<Item>,
  partitionKey: string,
  { limit, cursor }: { limit: number; cursor?: string | undefined },
  toView: (item: Item) => View,
): Promise<Page<View>> => {
  if (cursor !== undefined) {
    const { ExpressionAttributeValues } = query.params<{ ExpressionAttributeValues: Record<string, string> }>();
    assertCursorFor(cursor, { attribute: partitionKey, value: ExpressionAttributeValues[':pk'] ?? '' });
  }
  const result = await query.go({ limit, cursor: cursor ?? null, order: 'asc' });
  return { items: result.data.map(toView), nextCursor: result.cursor };
};
