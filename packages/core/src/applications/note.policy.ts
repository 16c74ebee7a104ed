import { type FieldError, ForbiddenError, NotFoundError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import type { NoteType } from './note.model.ts';

/** A note as its rules see it. */
export interface NoteShape {
  type: NoteType;
  isPrivate: boolean;
  mentions: readonly string[];
  followUpAt?: string | undefined;
}

/**
 * What makes a note (as it will be after a create or an edit) invalid. `followUpAt` must be
 * in the future only when this request sets it: editing the body of a note whose follow-up
 * date has passed is fine. A private note mentions nobody: they could not read it.
 */
export const noteErrors = (
  note: NoteShape,
  { setsFollowUpAt, now }: { setsFollowUpAt: boolean; now: Date },
): FieldError[] => {
  const errors: FieldError[] = [];
  if (note.type === 'follow_up' && note.followUpAt === undefined) {
    errors.push({ field: 'followUpAt', code: 'required', message: 'A follow-up note needs a followUpAt date' });
  }
  if (note.type !== 'follow_up' && note.followUpAt !== undefined) {
    errors.push({ field: 'followUpAt', code: 'not_allowed', message: 'Only follow_up notes take a followUpAt date' });
  }
  if (setsFollowUpAt && note.followUpAt !== undefined && Date.parse(note.followUpAt) <= now.getTime()) {
    errors.push({ field: 'followUpAt', code: 'in_the_past', message: 'Give a time in the future' });
  }
  if (note.isPrivate && note.mentions.length > 0) {
    errors.push({
      field: 'mentions',
      code: 'private_note',
      message: 'A private note cannot mention anyone: they could not read it',
    });
  }
  return errors;
};

/** A field error per mention that is not an active user of the tenant, by its position. */
export const mentionErrors = (mentions: readonly string[], activeUsers: ReadonlySet<string>): FieldError[] =>
  mentions.flatMap((userId, index) =>
    activeUsers.has(userId)
      ? []
      : [{ field: `mentions[${index}]`, code: 'unknown_user', message: 'Not an active user of your organisation' }],
  );

/** Someone else's private note does not exist for the caller: not listed, not readable, not confirmed. */
export const canSeeNote = (actor: Principal, note: { isPrivate: boolean; authorId: string }): boolean =>
  !note.isPrivate || note.authorId === actor.userId;

/** Only the author edits or deletes a note; another user learns of a private note nothing, of a public one that it is not theirs. */
export const assertNoteAuthor = (
  actor: Principal,
  note: { noteId: string; isPrivate: boolean; authorId: string },
): void => {
  if (!canSeeNote(actor, note)) throw new NotFoundError(`Note ${note.noteId} was not found.`);
  if (note.authorId !== actor.userId) throw new ForbiddenError('Only the author of a note may change or delete it.');
};

/** Who a note's edit newly mentions: not those mentioned before, nor the author. */
export const newlyMentioned = (authorId: string, before: readonly string[], after: readonly string[]): string[] =>
  after.filter((userId) => userId !== authorId && !before.includes(userId));
