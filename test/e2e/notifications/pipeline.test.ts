import { perNotificationType } from '@assist-ten/core/identity/user.model';
import { describe, expect, inject, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { inviteUser, userBody } from '../../support/fixtures/identity.ts';
import { completeRequisition, createRequisition, HOME } from '../../support/fixtures.ts';
import { emailsTo } from '../../support/outbox.ts';
import { eventually } from '../../support/queues.ts';

/**
 * The whole pipeline as people live it, over HTTP against the local cloud: a change causes
 * an event, and its recipient sees the notification arrive in the inbox, on the open
 * WebSocket, and as an email in the local outbox.
 */
interface Pushed {
  type: string;
  notification: { id: string; title: string; relatedEntityId: string };
}

/** A fresh staff user, signed in, with the notification preferences given. */
const signedInUser = async (roles: string[], preferences?: object) => {
  const user = await inviteUser(userBody(roles));
  const token = await tokenFor(user.email);
  if (preferences) {
    const response = await call('PATCH', '/api/v1/me', { token, body: { notificationPreferences: preferences } });
    expect(response.status).toBe(200);
  }
  return { ...user, token };
};

/** Opens the notifications WebSocket as `token`'s user and collects what is pushed. */
const listen = async (token: string) => {
  const socket = new WebSocket(`${inject('websocketUrl')}?token=${encodeURIComponent(token)}`);
  const messages: Pushed[] = [];
  socket.addEventListener('message', (event) => messages.push(JSON.parse(String(event.data)) as Pushed));
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('WebSocket refused')));
  });
  return { messages, close: () => socket.close() };
};

const inboxOf = async (token: string) =>
  (
    await call<{ items: { id: string; title: string; relatedEntityId: string; isRead: boolean; eventId: string }[] }>(
      'GET',
      '/api/v1/notifications',
      { token },
    )
  ).body.items;

const unreadCountOf = async (token: string) =>
  (await call<{ unreadCount: number }>('GET', '/api/v1/notifications/unread-count', { token })).body.unreadCount;

describe('notification pipeline', () => {
  it("tells a requisition's hiring manager it was published: inbox, count, push and email", async () => {
    // Arrange
    const manager = await signedInUser(['interviewer'], { application: { inApp: true, email: true } });
    const socket = await listen(manager.token);
    const before = await unreadCountOf(manager.token);
    const requisition = await createRequisition(HOME.recruiter, {
      ...completeRequisition,
      hiringManagerId: manager.id,
    });

    // Act
    const published = await call('POST', `/api/v1/recruiter/requisitions/${requisition.id}/publish`, {
      token: await tokenFor(HOME.recruiter),
    });

    // Assert
    expect(published.status).toBe(200);
    await eventually(async () => (await inboxOf(manager.token)).length > 0, 'the notification in the inbox');
    const [notification] = await inboxOf(manager.token);
    expect(notification).toMatchObject({
      title: `Requisition published: ${completeRequisition.title}`,
      relatedEntityId: requisition.id,
      isRead: false,
    });
    expect(await unreadCountOf(manager.token)).toBe(before + 1);
    await eventually(() => socket.messages.length > 0, 'the WebSocket push');
    expect(socket.messages[0]).toMatchObject({
      type: 'notification.created',
      notification: { id: notification?.id, relatedEntityId: requisition.id },
    });
    await eventually(async () => (await emailsTo(manager.email)).length > 0, 'the email in the local outbox');
    const [email] = await emailsTo(manager.email);
    expect(email).toContain(`Requisition published: ${completeRequisition.title}`);
    expect(email).toContain(`http://localhost:5173/requisitions/${requisition.id}`);
    socket.close();
  });

  it('leaves the inbox alone for a user who turned the in-app channel off, and emails nobody who opted out', async () => {
    // Arrange
    const quiet = await signedInUser(['interviewer'], perNotificationType({ inApp: false, email: false }));
    const requisition = await createRequisition(HOME.recruiter, { ...completeRequisition, hiringManagerId: quiet.id });
    const witness = await signedInUser(['interviewer']);
    const witnessed = await createRequisition(HOME.recruiter, { ...completeRequisition, hiringManagerId: witness.id });
    const recruiter = await tokenFor(HOME.recruiter);

    // Act: the witness's notification proves the pipeline ran past the quiet user's event
    await call('POST', `/api/v1/recruiter/requisitions/${requisition.id}/publish`, { token: recruiter });
    await call('POST', `/api/v1/recruiter/requisitions/${witnessed.id}/publish`, { token: recruiter });

    // Assert
    await eventually(async () => (await inboxOf(witness.token)).length > 0, "the witness's notification");
    expect(await inboxOf(quiet.token)).toEqual([]);
    expect(await unreadCountOf(quiet.token)).toBe(0);
    expect(await emailsTo(quiet.email)).toEqual([]);
  });

  it('emails a security notice about changed roles even to a user who turned email off', async () => {
    // Arrange
    const user = await signedInUser(['interviewer'], perNotificationType({ inApp: true, email: false }));

    // Act
    const changed = await call('PATCH', `/api/v1/admin/users/${user.id}`, {
      token: await tokenFor(HOME.admin),
      body: { roles: ['interviewer', 'recruiter'] },
    });

    // Assert
    expect(changed.status).toBe(200);
    await eventually(async () => (await emailsTo(user.email)).length > 0, 'the security email');
    const [notification] = await inboxOf(user.token);
    expect(notification).toMatchObject({ title: 'Your roles have changed', isRead: false });
    expect(await emailsTo(user.email)).toHaveLength(1);
  });
});
