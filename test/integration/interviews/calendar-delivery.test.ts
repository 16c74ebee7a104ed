import type { NotificationEvent } from '@assist-ten/core/events/catalogue';
import type { InterviewItem } from '@assist-ten/core/interviews/interview.entity';
import type { Principal } from '@assist-ten/core/shared/principal';
import { beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { emailsTo } from '../../support/outbox.ts';
import { freshRecipient } from '../../support/recipients.ts';
import { unique } from '../../support/users.ts';
import {
  calendarPartOf,
  type ReadCalendar,
  readCalendar,
  textPartOf,
} from '../../unit/notifications/support/calendar-reader.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { createCandidate } = await import('@assist-ten/core/candidates/candidate.service');
const { InterviewSessionEntity } = await import('@assist-ten/core/interviews/interview.entity');
const { calendarPayloadOf } = await import('@assist-ten/core/interviews/interview.events');
const { calendarUid } = await import('@assist-ten/core/interviews/interview.model');
const { deliverEvent } = await import('@assist-ten/core/notifications/delivery');
const { newId } = await import('@assist-ten/core/shared/ids');

const seeded = findLocalUser('recruiter@demo.test');
if (!seeded) throw new Error('seed user missing');
const recruiter: Principal = principalOf(seeded);

const NOTES = 'Ask about the 2024 outage; they were on call';
const QUESTION = 'Walk me through the incident review';

interface Person {
  userId: string;
  email: string;
}

/** An interview item as the scheduling service leaves it, notes and question guide included. */
const anInterview = (candidateId: string, lead: Person, panel: Person, organizer: Person): InterviewItem => {
  const now = new Date().toISOString();
  return {
    tenantId: recruiter.tenantId,
    interviewId: newId('interview'),
    candidateId,
    applicationId: newId('application'),
    requisitionId: newId('requisition'),
    interviewType: 'technical',
    interviewMode: 'video',
    status: 'scheduled',
    // 14:00 in Lisbon in summer; 09:00 in New York
    scheduledAt: '2027-07-01T13:00:00.000Z',
    durationMinutes: 60,
    endsAt: '2027-07-01T14:00:00.000Z',
    timeZone: 'Europe/Lisbon',
    candidateTimeZone: 'America/New_York',
    interviewerId: lead.userId,
    additionalInterviewers: [panel.userId],
    meetingLink: 'https://meet.example.test/abc-defg-hij',
    preparationNotes: NOTES,
    questionGuide: { questions: [QUESTION] },
    round: 2,
    requisitionTitle: 'Staff Engineer',
    sequence: 0,
    createdAt: now,
    updatedAt: now,
    createdBy: organizer.userId,
    updatedBy: organizer.userId,
    version: 1,
  };
};

const eventOf = <
  T extends 'interview.scheduled' | 'interview.updated' | 'interview.cancelled' | 'interview.reminder_due',
>(
  type: T,
  payload: Extract<NotificationEvent, { type: T }>['payload'],
): NotificationEvent =>
  ({
    eventId: newId('event'),
    type,
    tenantId: recruiter.tenantId,
    occurredAt: new Date().toISOString(),
    actorId: recruiter.userId,
    payload,
  }) as NotificationEvent;

/** The calendars emailed to `email`, by SEQUENCE then METHOD. */
const calendarsTo = async (email: string): Promise<ReadCalendar[]> =>
  (await emailsTo(email))
    .flatMap((eml) => {
      const part = calendarPartOf(eml);
      return part ? [{ ...readCalendar(part.ics), method: part.method }] : [];
    })
    .sort((a, b) => a.sequence - b.sequence || a.method.localeCompare(b.method));

describe('calendar invitations of an interview (local outbox)', () => {
  let candidate: { id: string; email: string };
  let lead: Person;
  let panel: Person;
  let newcomer: Person;
  let organizer: Person;
  let interview: InterviewItem;

  beforeAll(async () => {
    const created = await createCandidate(recruiter, {
      fullName: 'Zoë Ångström',
      email: `${unique('candidate')}@example.test`,
    });
    candidate = { id: created.id, email: created.email };
    const person = () => freshRecipient(recruiter.tenantId);
    [lead, panel, newcomer, organizer] = await Promise.all([person(), person(), person(), person()]);
    interview = anInterview(candidate.id, lead, panel, organizer);
    await InterviewSessionEntity.create(interview).go();
  });

  it('follows the interview from booking to cancellation: one email per participant per event, one UID throughout', async () => {
    // Arrange
    const scheduled = calendarPayloadOf(interview);
    const updated = {
      ...calendarPayloadOf({
        ...interview,
        sequence: 1,
        scheduledAt: '2027-07-02T13:00:00.000Z',
        additionalInterviewers: [newcomer.userId],
      }),
      rescheduled: true,
      removedInterviewerIds: [panel.userId],
    };
    const cancelled = calendarPayloadOf({
      ...interview,
      sequence: 2,
      scheduledAt: '2027-07-02T13:00:00.000Z',
      additionalInterviewers: [newcomer.userId],
    });

    // Act
    const reports = [];
    reports.push(await deliverEvent(eventOf('interview.scheduled', scheduled)));
    reports.push(await deliverEvent(eventOf('interview.updated', updated)));
    reports.push(await deliverEvent(eventOf('interview.cancelled', cancelled)));

    // Assert
    expect(reports.map((report) => report.participants)).toEqual([
      { emailed: 3, skipped: 0 },
      { emailed: 4, skipped: 0 },
      { emailed: 3, skipped: 0 },
    ]);
    const uid = calendarUid(interview.interviewId);
    const seen = {
      lead: await calendarsTo(lead.email),
      panel: await calendarsTo(panel.email),
      newcomer: await calendarsTo(newcomer.email),
      candidate: await calendarsTo(candidate.email),
      organizer: await calendarsTo(organizer.email),
    };
    const summary = (calendars: ReadCalendar[]) =>
      calendars.map(({ method, sequence, status }) => `${sequence}:${method}:${status ?? '-'}`);
    expect(summary(seen.lead)).toEqual(['0:REQUEST:CONFIRMED', '1:REQUEST:CONFIRMED', '2:CANCEL:CANCELLED']);
    expect(summary(seen.panel)).toEqual(['0:REQUEST:CONFIRMED', '1:CANCEL:-']);
    expect(summary(seen.newcomer)).toEqual(['1:REQUEST:CONFIRMED', '2:CANCEL:CANCELLED']);
    expect(summary(seen.candidate)).toEqual(['0:REQUEST:CONFIRMED', '1:REQUEST:CONFIRMED', '2:CANCEL:CANCELLED']);
    expect(seen.organizer).toEqual([]);
    for (const calendar of Object.values(seen).flat()) expect(calendar.uid).toBe(uid);
    const [booked, moved] = seen.candidate;
    expect(booked?.start).toBe('2027-07-01T13:00:00.000Z');
    expect(booked?.tzid).toBe('Europe/Lisbon');
    expect(moved?.start).toBe('2027-07-02T13:00:00.000Z');
    expect(booked?.organizer.name).toBe('Grace Hopper');
    expect(booked?.attendees.map((attendee) => attendee.email).sort()).toEqual(
      [lead.email, panel.email, candidate.email].sort(),
    );
    expect(moved?.attendees.map((attendee) => attendee.email).sort()).toEqual(
      [lead.email, newcomer.email, candidate.email].sort(),
    );
    expect(seen.panel[1]?.attendees.map((attendee) => attendee.email)).toEqual([panel.email]);
  });

  it("writes the candidate's email in their zone, and nothing of the interviewers' notes or questions", async () => {
    // Act
    const emails = await emailsTo(candidate.email);

    // Assert
    expect(emails.length).toBeGreaterThan(0);
    for (const eml of emails) {
      expect(eml).not.toContain('outage');
      expect(eml).not.toContain('incident review');
      expect(calendarPartOf(eml)?.ics).not.toContain('outage');
    }
    const invitation = emails.map(textPartOf).find((text) => text.includes('Interview invitation'));
    expect(invitation).toContain('Hi Zoë Ångström,');
    expect(invitation).toMatch(/When: .*09:00 AM Eastern Daylight Time \(America\/New_York\)/);
    expect(invitation).toContain('Link: https://meet.example.test/abc-defg-hij');
    const cancellation = emails.map(textPartOf).find((text) => text.includes('Interview cancelled'));
    expect(cancellation).toContain('cancelled your interview for the Staff Engineer position');
  });

  it('sends nothing twice when an event is delivered again', async () => {
    // Arrange
    const event = eventOf('interview.scheduled', { ...calendarPayloadOf(interview), sequence: 5 });
    await deliverEvent(event);
    const before = (await emailsTo(candidate.email)).length;

    // Act
    const again = await deliverEvent(event);

    // Assert
    expect(again.participants.emailed).toBe(0);
    expect((await emailsTo(candidate.email)).length).toBe(before);
  });

  it('reminds the candidate by a plain email, and the interviewers through their notifications', async () => {
    // Arrange
    const before = await emailsTo(candidate.email);

    // Act
    const report = await deliverEvent(eventOf('interview.reminder_due', calendarPayloadOf(interview)));

    // Assert
    expect(report).toMatchObject({ emailed: 2, participants: { emailed: 1 } });
    const added = (await emailsTo(candidate.email)).filter((eml) => !before.includes(eml));
    expect(added).toHaveLength(1);
    expect(calendarPartOf(added[0] ?? '')).toBeUndefined();
    expect(textPartOf(added[0] ?? '')).toContain('Reminder: your interview for Staff Engineer');
  });
});
