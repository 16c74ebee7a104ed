/** A status machine as data: for each status, the statuses it may move to. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export const allowedNext = <S extends string>(table: TransitionTable<S>, from: S): readonly S[] => table[from];

export const canTransition = <S extends string>(table: TransitionTable<S>, from: S, to: S): boolean =>
  table[from].includes(to);
