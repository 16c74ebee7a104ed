import {
  assertNoteAuthor,
  canSeeNote,
  mentionErrors,
  newlyMentioned,
  noteErrors,
} from '@assist-ten/core/applications/note.policy';
import { ForbiddenError, NotFoundError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';

const now = new Date('2026-11-24T10:00:00.000Z');
const later = '2026-11-30T09:00:00.000Z';
const earlier = '2026-11-20T09:00:00.000Z';
const base = { type: 'general' as const, isPrivate: false, mentions: [] as string[] };
const fields = (errors: { field: string; code: string }[]) => errors.map(({ field, code }) => `${field}:${code}`);

describe('noteErrors', () => {
  it('accepts a general note and a follow-up with a future date', () => {
    expect(noteErrors(base, { setsFollowUpAt: false, now })).toEqual([]);
    expect(noteErrors({ ...base, type: 'follow_up', followUpAt: later }, { setsFollowUpAt: true, now })).toEqual([]);
  });

  it('requires followUpAt for a follow-up note and refuses it on any other', () => {
    expect(fields(noteErrors({ ...base, type: 'follow_up' }, { setsFollowUpAt: false, now }))).toEqual([
      'followUpAt:required',
    ]);
    expect(fields(noteErrors({ ...base, type: 'red_flag', followUpAt: later }, { setsFollowUpAt: true, now }))).toEqual(
      ['followUpAt:not_allowed'],
    );
  });

  it('refuses a past followUpAt only when the request sets it', () => {
    const note = { ...base, type: 'follow_up' as const, followUpAt: earlier };

    expect(fields(noteErrors(note, { setsFollowUpAt: true, now }))).toEqual(['followUpAt:in_the_past']);
    expect(noteErrors(note, { setsFollowUpAt: false, now })).toEqual([]);
  });

  it('refuses mentions in a private note', () => {
    expect(
      fields(noteErrors({ ...base, isPrivate: true, mentions: ['usr_bob'] }, { setsFollowUpAt: false, now })),
    ).toEqual(['mentions:private_note']);
  });
});

describe('mentionErrors', () => {
  it('names each mention that is not an active user by its position', () => {
    // Act
    const errors = mentionErrors(['usr_a', 'usr_gone', 'usr_b', 'usr_x'], new Set(['usr_a', 'usr_b']));

    // Assert
    expect(errors.map((error) => error.field)).toEqual(['mentions[1]', 'mentions[3]']);
  });
});

describe('note visibility and authorship', () => {
  const alice = aPrincipal({ userId: 'usr_alice' });
  const bob = aPrincipal({ userId: 'usr_bob', roles: ['admin'] });
  const privateNote = { noteId: 'note_1', isPrivate: true, authorId: 'usr_alice' };
  const publicNote = { ...privateNote, isPrivate: false };

  it('shows a private note to its author only', () => {
    expect(canSeeNote(alice, privateNote)).toBe(true);
    expect(canSeeNote(bob, privateNote)).toBe(false);
    expect(canSeeNote(bob, publicNote)).toBe(true);
  });

  it("answers another user's edit of a private note with 404 and of a public one with 403, even for an admin", () => {
    expect(thrownBy(() => assertNoteAuthor(bob, privateNote))).toBeInstanceOf(NotFoundError);
    expect(thrownBy(() => assertNoteAuthor(bob, publicNote))).toBeInstanceOf(ForbiddenError);
    expect(thrownBy(() => assertNoteAuthor(alice, privateNote), { orNothing: true })).toBeUndefined();
  });
});

describe('newlyMentioned', () => {
  it('names only the users added by this write, never the author', () => {
    expect(newlyMentioned('usr_alice', ['usr_bob'], ['usr_bob', 'usr_carol', 'usr_alice'])).toEqual(['usr_carol']);
  });
});
