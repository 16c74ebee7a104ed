import { renderCandidateEmail, renderInterviewerEmail } from '@assist-ten/core/notifications/email/calendar-email';
import { describe, expect, it } from 'vitest';
import { interviewCalendar as aPayload } from '../../events/samples.ts';

const candidateEmail = (overrides: Partial<Parameters<typeof renderCandidateEmail>[0]> = {}) =>
  renderCandidateEmail({
    news: 'scheduled',
    interview: aPayload(),
    tenantName: 'Demo Corp',
    candidateName: 'Zoë Ångström',
    ...overrides,
  });

const interviewerEmail = (overrides: Partial<Parameters<typeof renderInterviewerEmail>[0]> = {}) =>
  renderInterviewerEmail({
    news: 'scheduled',
    interview: aPayload(),
    tenantName: 'Demo Corp',
    recipient: { name: 'Ivan', timeZone: 'Asia/Tokyo', locale: 'en-GB' },
    notice: { title: 'Interview scheduled: Staff Engineer', message: 'You are interviewing for "Staff Engineer".' },
    link: 'http://localhost:5173/interviews/int_01JDEM00000000000000000001',
    ...overrides,
  });

describe('renderCandidateEmail', () => {
  it('says who invites them, to which job, when in their own zone (named), for how long and how to join', () => {
    // Act
    const email = candidateEmail();

    // Assert
    expect(email.subject).toBe('Interview invitation: Staff Engineer · Demo Corp');
    expect(email.text).toContain('Hi Zoë Ångström,');
    expect(email.text).toContain('Demo Corp invites you to an interview for the Staff Engineer position.');
    // 14:30 UTC on 1 December is 09:30 in New York, the candidate's zone
    expect(email.text).toMatch(/When: .*09:30.*Eastern Standard Time \(America\/New_York\)/);
    expect(email.text).toContain('Duration: 1 hour');
    expect(email.text).toContain('Link: https://meet.example.test/abc-defg-hij');
    expect(email.text).toContain('The attached invitation adds it to your calendar.');
    expect(email.html).toContain('href="https://meet.example.test/abc-defg-hij"');
  });

  it('links to nothing of the staff app', () => {
    // Act
    const email = candidateEmail();

    // Assert
    expect(`${email.text} ${email.html}`).not.toContain('/interviews/');
    expect(email.text).not.toContain('View interview');
  });

  it('says a cancelled interview is cancelled, with the time it was planned for', () => {
    // Act
    const email = candidateEmail({ news: 'cancelled' });

    // Assert
    expect(email.subject).toBe('Interview cancelled: Staff Engineer · Demo Corp');
    expect(email.text).toMatch(
      /Demo Corp cancelled your interview for the Staff Engineer position, planned for .*09:30/,
    );
    expect(email.text).toContain('The attached cancellation removes it from your calendar.');
    expect(email.text).not.toContain('Link:');
  });

  it.each([
    ['rescheduled', 'Interview moved: Staff Engineer · Demo Corp'],
    ['updated', 'Interview details changed: Staff Engineer · Demo Corp'],
    ['reminder', 'Reminder: your interview for Staff Engineer · Demo Corp'],
  ] as const)('words a %s interview for the candidate', (news, subject) => {
    // Act
    const email = candidateEmail({ news });

    // Assert
    expect(email.subject).toBe(subject);
    expect(email.text).toContain('When:');
  });

  it('mentions no calendar in a reminder, which carries none', () => {
    // Act / Assert
    expect(candidateEmail({ news: 'reminder' }).text).not.toContain('attached');
  });

  it('escapes what it puts into HTML and keeps headers on one line', () => {
    // Act
    const email = candidateEmail({
      tenantName: 'Evil <b>Corp</b>\r\nBcc: x@example.test',
      interview: aPayload({ interviewMode: 'onsite', meetingLink: undefined, location: '<script>alert(1)</script>' }),
    });

    // Assert
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>Corp</b>');
    expect(email.html).toContain('&lt;script&gt;');
  });
});

describe('renderInterviewerEmail', () => {
  it("carries the notification's words, the details in the interviewer's zone and the link to the interview", () => {
    // Act
    const email = interviewerEmail();

    // Assert
    expect(email.subject).toBe('Interview scheduled: Staff Engineer · Demo Corp');
    expect(email.text).toContain('You are interviewing for "Staff Engineer".');
    // 14:30 UTC is 23:30 in Tokyo
    expect(email.text).toMatch(/When: .*23:30.*\(Asia\/Tokyo\)/);
    expect(email.text).toContain('View interview: http://localhost:5173/interviews/int_01JDEM00000000000000000001');
    expect(email.text).toContain('whatever your notification preferences');
  });

  it('tells an interviewer taken off the panel without offering the interview', () => {
    // Act
    const email = interviewerEmail({
      news: 'removed',
      notice: { title: 'Removed from an interview: Staff Engineer', message: 'You are no longer on it.' },
    });

    // Assert
    expect(email.text).toContain('The attached cancellation removes it from your calendar.');
    expect(email.text).not.toContain('View interview');
    expect(email.text).not.toContain('When:');
  });
});
