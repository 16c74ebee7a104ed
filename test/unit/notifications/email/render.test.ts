import { NOTIFICATION_TYPES, type NotificationType } from '@assist-ten/core/identity/user.model';
import { SUBJECT_MAX_LENGTH } from '@assist-ten/core/notifications/email/layout';
import { frontendBase } from '@assist-ten/core/notifications/email/links';
import { type NotificationEmailInput, renderNotificationEmail } from '@assist-ten/core/notifications/email/render';
import { EMAIL_TEMPLATES } from '@assist-ten/core/notifications/email/templates';
import { afterEach, describe, expect, it, vi } from 'vitest';

const OPTIONS = { frontend: frontendBase('https://app.assist-ten.com') };
const INBOX = 'https://app.assist-ten.com/notifications';
const PREFERENCES = 'https://app.assist-ten.com/settings/notifications';

const anEmail = (
  overrides: { notification?: Partial<NotificationEmailInput['notification']> } & Partial<
    Omit<NotificationEmailInput, 'notification'>
  > = {},
): NotificationEmailInput => ({
  tenantName: 'Demo Corp',
  recipient: { name: 'Rita Recruiter', email: 'rita@demo.test', locale: 'en', timeZone: 'Europe/Paris' },
  ...overrides,
  notification: {
    type: 'interview',
    title: 'Interview scheduled with Sam Lee',
    message: 'Sam Lee (Backend Engineer) on 3 Mar 2025, 10:00 CET.',
    priority: 'normal',
    actionUrl: '/interviews/int_01JDEM0000000000000000000A',
    relatedEntityType: 'interview',
    relatedEntityId: 'int_01JDEM0000000000000000000A',
    ...overrides.notification,
  },
});

/** Every URL the HTML makes a client follow or load. */
const urlsIn = (html: string): string[] => [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((match) => match[1] ?? '');

describe('EMAIL_TEMPLATES', () => {
  it('has one template per notification type and no other', () => {
    expect(Object.keys(EMAIL_TEMPLATES).sort()).toEqual([...NOTIFICATION_TYPES].sort());
  });
});

describe('renderNotificationEmail', () => {
  it.each(NOTIFICATION_TYPES)('renders a %s notification with its title, message and deep link', (type) => {
    const input = anEmail({ notification: { type, actionUrl: `/${type}/item_1` } });

    const email = renderNotificationEmail(input, OPTIONS);

    expect(email.subject).toBe('Interview scheduled with Sam Lee · Demo Corp');
    for (const body of [email.text, email.html]) {
      expect(body).toContain('Interview scheduled with Sam Lee');
      expect(body).toContain('Sam Lee (Backend Engineer) on 3 Mar 2025, 10:00 CET.');
      expect(body).toContain('Rita Recruiter');
      expect(body).toContain(`https://app.assist-ten.com/${type}/item_1`);
      expect(body).toContain(PREFERENCES);
    }
    expect(urlsIn(email.html)).toContain(`https://app.assist-ten.com/${type}/item_1`);
  });

  it('gives each type its own words', () => {
    const rendered = NOTIFICATION_TYPES.map(
      (type: NotificationType) => renderNotificationEmail(anEmail({ notification: { type } }), OPTIONS).text,
    );

    expect(new Set(rendered).size).toBe(NOTIFICATION_TYPES.length);
  });

  it('HTML-escapes a hostile title, message, name and tenant name, and keeps them as written in the text', () => {
    const input = anEmail({
      tenantName: `Evil & Co "><img src=x onerror=alert(1)>`,
      recipient: { name: `O'Brien <b>`, email: 'ob@demo.test' },
      notification: { title: `<script>alert("title")</script>`, message: `It's <script>alert('message')</script>` },
    });

    const { html, text } = renderNotificationEmail(input, OPTIONS);

    expect(html).not.toMatch(/<script|<img|<b>|onerror="|alert\("|alert\('/);
    expect(html).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(html).toContain('It&#39;s &lt;script&gt;alert(&#39;message&#39;)&lt;/script&gt;');
    expect(html).toContain('O&#39;Brien &lt;b&gt;');
    expect(html).toContain('Evil &amp; Co &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain(`<script>alert("title")</script>`);
    expect(text).toContain(`It's <script>alert('message')</script>`);
  });

  it('escapes an ampersand in a link so the attribute stays well-formed', () => {
    const { html } = renderNotificationEmail(anEmail({ notification: { actionUrl: '/search?a=1&b="2"' } }), OPTIONS);

    expect(html).toContain('href="https://app.assist-ten.com/search?a=1&amp;b=%222%22"');
  });

  it.each(['https://evil.example/phish', '//evil.example/x', 'javascript:alert(document.cookie)'])(
    'replaces the off-origin actionUrl %j with the inbox link',
    (actionUrl) => {
      const email = renderNotificationEmail(anEmail({ notification: { actionUrl } }), OPTIONS);

      expect(`${email.text}${email.html}`).not.toMatch(/evil\.example|javascript:/);
      expect(email.text).toContain(INBOX);
      expect(urlsIn(email.html)).toContain(INBOX);
    },
  );

  it('links to the inbox when the notification has no actionUrl', () => {
    const email = renderNotificationEmail(anEmail({ notification: { actionUrl: undefined } }), OPTIONS);

    expect(email.text).toContain(`View interview: ${INBOX}`);
  });

  it('links nowhere but the app and loads no external images', () => {
    const { html } = renderNotificationEmail(anEmail(), OPTIONS);

    expect(html).not.toMatch(/<img|src=|url\(/i);
    expect(urlsIn(html).length).toBeGreaterThan(0);
    for (const url of urlsIn(html)) expect(url.startsWith('https://app.assist-ten.com/')).toBe(true);
  });

  it.each([
    ['urgent', '[Urgent] '],
    ['high', '[High priority] '],
  ] as const)('shows %s priority at the start of the subject and in the body', (priority, tag) => {
    const email = renderNotificationEmail(anEmail({ notification: { priority } }), OPTIONS);

    expect(email.subject.startsWith(tag)).toBe(true);
    expect(email.text).toContain(tag.slice(1, -2).toUpperCase());
    expect(email.html).toContain(`>${tag.slice(1, -2)}</span>`);
  });

  it.each(['normal', 'low'] as const)('adds no priority tag to a %s notification', (priority) => {
    const email = renderNotificationEmail(anEmail({ notification: { priority } }), OPTIONS);

    expect(email.subject).toBe('Interview scheduled with Sam Lee · Demo Corp');
    expect(email.html).not.toContain('</span>');
  });

  it('keeps the subject on one line whatever the title holds', () => {
    const email = renderNotificationEmail(
      anEmail({ notification: { title: 'Line one\r\nBcc: victim@example.com\u2028\tthree' } }),
      OPTIONS,
    );

    expect(email.subject).toBe('Line one Bcc: victim@example.com three · Demo Corp');
  });

  it('cuts a long subject to its bound with an ellipsis, keeping the priority tag', () => {
    const email = renderNotificationEmail(
      anEmail({ notification: { title: '🎉'.repeat(400), priority: 'urgent' } }),
      OPTIONS,
    );

    expect(Array.from(email.subject)).toHaveLength(SUBJECT_MAX_LENGTH);
    expect(email.subject.startsWith('[Urgent] 🎉')).toBe(true);
    expect(email.subject.endsWith('🎉…')).toBe(true);
  });

  it('keeps the line breaks of the message in both bodies', () => {
    const email = renderNotificationEmail(anEmail({ notification: { message: 'First\r\nSecond' } }), OPTIONS);

    expect(email.text).toContain('First\nSecond');
    expect(email.html).toContain('First<br>Second');
  });

  it('says in the footer which preference let the email through', () => {
    const { text } = renderNotificationEmail(anEmail({ notification: { type: 'proctoring' } }), OPTIONS);

    expect(text).toContain('email is on for proctoring alerts in your notification preferences at Demo Corp');
    expect(text).toContain(`Manage your notification preferences: ${PREFERENCES}`);
  });

  it('explains an urgent account notice sent although email may be off', () => {
    const { text } = renderNotificationEmail(
      anEmail({ notification: { type: 'system', priority: 'urgent', title: 'Your roles have changed' } }),
      OPTIONS,
    );

    expect(text).toContain('urgent account and security notices at Demo Corp are emailed even when email is off');
  });

  it('declares the recipient language, or English when the locale is not one', () => {
    const french = renderNotificationEmail(
      anEmail({ recipient: { name: 'A', email: 'a@x.test', locale: 'fr-fr' } }),
      OPTIONS,
    );
    const broken = renderNotificationEmail(
      anEmail({ recipient: { name: 'A', email: 'a@x.test', locale: '"><x' } }),
      OPTIONS,
    );

    expect(french.html).toContain('<html lang="fr-FR">');
    expect(broken.html).toContain('<html lang="en">');
  });
});

describe('renderNotificationEmail without options', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('links to the frontend named by FRONTEND_BASE_URL', async () => {
    vi.stubEnv('FRONTEND_BASE_URL', 'https://hire.example.com/');
    vi.resetModules();
    const fresh = await import('@assist-ten/core/notifications/email/render');

    const email = fresh.renderNotificationEmail(anEmail());

    expect(email.text).toContain('https://hire.example.com/interviews/int_01JDEM0000000000000000000A');
  });

  it('fails with the variable name when FRONTEND_BASE_URL is missing', async () => {
    vi.stubEnv('FRONTEND_BASE_URL', '');
    vi.resetModules();
    const fresh = await import('@assist-ten/core/notifications/email/render');

    expect(() => fresh.renderNotificationEmail(anEmail())).toThrow('FRONTEND_BASE_URL');
  });
});
