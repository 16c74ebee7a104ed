import { ConflictError, PreconditionFailedError } from './errors.ts';
import { type TransactionWrite, transactWrite, update } from './transaction.ts';

/** Raised by the versioned write's own condition: someone wrote since we read. */
class StaleReadError extends Error {}

/** Whether a transaction failed because a versioned write found its object changed since it was read. */
export const isStaleRead = (error: unknown): boolean => error instanceof StaleReadError;

/** The write of an object's changes, guarded by the version that was read. */
export const versionedUpdate = (params: object): TransactionWrite => update(params, () => new StaleReadError());

export interface VersionedChange<Item extends { version: number }> {
  /** What the object is, for messages: `Requisition req_01J...`. */
  label: string;
  /** Reads the object; throws NotFoundError when the caller may not see it. */
  load(): Promise<Item>;
  /** The writes of one attempt: a `versionedUpdate` of the object, its audit entry, and whatever else must change with it. */
  decide(current: Item): TransactionWrite[] | Promise<TransactionWrite[]>;
}

const ATTEMPTS = 3;

/**
 * Writes a change decided on the object as read, only if nobody wrote since. With an
 * If-Match version a stale read is the caller's 412; without one the caller asked for
 * last-writer-wins, so a lost race is decided again on fresh data. Returns the object as read.
 */
export const writeVersioned = async <Item extends { version: number }>(
  expectedVersion: number | undefined,
  change: VersionedChange<Item>,
): Promise<Item> => {
  for (let attempt = 1; ; attempt++) {
    const current = await change.load();
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `${change.label} is at version ${current.version}, not ${expectedVersion}. Read it again.`,
        { extensions: { currentVersion: current.version } },
      );
    }
    try {
      await transactWrite(await change.decide(current));
      return current;
    } catch (error) {
      if (!(error instanceof StaleReadError)) throw error;
      if (expectedVersion !== undefined) {
        throw new PreconditionFailedError(`${change.label} changed while you were editing it. Read it again.`);
      }
      if (attempt >= ATTEMPTS) throw new ConflictError(`${change.label} is being changed by others; try again.`);
    }
  }
};

/** What `versionedPatch` needs of an ElectroDB patch chain (method syntax: any entity's chain fits). */
interface PatchChain {
  remove(fields: string[]): PatchChain;
  add(values: { version: number }): PatchChain;
  where(
    condition: (
      attributes: { version: unknown },
      operations: { eq(attribute: unknown, value: number): string },
    ) => string,
  ): PatchChain;
  params(): object;
}

/**
 * An entity's `patch(...).set(...)` completed the way every versioned write is: the fields
 * to remove, version + 1, and only if the version is still the one that was read.
 */
export const versionedPatch = (
  chain: PatchChain,
  currentVersion: number,
  remove: readonly string[] = [],
): TransactionWrite =>
  versionedUpdate(
    (remove.length ? chain.remove([...remove]) : chain)
      .add({ version: 1 })
      .where(({ version }, { eq }) => eq(version, currentVersion))
      .params(),
  );

/** The item as it will be after the patch, for the audit entry's "after". */
export const patched = <Item extends object>(current: Item, set: object, remove: readonly string[] = []): Item => {
  const next = { ...current, ...set } as Record<string, unknown>;
  for (const field of remove) delete next[field];
  return next as Item;
};
