import type { NotificationEvent } from '@assist-ten/core/events/catalogue';
import { TenantEntity } from '@assist-ten/core/identity/tenant.entity';
import { perNotificationType } from '@assist-ten/core/identity/user.model';
import { deliverEvent } from '@assist-ten/core/notifications/delivery';
import { newId } from '@assist-ten/core/shared/ids';
import { beforeAll, describe, expect, it } from 'vitest';
import { ownerOf, unreadOf, wholeInbox } from '../../support/inbox.ts';
import { emailsTo } from '../../support/outbox.ts';
import { freshRecipient } from '../../support/recipients.ts';
import { HOME } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';
import { sampleEvents } from '../../unit/events/samples.ts';
import { calendarPartOf, textPartOf } from '../../unit/notifications/support/calendar-reader.ts';

/**
 * Every event type of the catalogue, delivered against the real table to users of its
 * own: who gets a notification, who gets an email, and what a second delivery changes.
 */
let tenantId: string;
beforeAll(async () => {
  ({ tenantId } = await whoIs(HOME.recruiter));
});

type Role = 'actor' | 'owner' | 'manager' | 'interviewerA' | 'interviewerB' | 'reviewer';

/** Fresh users for every person the sample events name, keyed by the sample's placeholder id. */
const cast = async (): Promise<Record<Role, { userId: string; email: string }>> => {
  const roles: Role[] = ['actor', 'owner', 'manager', 'interviewerA', 'interviewerB', 'reviewer'];
  const users = await Promise.all(roles.map(() => freshRecipient(tenantId)));
  return Object.fromEntries(roles.map((role, index) => [role, users[index]])) as Record<
    Role,
    { userId: string; email: string }
  >;
};

/** The sample event of `type`, with the placeholders replaced by the cast's user ids. */
const eventFor = (type: NotificationEvent['type'], people: Record<Role, { userId: string }>): NotificationEvent => {
  const placeholders = new Map(
    Object.entries({
      usr_01JDEM00000000000000000A01: people.actor.userId,
      usr_01JDEM00000000000000000A02: people.owner.userId,
      usr_01JDEM00000000000000000A03: people.manager.userId,
      usr_01JDEM00000000000000000A04: people.interviewerA.userId,
      usr_01JDEM00000000000000000A05: people.interviewerB.userId,
      usr_01JDEM00000000000000000A06: people.reviewer.userId,
    }),
  );
  const sample = sampleEvents().find((event) => event.type === type);
  const json = JSON.stringify({ ...sample, tenantId, eventId: newId('event') }).replace(
    /usr_01JDEM00000000000000000A0\d/g,
    (id) => placeholders.get(id) ?? id,
  );
  return JSON.parse(json) as NotificationEvent;
};

describe('deliverEvent', () => {
  it.each([
    ['requisition.published', ['owner', 'manager'], ['owner', 'manager']],
    ['user.roles_changed', ['owner'], ['owner']],
    // Calendar invitations reach every interviewer, the organiser who booked themselves too.
    ['interview.scheduled', ['interviewerA', 'interviewerB'], ['interviewerA', 'interviewerB', 'actor']],
    // interviewerB was taken off the panel: a cancellation of their own, no inbox item.
    ['interview.updated', ['interviewerA'], ['interviewerA', 'interviewerB']],
    ['interview.cancelled', ['interviewerA', 'interviewerB'], ['interviewerA', 'interviewerB']],
    ['interview.reminder_due', ['interviewerA', 'interviewerB'], ['interviewerA', 'interviewerB']],
    ['feedback.submitted', ['owner', 'manager'], ['owner', 'manager']],
    ['proctoring.session_flagged', ['reviewer', 'owner'], ['reviewer', 'owner']],
    ['invitation.created', ['owner', 'manager'], ['owner', 'manager']],
    ['application.stage_changed', ['owner', 'manager'], ['owner', 'manager']],
    ['note.mentioned', ['owner', 'manager'], ['owner', 'manager']],
  ] as const)('delivers %s to %j, emails %j, and nobody else', async (type, notified, emailed) => {
    // Arrange
    const people = await cast();
    const event = eventFor(type, people);

    // Act
    const report = await deliverEvent(event);

    // Assert
    expect(report).toMatchObject({ recipients: notified.length, notified: notified.length, skipped: 0 });
    for (const [role, person] of Object.entries(people) as [Role, { userId: string; email: string }][]) {
      const inbox = await wholeInbox(ownerOf(tenantId, person.userId));
      expect(
        inbox.map((notification) => notification.eventId),
        `${role}'s inbox`,
      ).toEqual((notified as readonly Role[]).includes(role) ? [event.eventId] : []);
      expect((await emailsTo(person.email)).length, `${role}'s emails`).toBe(
        (emailed as readonly Role[]).includes(role) ? 1 : 0,
      );
    }
  });

  it('emails the interviewers of a booking one calendar invitation each, in place of the notification email', async () => {
    // Arrange
    const people = await cast();
    const event = eventFor('interview.scheduled', people);

    // Act
    const report = await deliverEvent(event);

    // Assert: the sample's candidate does not exist, so only the three interviewers are emailed
    expect(report).toMatchObject({ emailed: 0, participants: { emailed: 3, skipped: 1 } });
    const [email = ''] = await emailsTo(people.interviewerA.email);
    expect(calendarPartOf(email)?.method).toBe('REQUEST');
    expect(textPartOf(email)).toContain('Interview scheduled: Staff Engineer');
  });

  it('changes nothing when the same event is delivered again', async () => {
    // Arrange
    const people = await cast();
    const event = eventFor('interview.scheduled', people);
    await deliverEvent(event);

    // Act
    const again = await deliverEvent(event);

    // Assert
    expect(again).toMatchObject({ notified: 2, emailed: 0, pushed: 0, participants: { emailed: 0 } });
    const owner = ownerOf(tenantId, people.interviewerA.userId);
    expect(await wholeInbox(owner)).toHaveLength(1);
    expect(await unreadOf(owner)).toBe(1);
    expect((await emailsTo(people.interviewerA.email)).length).toBe(1);
  });

  it("follows each recipient's channels, skips deactivated users, and emails security notices regardless", async () => {
    // Arrange
    const emailOnly = await freshRecipient(tenantId, perNotificationType({ inApp: false, email: true }));
    const inAppOnly = await freshRecipient(tenantId, perNotificationType({ inApp: true, email: false }));
    const gone = await freshRecipient(tenantId, undefined, 'deactivated');
    const reminder = eventFor('interview.reminder_due', {
      ...(await cast()),
      interviewerA: emailOnly,
      interviewerB: inAppOnly,
    });
    const withGone = {
      ...reminder,
      payload: { ...reminder.payload, interviewerIds: [emailOnly.userId, inAppOnly.userId, gone.userId] },
    } as NotificationEvent;
    const security = eventFor('user.roles_changed', { ...(await cast()), owner: inAppOnly });

    // Act
    const report = await deliverEvent(withGone);
    await deliverEvent(security);

    // Assert
    expect(report).toMatchObject({ recipients: 3, notified: 1, emailed: 1, skipped: 1 });
    expect(await wholeInbox(ownerOf(tenantId, emailOnly.userId))).toEqual([]);
    expect((await emailsTo(emailOnly.email)).length).toBe(1);
    expect(await wholeInbox(ownerOf(tenantId, inAppOnly.userId))).toHaveLength(2);
    expect((await emailsTo(inAppOnly.email)).length).toBe(1);
    expect(await wholeInbox(ownerOf(tenantId, gone.userId))).toEqual([]);
  });

  it('sends a calendar invitation to an interviewer with interview emails off, and no deactivated one', async () => {
    // Arrange
    const inAppOnly = await freshRecipient(tenantId, perNotificationType({ inApp: true, email: false }));
    const gone = await freshRecipient(tenantId, undefined, 'deactivated');
    const scheduled = eventFor('interview.scheduled', await cast());
    const event = {
      ...scheduled,
      payload: { ...scheduled.payload, interviewerIds: [inAppOnly.userId, gone.userId] },
    } as NotificationEvent;

    // Act
    const report = await deliverEvent(event);

    // Assert
    expect(report).toMatchObject({ notified: 1, emailed: 0, participants: { emailed: 1 } });
    const emails = await emailsTo(inAppOnly.email);
    expect(emails.map((email) => calendarPartOf(email)?.method)).toEqual(['REQUEST']);
    expect(await emailsTo(gone.email)).toEqual([]);
  });
});

describe('deliverEvent for a suspended tenant', () => {
  it('tells nobody: its users cannot sign in', async () => {
    // Arrange
    const { data: home } = await TenantEntity.get({ tenantId }).go();
    const suspendedId = newId('tenant');
    await TenantEntity.create({
      ...(home as NonNullable<typeof home>),
      tenantId: suspendedId,
      status: 'suspended',
    }).go();
    const recipient = await freshRecipient(suspendedId);
    const interviewer = await freshRecipient(suspendedId);
    const event = eventFor('user.roles_changed', { ...(await cast()), owner: recipient });
    const booking = eventFor('interview.scheduled', { ...(await cast()), interviewerA: interviewer });

    // Act
    const report = await deliverEvent({ ...event, tenantId: suspendedId });
    const bookingReport = await deliverEvent({ ...booking, tenantId: suspendedId });

    // Assert: neither a notification nor a calendar invitation
    expect(report).toMatchObject({ recipients: 1, notified: 0, emailed: 0, skipped: 1 });
    expect(bookingReport).toMatchObject({ notified: 0, participants: { emailed: 0 } });
    expect(await wholeInbox(ownerOf(suspendedId, recipient.userId))).toEqual([]);
    expect((await emailsTo(recipient.email)).length).toBe(0);
    expect((await emailsTo(interviewer.email)).length).toBe(0);
  });
});
