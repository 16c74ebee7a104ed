import * as z from 'zod/mini';
import { idPattern } from '../shared/ids.ts';
import { boundedList, listQuery, notEmpty, page, prefixedId, text, trackedView } from '../shared/schema.ts';
import { MAX_MENTIONS, MAX_NOTE_BODY, NOTE_TYPES } from './note.model.ts';

const mentions = boundedList(prefixedId, MAX_MENTIONS).check(
  z.refine((list) => new Set(list).size === list.length, { message: 'Mention each person once' }),
);
const followUpAt = z.iso.datetime({ offset: true });

/** Rules that span fields (follow-up dates, private notes and mentions) are in note.policy.ts. */
export const CreateNoteBody = z.strictObject({
  type: z.enum(NOTE_TYPES),
  body: text(MAX_NOTE_BODY),
  isPrivate: z._default(z.boolean(), false),
  mentions: z._default(mentions, []),
  followUpAt: z.optional(followUpAt),
});
export type CreateNote = z.output<typeof CreateNoteBody>;

/** `followUpAt: null` clears the date (with a type that takes none). */
export const UpdateNoteBody = z
  .strictObject({
    type: z.optional(z.enum(NOTE_TYPES)),
    body: z.optional(text(MAX_NOTE_BODY)),
    isPrivate: z.optional(z.boolean()),
    mentions: z.optional(mentions),
    followUpAt: z.optional(z.nullable(followUpAt)),
  })
  .check(notEmpty);
export type UpdateNote = z.output<typeof UpdateNoteBody>;

const applicationId = z.string().check(z.regex(idPattern('application'), 'An id such as app_01J...'));

export const NotesPath = z.strictObject({ id: applicationId });

/**
 * `noteId` is not held to the note id pattern: a segment that names no note of this
 * application is simply a note we do not have (404), like any other unknown id.
 */
export const NotePath = z.strictObject({ id: applicationId, noteId: z.string().check(z.maxLength(64)) });

export const ListNotesQuery = z.strictObject({ ...listQuery });
export type ListNotes = z.output<typeof ListNotesQuery>;

export const Note = z.object({
  id: z.string(),
  applicationId: z.string(),
  authorId: z.string(),
  type: z.enum(NOTE_TYPES),
  body: z.string(),
  isPrivate: z.boolean(),
  mentions: z.array(z.string()),
  followUpAt: z.optional(z.string()),
  ...trackedView,
});
export type Note = z.output<typeof Note>;

export const NotePage = page(Note);
