import { EVENT_PAYLOADS } from '@assist-ten/core/events/catalogue';
import type { InterviewItem } from '@assist-ten/core/interviews/interview.entity';
import { calendarPayloadOf } from '@assist-ten/core/interviews/interview.events';
import { describe, expect, it } from 'vitest';
import { anInterview as storedInterview } from './an-interview.ts';

const ULID = '01JABCDEFGHJKMNPQRSTVWXYZ0';

/** The shared stored interview, with catalogue-valid ids and every field the payloads read. */
const anInterview = (overrides: Partial<InterviewItem> = {}): InterviewItem =>
  storedInterview({
    tenantId: `tnt_${ULID}`,
    interviewId: `int_${ULID}`,
    candidateId: `cand_${ULID}`,
    applicationId: `app_${ULID}`,
    requisitionId: `req_${ULID}`,
    timeZone: 'Europe/Lisbon',
    candidateTimeZone: 'America/New_York',
    interviewerId: 'usr_01JABCDEFGHJKMNPQRSTVWXY01',
    additionalInterviewers: ['usr_01JABCDEFGHJKMNPQRSTVWXY02'],
    meetingLink: 'https://meet.example.test/abc',
    preparationNotes: 'Ask about the outage they mentioned.',
    questionGuide: { questions: ['Why did it fail?'] },
    round: 2,
    sequence: 3,
    reminderShard: 'r1',
    remindAt: '2030-03-04T08:00:00.000Z',
    createdBy: 'usr_01JABCDEFGHJKMNPQRSTVWXY09',
    updatedBy: 'usr_01JABCDEFGHJKMNPQRSTVWXY09',
    version: 4,
    ...overrides,
  });

describe('calendarPayloadOf', () => {
  it('is a payload every interview calendar event accepts', () => {
    // Act
    const payload = calendarPayloadOf(anInterview());

    // Assert
    for (const type of ['interview.scheduled', 'interview.cancelled', 'interview.reminder_due'] as const) {
      expect(EVENT_PAYLOADS[type].safeParse(payload).success).toBe(true);
    }
  });

  it('lists the lead first, then the panel, and names the organiser and the sequence', () => {
    // Act
    const payload = calendarPayloadOf(anInterview());

    // Assert
    expect(payload).toMatchObject({
      interviewerIds: ['usr_01JABCDEFGHJKMNPQRSTVWXY01', 'usr_01JABCDEFGHJKMNPQRSTVWXY02'],
      organizerId: 'usr_01JABCDEFGHJKMNPQRSTVWXY09',
      sequence: 3,
      scheduledAt: '2030-03-04T09:00:00.000Z',
      durationMinutes: 60,
    });
  });

  it('carries no notes, questions or reminder bookkeeping', () => {
    // Act
    const text = JSON.stringify(calendarPayloadOf(anInterview()));

    // Assert
    expect(text).not.toContain('outage');
    expect(text).not.toContain('Why did it fail');
    expect(text).not.toMatch(/reminderShard|remindAt|tenantId/);
  });

  it('names the place the mode has: a location and no link for an onsite interview', () => {
    // Act
    const payload = calendarPayloadOf(
      anInterview({ interviewMode: 'onsite', meetingLink: undefined, location: 'Lisbon office, room 4' }),
    );

    // Assert
    expect(payload.location).toBe('Lisbon office, room 4');
    expect('meetingLink' in payload).toBe(false);
  });
});
