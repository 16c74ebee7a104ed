import {
  type CalendarAttendee,
  type InterviewCalendarInput,
  interviewCalendar,
} from '@assist-ten/core/interviews/calendar-ics';
import { calendarZone } from '@assist-ten/core/interviews/calendar-zone';
import { calendarUid } from '@assist-ten/core/interviews/interview.model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interviewCalendar as aPayload } from '../events/samples.ts';
import { readCalendar } from '../notifications/support/calendar-reader.ts';

const organizer = { name: 'Rita Recruiter', email: 'no-reply@assist-ten.local' };
const attendees: CalendarAttendee[] = [
  { name: 'Ivan Interviewer', email: 'ivan@demo.test', role: 'lead' },
  { name: 'Pia Panel', email: 'pia@demo.test', role: 'panel' },
  { name: 'Zoë Ångström', email: 'zoe@example.test', role: 'candidate' },
];

const anInput = (overrides: Partial<InterviewCalendarInput> = {}): InterviewCalendarInput => ({
  message: 'invite',
  interview: aPayload(),
  organizer,
  attendees,
  stamp: '2026-11-24T10:00:00.000Z',
  ...overrides,
});

describe('interviewCalendar', () => {
  it('invites with METHOD:REQUEST, the stable UID, the SEQUENCE and a confirmed event', () => {
    // Arrange
    const input = anInput({ interview: aPayload({ sequence: 3 }) });

    // Act
    const { method, ics } = interviewCalendar(input);

    // Assert
    const calendar = readCalendar(ics);
    expect(method).toBe('REQUEST');
    expect(calendar).toMatchObject({
      method: 'REQUEST',
      uid: calendarUid(input.interview.interviewId),
      sequence: 3,
      status: 'CONFIRMED',
      summary: 'Technical interview (round 2): Staff Engineer',
      stamp: '2026-11-24T10:00:00.000Z',
    });
    expect(ics).toMatch(/^PRODID:-\/\/Assist-Ten\/\/Interviews\/\/EN\r$/m);
  });

  it('writes 14:00 in Lisbon in summer as 13:00 UTC, with the zone and its VTIMEZONE', () => {
    // Arrange
    const interview = aPayload({ scheduledAt: '2026-07-01T13:00:00.000Z', durationMinutes: 90 });

    // Act
    const { ics } = interviewCalendar(anInput({ interview }));

    // Assert
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Lisbon:20260701T140000\r$/m);
    expect(ics).toMatch(/^DTEND;TZID=Europe\/Lisbon:20260701T153000\r$/m);
    const calendar = readCalendar(ics);
    expect(calendar.tzid).toBe('Europe/Lisbon');
    expect(calendar.timezones).toEqual(['Europe/Lisbon']);
    expect(calendar.start).toBe('2026-07-01T13:00:00.000Z');
    expect(calendar.end).toBe('2026-07-01T14:30:00.000Z');
  });

  it('writes the same zone without summer time in winter: 14:30 UTC is 14:30 in Lisbon in December', () => {
    // Act
    const { ics } = interviewCalendar(anInput());

    // Assert
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Lisbon:20261201T143000\r$/m);
    expect(readCalendar(ics).start).toBe('2026-12-01T14:30:00.000Z');
  });

  it('keeps the DTSTAMP in UTC whatever the zone of the event', () => {
    // Act
    const { ics } = interviewCalendar(anInput({ interview: aPayload({ timeZone: 'Asia/Tokyo' }) }));

    // Assert
    expect(ics).toMatch(/^DTSTAMP:20261124T100000Z\r$/m);
    expect(ics).toMatch(/^DTSTART;TZID=Asia\/Tokyo:20261201T233000\r$/m);
  });

  it('writes UTC times with no VTIMEZONE when the zone is UTC', () => {
    // Act
    const { ics } = interviewCalendar(anInput({ interview: aPayload({ timeZone: 'UTC' }) }));

    // Assert
    expect(ics).toMatch(/^DTSTART:20261201T143000Z\r$/m);
    expect(ics).not.toContain('VTIMEZONE');
    expect(readCalendar(ics).start).toBe('2026-12-01T14:30:00.000Z');
  });

  it('falls back to UTC times for a zone nobody knows, never to a wrong local time', () => {
    // Act
    const { ics } = interviewCalendar(anInput({ interview: aPayload({ timeZone: 'Mars/Olympus_Mons' }) }));

    // Assert
    expect(ics).not.toContain('TZID');
    expect(readCalendar(ics).start).toBe('2026-12-01T14:30:00.000Z');
  });

  it.each([
    ['the first', '2026-11-01T05:30:00.000Z'],
    ['the second', '2026-11-01T06:30:00.000Z'],
  ])(
    'writes %s 01:30 of the night clocks go back in UTC: calendars disagree on which one a local 01:30 is',
    (_, scheduledAt) => {
      // Arrange: New York repeats 01:00-02:00 on 1 November 2026
      const interview = aPayload({ timeZone: 'America/New_York', scheduledAt, durationMinutes: 15 });

      // Act
      const { ics } = interviewCalendar(anInput({ interview }));

      // Assert
      expect(ics).toMatch(new RegExp(`^DTSTART:${scheduledAt.replace(/[-:]|\.000/g, '')}\r$`, 'm'));
      expect(readCalendar(ics).start).toBe(scheduledAt);
    },
  );

  it('keeps the zone just before and after the repeated hour', () => {
    // Act
    const before = interviewCalendar(
      anInput({
        interview: aPayload({
          timeZone: 'America/New_York',
          scheduledAt: '2026-11-01T04:00:00.000Z',
          durationMinutes: 30,
        }),
      }),
    );
    const after = interviewCalendar(
      anInput({
        interview: aPayload({
          timeZone: 'America/New_York',
          scheduledAt: '2026-11-01T07:00:00.000Z',
          durationMinutes: 30,
        }),
      }),
    );

    // Assert: 00:00-00:30 EDT, then 02:00-02:30 EST
    expect(before.ics).toMatch(/^DTSTART;TZID=America\/New_York:20261101T000000\r$/m);
    expect(after.ics).toMatch(/^DTSTART;TZID=America\/New_York:20261101T020000\r$/m);
    expect(readCalendar(before.ics).start).toBe('2026-11-01T04:00:00.000Z');
    expect(readCalendar(after.ics).start).toBe('2026-11-01T07:00:00.000Z');
  });

  it('names an alias by its canonical zone, so the TZID always matches its VTIMEZONE', () => {
    // Act
    const calendar = readCalendar(interviewCalendar(anInput({ interview: aPayload({ timeZone: 'US/Eastern' }) })).ics);

    // Assert
    expect(calendar.tzid).toBe('America/New_York');
    expect(calendar.timezones).toEqual(['America/New_York']);
    expect(calendar.start).toBe('2026-12-01T14:30:00.000Z');
  });

  it('names the organiser and every attendee with their role', () => {
    // Act
    const calendar = readCalendar(interviewCalendar(anInput()).ics);

    // Assert
    expect(calendar.organizer).toEqual(organizer);
    expect(calendar.attendees).toEqual([
      { name: 'Ivan Interviewer', email: 'ivan@demo.test', role: 'CHAIR' },
      { name: 'Pia Panel', email: 'pia@demo.test', role: 'REQ-PARTICIPANT' },
      { name: 'Zoë Ångström', email: 'zoe@example.test', role: 'REQ-PARTICIPANT' },
    ]);
  });

  it('gives a video interview its link as location, URL and in the description', () => {
    // Act
    const calendar = readCalendar(interviewCalendar(anInput()).ics);

    // Assert
    expect(calendar.location).toBe('https://meet.example.test/abc-defg-hij');
    expect(calendar.url).toBe('https://meet.example.test/abc-defg-hij');
    expect(calendar.description).toContain('Join the video call: https://meet.example.test/abc-defg-hij');
  });

  it('gives an on-site interview its place, and no URL', () => {
    // Arrange
    const interview = aPayload({
      interviewMode: 'onsite',
      meetingLink: undefined,
      location: 'Rua Augusta 1, Lisboa; 3rd floor, room "Tejo"',
    });

    // Act
    const calendar = readCalendar(interviewCalendar(anInput({ interview })).ics);

    // Assert
    expect(calendar.location).toBe('Rua Augusta 1, Lisboa; 3rd floor, room "Tejo"');
    expect(calendar.url).toBeNull();
    expect(calendar.description).toContain('On site: Rua Augusta 1, Lisboa; 3rd floor, room "Tejo"');
  });

  it('never turns a link that is not a web address into the event URL', () => {
    // Act
    const calendar = readCalendar(
      interviewCalendar(anInput({ interview: aPayload({ meetingLink: 'javascript:alert(1)' }) })).ics,
    );

    // Assert
    expect(calendar.url).toBeNull();
    expect(calendar.description).not.toContain('Join the video call');
  });

  it('cancels with METHOD:CANCEL and a cancelled event of the same UID', () => {
    // Act
    const { method, ics } = interviewCalendar(anInput({ message: 'cancel', interview: aPayload({ sequence: 4 }) }));

    // Assert
    expect(method).toBe('CANCEL');
    expect(readCalendar(ics)).toMatchObject({
      method: 'CANCEL',
      uid: calendarUid(aPayload().interviewId),
      sequence: 4,
      status: 'CANCELLED',
    });
  });

  it('takes an interviewer off the panel with a CANCEL naming only them, leaving the event itself on', () => {
    // Arrange
    const removed: CalendarAttendee[] = [{ name: 'Pia Panel', email: 'pia@demo.test', role: 'panel' }];

    // Act
    const { method, ics } = interviewCalendar(anInput({ message: 'uninvite', attendees: removed }));

    // Assert
    const calendar = readCalendar(ics);
    expect(method).toBe('CANCEL');
    expect(calendar.status).toBeNull();
    expect(calendar.attendees.map((attendee) => attendee.email)).toEqual(['pia@demo.test']);
  });

  it('is pure: the same input gives the same calendar', () => {
    // Act / Assert
    expect(interviewCalendar(anInput()).ics).toBe(interviewCalendar(anInput()).ics);
  });

  it('escapes text so that no value can add a property of its own', () => {
    // Arrange
    const interview = aPayload({ requisitionTitle: 'Engineer\r\nATTENDEE:mailto:evil@example.test' });

    // Act
    const calendar = readCalendar(interviewCalendar(anInput({ interview })).ics);

    // Assert
    expect(calendar.attendees).toHaveLength(3);
    expect(calendar.summary).toContain('ATTENDEE:mailto:evil@example.test');
  });

  it('puts exactly the right instants into the calendar for any zone, start and length', () => {
    // Arrange: quarter hours between 2025 and 2030, and the nights clocks change in particular
    const zones = [
      'Europe/Lisbon',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'UTC',
    ];
    const start = Date.parse('2025-01-01T00:00:00Z');
    const clockChanges = [
      '2026-03-08T04:00:00Z',
      '2026-11-01T04:00:00Z',
      '2026-03-29T00:00:00Z',
      '2026-10-25T00:00:00Z',
    ]
      .map((night) => (Date.parse(night) - start) / (15 * 60_000))
      .flatMap((quarter) => Array.from({ length: 24 }, (_, step) => quarter + step));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.oneof(fc.integer({ min: 0, max: 5 * 365 * 24 * 4 }), fc.constantFrom(...clockChanges)),
        fc.integer({ min: 15, max: 480 }),
        (timeZone, quarter, durationMinutes) => {
          const scheduledAt = new Date(start + quarter * 15 * 60_000).toISOString();

          const calendar = readCalendar(
            interviewCalendar(anInput({ interview: aPayload({ timeZone, scheduledAt, durationMinutes }) })).ics,
          );

          expect(calendar.start).toBe(scheduledAt);
          expect(Date.parse(calendar.end) - Date.parse(calendar.start)).toBe(durationMinutes * 60_000);
          if (calendar.tzid !== null) expect(calendar.tzid).toBe(timeZone);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('calendarZone', () => {
  it.each([
    ['UTC', undefined],
    ['Etc/UTC', undefined],
    ['GMT', undefined],
    ['Not/AZone', undefined],
    ['Europe/Lisbon', 'Europe/Lisbon'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
  ])('resolves %s to %s', (zone, tzid) => {
    // Act
    const resolved = calendarZone(zone);

    // Assert
    expect(resolved?.tzid).toBe(tzid);
    if (resolved) expect(resolved.vtimezone).toContain(`TZID:${tzid}`);
  });
});
