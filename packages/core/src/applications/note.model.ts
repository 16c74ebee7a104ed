/** The vocabulary of application notes. */
export const NOTE_TYPES = ['general', 'follow_up', 'red_flag'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const MAX_NOTE_BODY = 5_000;
export const MAX_MENTIONS = 20;
