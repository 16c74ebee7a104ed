import { eventWrite } from '../events/record.ts';
import { auditWrite } from '../platform/audit.ts';
import { systemClock } from '../shared/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, remove, type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import type { ApplicationItem } from './application.entity.ts';
import { assertApplicationManager } from './application.policy.ts';
import { loadApplication } from './application.service.ts';
import { ApplicationNoteEntity, type ApplicationNoteItem } from './note.entity.ts';
import {
  assertNoteAuthor,
  canSeeNote,
  mentionErrors,
  type NoteShape,
  newlyMentioned,
  noteErrors,
} from './note.policy.ts';
import { type CreateNote, type ListNotes, Note, type UpdateNote } from './note.schema.ts';
import { activeUsersAmong, readRequisition } from './related.ts';

export const toNote = ({ noteId, ...item }: ApplicationNoteItem): Note => Note.parse({ id: noteId, ...item });

/** What the audit trail keeps of a note: its shape, never its body (personal data), only that it changed. */
const auditView = (note: Partial<ApplicationNoteItem>) => ({
  applicationId: note.applicationId,
  type: note.type,
  isPrivate: note.isPrivate,
  mentions: note.mentions,
  followUpAt: note.followUpAt,
});

const noteNotFound = (noteId: string) => new NotFoundError(`Note ${noteId} was not found.`);

const invalid = (message: string, errors: ReturnType<typeof noteErrors>) => new ValidationError(message, { errors });

/**
 * The note rules, checked on the note as it will be, and that every mention this write adds
 * is an active user (one mentioned before and deactivated since does not block an edit).
 */
const assertValidNote = async (
  actor: Principal,
  note: NoteShape,
  { setsFollowUpAt, mentionedBefore }: { setsFollowUpAt: boolean; mentionedBefore: readonly string[] },
): Promise<void> => {
  const errors = noteErrors(note, { setsFollowUpAt, now: systemClock.now() });
  if (errors.length) throw invalid('The note is not valid.', errors);
  const added = note.mentions.filter((userId) => !mentionedBefore.includes(userId));
  if (added.length === 0) return;
  const known = new Set([...mentionedBefore, ...(await activeUsersAmong(actor.tenantId, added))]);
  const unknown = mentionErrors(note.mentions, known);
  if (unknown.length) throw invalid('Only active users of your organisation can be mentioned.', unknown);
};

/** The notification of the users a write newly mentions, in the same transaction. */
const mentionEvents = async (
  actor: Principal,
  application: ApplicationItem,
  noteId: string,
  mentioned: readonly string[],
): Promise<TransactionWrite[]> => {
  if (mentioned.length === 0) return [];
  const requisition = await readRequisition(actor.tenantId, application.requisitionId);
  return [
    eventWrite(actor, 'note.mentioned', {
      noteId,
      applicationId: application.applicationId,
      requisitionId: application.requisitionId,
      requisitionTitle: requisition?.title ?? 'a requisition',
      authorId: actor.userId,
      mentionedUserIds: [...mentioned],
    }),
  ];
};

export const createNote = async (
  actor: Principal,
  applicationId: string,
  input: CreateNote,
  noteId: string = newId('note'),
): Promise<Note> => {
  assertApplicationManager(actor);
  const application = await loadApplication(actor, applicationId);
  await assertValidNote(actor, input, { setsFollowUpAt: true, mentionedBefore: [] });
  const params = ApplicationNoteEntity.create({
    ...input,
    tenantId: actor.tenantId,
    applicationId,
    noteId,
    authorId: actor.userId,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: ApplicationNoteItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Note ${noteId} already exists.`)),
    auditWrite(actor, {
      action: 'application_note.created',
      entityType: 'application_note',
      entityId: noteId,
      after: auditView(params.Item),
    }),
    ...(await mentionEvents(actor, application, noteId, newlyMentioned(actor.userId, [], input.mentions))),
  ]);
  return toNote(params.Item);
};

/** Newest first; other people's private notes are filtered out by the Query itself. */
export const listNotes = async (actor: Principal, applicationId: string, input: ListNotes): Promise<Page<Note>> => {
  assertApplicationManager(actor);
  await loadApplication(actor, applicationId);
  const query = ApplicationNoteEntity.query
    .byApplication({ tenantId: actor.tenantId, applicationId })
    .where(({ isPrivate, authorId }, { eq }) => `(${eq(isPrivate, false)} OR ${eq(authorId, actor.userId)})`);
  return pageOf(query, 'pk', input, toNote);
};

const loadNote = async (
  actor: Principal,
  applicationId: string,
  noteId: string,
  consistent = false,
): Promise<ApplicationNoteItem> => {
  const { data } = await ApplicationNoteEntity.get({ tenantId: actor.tenantId, applicationId, noteId }).go({
    consistent,
  });
  if (!data || !canSeeNote(actor, data)) throw noteNotFound(noteId);
  return data;
};

/** The author's own edit; a mention added by it notifies that user, one kept from before does not again. */
export const updateNote = async (
  actor: Principal,
  applicationId: string,
  noteId: string,
  changes: UpdateNote,
  expectedVersion?: number,
): Promise<Note> => {
  assertApplicationManager(actor);
  const application = await loadApplication(actor, applicationId);
  await writeVersioned(expectedVersion, {
    label: `Note ${noteId}`,
    load: () => loadNote(actor, applicationId, noteId),
    decide: async (current) => {
      assertNoteAuthor(actor, current);
      const { followUpAt, ...rest } = changes;
      const set = { ...rest, ...(followUpAt ? { followUpAt } : {}) };
      const removed = followUpAt === null ? (['followUpAt'] as const) : [];
      const next = patched(current, set, removed);
      await assertValidNote(actor, next, {
        setsFollowUpAt: typeof followUpAt === 'string',
        mentionedBefore: current.mentions,
      });
      const edited = changes.body !== undefined && changes.body !== current.body ? ['body'] : [];
      return [
        versionedPatch(
          ApplicationNoteEntity.patch({ tenantId: actor.tenantId, applicationId, noteId }).set({
            ...set,
            updatedBy: actor.userId,
          }),
          current.version,
          removed,
        ),
        auditWrite(actor, {
          action: 'application_note.updated',
          entityType: 'application_note',
          entityId: noteId,
          before: auditView(current),
          after: { ...auditView(next), ...(edited.length ? { edited } : {}) },
        }),
        ...(await mentionEvents(
          actor,
          application,
          noteId,
          newlyMentioned(current.authorId, current.mentions, next.mentions),
        )),
      ];
    },
  });
  return toNote(await loadNote(actor, applicationId, noteId, true));
};

/** Deleted for good: a note is the author's text, and personal data is not kept for nothing. */
export const deleteNote = async (actor: Principal, applicationId: string, noteId: string): Promise<void> => {
  assertApplicationManager(actor);
  await loadApplication(actor, applicationId);
  const current = await loadNote(actor, applicationId, noteId);
  assertNoteAuthor(actor, current);
  await transactWrite([
    remove(
      ApplicationNoteEntity.delete({ tenantId: actor.tenantId, applicationId, noteId })
        .where(({ authorId }, { eq }) => eq(authorId, actor.userId))
        .params(),
      () => noteNotFound(noteId),
    ),
    auditWrite(actor, {
      action: 'application_note.deleted',
      entityType: 'application_note',
      entityId: noteId,
      before: auditView(current),
    }),
  ]);
};
