import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createApplication, createNote } from '../../support/fixtures/applications.ts';
import { inviteUser, userBody } from '../../support/fixtures/identity.ts';
import { eventually } from '../../support/queues.ts';
import { HOME, OTHER } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

const APPLICATIONS = '/api/v1/recruiter/applications';
const notesOf = (applicationId: string) => `${APPLICATIONS}/${applicationId}/notes`;

const inboxOf = async (token: string) =>
  (await call<{ items: { relatedEntityId: string; title: string }[] }>('GET', '/api/v1/notifications', { token })).body
    .items;

/** A fresh colleague of the home tenant, signed in. */
const colleague = async () => {
  const user = await inviteUser(userBody(['recruiter']));
  return { ...user, token: await tokenFor(user.email) };
};

describe('application notes over HTTP', () => {
  it("lists notes newest first and never shows, nor counts, someone else's private note", async () => {
    // Arrange
    const application = await createApplication();
    const mine = await createNote(application.id, { type: 'general', body: 'Public remark' });
    const secret = await createNote(application.id, { type: 'red_flag', body: 'Private hunch', isPrivate: true });

    // Act
    const asAuthor = await call('GET', notesOf(application.id), { token: await tokenFor(HOME.recruiter) });
    const asAdmin = await call('GET', notesOf(application.id), { token: await tokenFor(HOME.admin) });

    // Assert
    expect(asAuthor.body.items.map((note: { id: string }) => note.id)).toEqual([secret.id, mine.id]);
    expect(asAdmin.body.items.map((note: { id: string }) => note.id)).toEqual([mine.id]);
    expect(JSON.stringify(asAdmin.body)).not.toContain(secret.id);
  });

  it('lets only the author edit or delete: 404 to others for a private note, 403 for a public one', async () => {
    // Arrange
    const application = await createApplication();
    const hidden = await createNote(application.id, { type: 'general', body: 'Mine only', isPrivate: true });
    const open = await createNote(application.id, { type: 'general', body: 'Everyone reads' });
    const admin = await tokenFor(HOME.admin);
    const author = await tokenFor(HOME.recruiter);

    // Act
    const editHidden = await call('PATCH', `${notesOf(application.id)}/${hidden.id}`, {
      token: admin,
      body: { body: 'x' },
    });
    const deleteHidden = await call('DELETE', `${notesOf(application.id)}/${hidden.id}`, { token: admin });
    const editOpen = await call('PATCH', `${notesOf(application.id)}/${open.id}`, {
      token: admin,
      body: { body: 'x' },
    });
    const deleteOpen = await call('DELETE', `${notesOf(application.id)}/${open.id}`, { token: admin });
    const stale = await call('PATCH', `${notesOf(application.id)}/${open.id}`, {
      token: author,
      body: { body: 'Too late' },
      headers: { 'if-match': '"7"' },
    });
    const edited = await call('PATCH', `${notesOf(application.id)}/${open.id}`, {
      token: author,
      body: { body: 'Everyone reads, edited' },
      headers: { 'if-match': '"1"' },
    });
    const deleted = await call('DELETE', `${notesOf(application.id)}/${open.id}`, { token: author });

    // Assert
    expect([editHidden.status, deleteHidden.status]).toEqual([404, 404]);
    expect([editOpen.status, deleteOpen.status]).toEqual([403, 403]);
    expect(stale.status).toBe(412);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'Everyone reads, edited', version: 2 });
    expect(deleted.status).toBe(204);
    const left = await call('GET', notesOf(application.id), { token: author });
    expect(left.body.items.map((note: { id: string }) => note.id)).toEqual([hidden.id]);
  });

  it('refuses unknown mentions by position, mentions in a private note, and a follow-up without a date', async () => {
    // Arrange
    const application = await createApplication();
    const { userId } = await whoIs(HOME.admin);
    const token = await tokenFor(HOME.recruiter);
    const post = (body: object) => call('POST', notesOf(application.id), { token, body });

    // Act
    const unknown = await post({ type: 'general', body: 'b', mentions: [userId, 'usr_01JDEM0000000000000000000Z'] });
    const privateMention = await post({ type: 'general', body: 'b', isPrivate: true, mentions: [userId] });
    const undated = await post({ type: 'follow_up', body: 'Call back' });
    const past = await post({ type: 'follow_up', body: 'Call back', followUpAt: '2020-01-01T00:00:00Z' });
    const dated = await post({ type: 'follow_up', body: 'Call back', followUpAt: '2099-01-01T09:00:00Z' });

    // Assert
    const fields = (response: { body: { errors: { field: string }[] } }) =>
      response.body.errors.map((error) => error.field);
    expect(unknown.status).toBe(400);
    expect(fields(unknown)).toEqual(['mentions[1]']);
    expect(fields(privateMention)).toEqual(['mentions']);
    expect(fields(undated)).toEqual(['followUpAt']);
    expect(fields(past)).toEqual(['followUpAt']);
    expect(dated.status).toBe(201);
    expect(dated.body.followUpAt).toBe('2099-01-01T09:00:00Z');
  });

  it('notifies a mentioned colleague in their inbox, and on an edit only the newly mentioned', async () => {
    // Arrange
    const application = await createApplication();
    const first = await colleague();
    const second = await colleague();

    // Act
    const note = await createNote(application.id, {
      type: 'general',
      body: 'Please take a look',
      mentions: [first.id],
    });
    await eventually(async () => (await inboxOf(first.token)).length > 0, "the first colleague's notification", 40_000);
    const edited = await call('PATCH', `${notesOf(application.id)}/${note.id}`, {
      token: await tokenFor(HOME.recruiter),
      body: { mentions: [first.id, second.id] },
    });
    await eventually(
      async () => (await inboxOf(second.token)).length > 0,
      "the second colleague's notification",
      40_000,
    );

    // Assert
    expect(edited.status).toBe(200);
    const [notification] = await inboxOf(first.token);
    expect(notification).toMatchObject({ relatedEntityId: application.id });
    expect(notification?.title).toContain('mentioned');
    expect(JSON.stringify(notification)).not.toContain('Please take a look');
    expect(await inboxOf(first.token)).toHaveLength(1);
    expect(await inboxOf(second.token)).toHaveLength(1);
  }, 90_000);

  it("answers another tenant's notes with 404", async () => {
    // Arrange
    const application = await createApplication();
    const note = await createNote(application.id, { type: 'general', body: 'Home only' });
    const other = await tokenFor(OTHER.admin);

    // Act
    const listed = await call('GET', notesOf(application.id), { token: other });
    const written = await call('POST', notesOf(application.id), { token: other, body: { type: 'general', body: 'x' } });
    const edited = await call('PATCH', `${notesOf(application.id)}/${note.id}`, { token: other, body: { body: 'x' } });

    // Assert
    expect([listed.status, written.status, edited.status]).toEqual([404, 404, 404]);
  });
});
