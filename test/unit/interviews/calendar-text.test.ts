import { durationText, interviewTitle, placeOf, timeIn, webLinkOf } from '@assist-ten/core/interviews/calendar-text';
import { describe, expect, it } from 'vitest';
import { interviewCalendar as aPayload } from '../events/samples.ts';

describe('interviewTitle', () => {
  it('names the kind, the round and the job', () => {
    // Act / Assert
    expect(interviewTitle(aPayload())).toBe('Technical interview (round 2): Staff Engineer');
    expect(interviewTitle(aPayload({ interviewType: 'hr', round: 1 }))).toBe('HR interview (round 1): Staff Engineer');
  });
});

describe('durationText', () => {
  it.each([
    [15, '15 minutes'],
    [60, '1 hour'],
    [61, '1 hour 1 minute'],
    [90, '1 hour 30 minutes'],
    [480, '8 hours'],
  ])('says %i minutes as %j', (minutes, text) => {
    // Act / Assert
    expect(durationText(minutes)).toBe(text);
  });
});

describe('timeIn', () => {
  it("reads an instant in the reader's zone and names the zone", () => {
    // Act
    const newYork = timeIn('2026-12-01T14:30:00.000Z', 'America/New_York', 'en-US');

    // Assert
    expect(newYork).toContain('09:30');
    expect(newYork).toContain('Eastern Standard Time');
    expect(newYork).toContain('(America/New_York)');
    expect(newYork).toContain('December 1, 2026');
  });

  it('falls back to UTC in English for a zone this runtime does not know', () => {
    // Act
    const text = timeIn('2026-12-01T14:30:00.000Z', 'Mars/Olympus_Mons');

    // Assert
    expect(text).toContain('02:30 PM');
    expect(text).toContain('(UTC)');
  });
});

describe('placeOf and webLinkOf', () => {
  it('prefers the place to the link, and only calls a web address a link', () => {
    // Act / Assert
    expect(placeOf({ location: 'Room 4', meetingLink: 'https://meet.example.test/x' })).toBe('Room 4');
    expect(placeOf({ meetingLink: 'tel:+351210000000' })).toBe('tel:+351210000000');
    expect(webLinkOf({ meetingLink: 'tel:+351210000000' })).toBeUndefined();
    expect(webLinkOf({ meetingLink: 'not a url' })).toBeUndefined();
    expect(webLinkOf({ meetingLink: 'https://meet.example.test/x' })).toBe('https://meet.example.test/x');
  });
});
