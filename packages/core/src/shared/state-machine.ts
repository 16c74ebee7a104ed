import { IllegalTransitionError } from './errors.ts';

/** A status machine as data: for each status, the statuses it may move to. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export const allowedNext = <S extends string>(table: TransitionTable<S>, from: S): readonly S[] => table[from];

export const canTransition = <S extends string>(table: TransitionTable<S>, from: S, to: S): boolean =>
  table[from].includes(to);

/** Throws a 409 that names the statuses the caller could move to instead. */
export const assertTransition = <S extends string>(table: TransitionTable<S>, from: S, to: S): void => {
  if (canTransition(table, from, to)) return;
  const allowed = allowedNext(table, from);
  throw new IllegalTransitionError(
    `Cannot move from '${from}' to '${to}'. ${allowed.length ? `Allowed next: ${allowed.join(', ')}.` : `'${from}' is final.`}`,
    { extensions: { currentStatus: from, requestedStatus: to, allowedNextStatuses: allowed } },
  );
};
