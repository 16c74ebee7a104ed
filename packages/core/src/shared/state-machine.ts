import { IllegalTransitionError } from './errors.ts';

/** A status machine as data: for each status, the statuses it may move to. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export const allowedNext = <S extends string>(table: TransitionTable<S>, from: S): readonly S[] => table[from];

export const canTransition = <S extends string>(table: TransitionTable<S>, from: S, to: S): boolean =>
  table[from].includes(to);

/** Throws the 409 every illegal move gets: where it is, and where it may go from there. */
export const assertTransition = <S extends string>(table: TransitionTable<S>, what: string, from: S, to: S): void => {
  if (canTransition(table, from, to)) return;
  const next = allowedNext(table, from);
  throw new IllegalTransitionError(
    `${what} cannot go from ${from} to ${to}. ${next.length ? `From ${from} it can go to: ${next.join(', ')}.` : `'${from}' is final.`}`,
    { extensions: { currentStatus: from, allowedNextStatuses: next } },
  );
};
