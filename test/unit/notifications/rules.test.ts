import type { DomainEvent } from '@assist-ten/core/events/catalogue';
import { draftFor, wantsEmail } from '@assist-ten/core/notifications/rules';
import { describe, expect, it } from 'vitest';
import { people, sampleEvents } from '../events/samples.ts';

const sample = <T extends DomainEvent['type']>(type: T) => {
  const event = sampleEvents().find((candidate) => candidate.type === type);
  if (!event) throw new Error(`no sample for ${type}`);
  return event as Extract<DomainEvent, { type: T }>;
};

const recipient = { name: 'Grace', timezone: 'Europe/Lisbon', locale: 'en-GB' };

describe('draftFor', () => {
  it.each([
    ['requisition.published', [people.owner, people.manager], 'application', 'normal'],
    ['user.roles_changed', [people.owner], 'system', 'urgent'],
    ['interview.scheduled', [people.interviewerA, people.interviewerB], 'interview', 'high'],
    ['interview.updated', [people.interviewerA], 'interview', 'high'],
    ['interview.cancelled', [people.interviewerA, people.interviewerB], 'interview', 'high'],
    ['interview.reminder_due', [people.interviewerA, people.interviewerB], 'interview', 'high'],
    ['feedback.submitted', [people.owner, people.manager], 'interview', 'normal'],
    ['feedback.excused', [people.interviewerB, people.manager], 'interview', 'normal'],
    ['proctoring.session_flagged', [people.reviewer, people.owner], 'proctoring', 'high'],
    ['invitation.created', [people.owner, people.manager], 'assessment', 'low'],
    ['application.stage_changed', [people.owner, people.manager], 'application', 'normal'],
    ['note.mentioned', [people.owner, people.manager], 'application', 'normal'],
  ] as const)('tells the right people of %s, with its type and priority', (type, recipients, kind, priority) => {
    // Act
    const draft = draftFor(sample(type));

    // Assert
    expect(draft.recipients).toEqual(recipients);
    expect(draft.type).toBe(kind);
    expect(draft.priority).toBe(priority);
    expect(draft.actionUrl).toMatch(/^\/[a-z]/);
    expect(draft.relatedEntityId).toMatch(/^[a-z]+_/);
    const { title, message } = draft.content(recipient);
    expect(title.length).toBeGreaterThan(5);
    expect(message.length).toBeGreaterThan(10);
  });

  it('makes a session flagged for a critical event urgent, and names no candidate', () => {
    // Arrange
    const flagged = sample('proctoring.session_flagged');
    const critical = { ...flagged, payload: { ...flagged.payload, critical: true } };

    // Act
    const draft = draftFor(critical);

    // Assert
    expect(draft.priority).toBe('urgent');
    expect(draftFor(flagged).priority).toBe('high');
    const { title, message } = draft.content(recipient);
    expect(`${title} ${message}`).not.toContain('Ada');
    expect(message).toContain('42/100');
  });

  it('does not tell the actor of what they did, and names each recipient once', () => {
    // Arrange: the organiser is also listed among the interviewers
    const event = sample('interview.scheduled');

    // Act
    const draft = draftFor(event);

    // Assert
    expect(draft.recipients).not.toContain(people.actor);
    expect(new Set(draft.recipients).size).toBe(draft.recipients.length);
  });

  it('keeps the actor among the recipients of a security notice about themselves', () => {
    // Arrange
    const event = sample('user.roles_changed');
    const self = { ...event, actorId: people.owner };

    // Act
    const draft = draftFor(self);

    // Assert
    expect(draft.recipients).toEqual([people.owner]);
    expect(draft.security).toBe(true);
  });

  it('tells nobody when the only person concerned caused it', () => {
    // Arrange
    const event = sample('requisition.published');
    const alone = {
      ...event,
      actorId: people.owner,
      payload: { ...event.payload, hiringManagerId: undefined },
    };

    // Act
    const draft = draftFor(alone);

    // Assert
    expect(draft.recipients).toEqual([]);
  });

  it("writes an interview's time in the recipient's own time zone", () => {
    // Arrange
    const draft = draftFor(sample('interview.scheduled'));

    // Act
    const lisbon = draft.content(recipient).message;
    const tokyo = draft.content({ ...recipient, timezone: 'Asia/Tokyo' }).message;

    // Assert: 14:30 UTC is 14:30 in Lisbon in December and 23:30 in Tokyo
    expect(lisbon).toContain('14:30');
    expect(tokyo).toContain('23:30');
  });
});

describe('draftFor interview events', () => {
  const interviewEvents = [
    'interview.scheduled',
    'interview.updated',
    'interview.cancelled',
    'interview.reminder_due',
  ] as const;

  it.each(interviewEvents)('%s names the job, the round and the time, never the candidate', (type) => {
    // Arrange
    const event = sample(type);

    // Act
    const draft = draftFor(event);
    const { title, message } = draft.content(recipient);

    // Assert
    expect(draft.actionUrl).toBe(`/interviews/${event.payload.interviewId}`);
    expect(`${title} ${message}`).toContain('Staff Engineer');
    expect(message).toContain('round 2');
    expect(message).toMatch(/\d{2}:\d{2}/);
    expect(`${title} ${message}`).not.toMatch(/Ada|Lovelace|cand_/);
  });

  it('lets the calendar invitation be the email of a booking, a change and a cancellation, not of a reminder', () => {
    // Act
    const flags = Object.fromEntries(
      interviewEvents.map((type) => [type, draftFor(sample(type)).emailedAsCalendar ?? false]),
    );

    // Assert
    expect(flags).toEqual({
      'interview.scheduled': true,
      'interview.updated': true,
      'interview.cancelled': true,
      'interview.reminder_due': false,
    });
  });

  it('says whether an update moved the interview or only changed its details', () => {
    // Arrange
    const moved = sample('interview.updated');
    const edited = { ...moved, payload: { ...moved.payload, rescheduled: false } };

    // Act
    const movedTitle = draftFor(moved).content(recipient).title;
    const editedTitle = draftFor(edited).content(recipient).title;

    // Assert
    expect(movedTitle).toBe('Interview rescheduled: Staff Engineer');
    expect(editedTitle).toBe('Interview updated: Staff Engineer');
  });

  it('says a cancelled interview is cancelled', () => {
    // Act
    const { title, message } = draftFor(sample('interview.cancelled')).content(recipient);

    // Assert
    expect(title).toBe('Interview cancelled: Staff Engineer');
    expect(message).toContain('is cancelled');
  });
});

describe('draftFor feedback.submitted', () => {
  it('tells the organiser and the hiring manager, but not the interviewer who submitted it', () => {
    // Arrange: the submitting interviewer is also the hiring manager; the event has no actor
    const event = sample('feedback.submitted');
    const own = { ...event, actorId: undefined, payload: { ...event.payload, hiringManagerId: people.interviewerA } };

    // Act
    const draft = draftFor(own);

    // Assert
    expect(draft.recipients).toEqual([people.owner]);
  });

  it('points to the interview while feedback is still coming in', () => {
    // Act
    const draft = draftFor(sample('feedback.submitted'));

    // Assert
    expect(draft.actionUrl).toBe('/interviews/int_01JDEM00000000000000000001/feedback');
    expect(draft.content(recipient).title).toBe('Feedback submitted: Staff Engineer (round 2)');
  });

  it('says the scorecard is complete and points to it once every interviewer submitted', () => {
    // Arrange
    const event = sample('feedback.submitted');
    const complete = { ...event, payload: { ...event.payload, allSubmitted: true } };

    // Act
    const draft = draftFor(complete);

    // Assert
    expect(draft.actionUrl).toBe('/applications/app_01JDEM00000000000000000001/scorecard');
    expect(draft.relatedEntityType).toBe('application');
    expect(draft.content(recipient).title).toBe('Scorecard complete: Staff Engineer (round 2)');
    expect(draft.content(recipient).message).toContain('scorecard is complete');
    expect(draft.priority).toBe('normal');
  });
});

describe('draftFor feedback.excused', () => {
  it('tells only the excused interviewer while others still owe feedback', () => {
    // Arrange
    const event = sample('feedback.excused');
    const pending = { ...event, payload: { ...event.payload, allSubmitted: false } };

    // Act
    const draft = draftFor(pending);

    // Assert
    expect(draft.recipients).toEqual([people.interviewerB]);
    expect(draft.actionUrl).toBe('/interviews/int_01JDEM00000000000000000001/feedback');
    expect(draft.content(recipient).message).toContain('no longer waited for');
  });

  it("tells the scorecard's readers too, but not the recruiter who excused, once it completes", () => {
    const draft = draftFor(sample('feedback.excused'));

    expect(draft.recipients).toEqual([people.interviewerB, people.manager]);
    expect(draft.content(recipient).message).toContain('the scorecard is complete');
  });
});

describe('wantsEmail', () => {
  it.each([
    [{ priority: 'normal' }, true, true],
    [{ priority: 'normal' }, false, false],
    [{ priority: 'urgent' }, false, false],
    [{ priority: 'high', security: true }, false, false],
    [{ priority: 'urgent', security: true }, false, true],
  ] as const)('for %j with email %s is %s', (draft, optIn, expected) => {
    // Act / Assert
    expect(wantsEmail(draft, optIn)).toBe(expected);
  });
});
