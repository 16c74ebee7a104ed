import { actionLink, frontendBase, inboxLink, preferencesLink } from '@assist-ten/core/notifications/email/links';
import { describe, expect, it } from 'vitest';

const APP = frontendBase('https://app.assist-ten.com');
const INBOX = 'https://app.assist-ten.com/notifications';

describe('frontendBase', () => {
  it('keeps the origin and the path prefix without its trailing slash', () => {
    const base = frontendBase('https://example.com/hiring/');

    expect(base).toEqual({ origin: 'https://example.com', basePath: '/hiring' });
  });

  it.each(['app.assist-ten.com', '', 'ftp://files.example.com', 'javascript:alert(1)'])(
    'refuses %j as the frontend base URL',
    (url) => {
      expect(() => frontendBase(url)).toThrow(/frontend base URL/);
    },
  );
});

describe('actionLink', () => {
  it('puts an app path under the frontend origin, with its query and fragment', () => {
    expect(actionLink(APP, '/interviews/int_01J?tab=feedback#top')).toBe(
      'https://app.assist-ten.com/interviews/int_01J?tab=feedback#top',
    );
  });

  it('keeps an absolute URL that points into the app', () => {
    expect(actionLink(APP, 'https://app.assist-ten.com/requisitions/req_1')).toBe(
      'https://app.assist-ten.com/requisitions/req_1',
    );
  });

  it.each([undefined, '', '   '])('links to the inbox when the actionUrl is %j', (actionUrl) => {
    expect(actionLink(APP, actionUrl)).toBe(INBOX);
  });

  it.each([
    'https://evil.example/phish',
    'http://app.assist-ten.com/interviews/int_1',
    'https://app.assist-ten.com.evil.example/x',
    '//evil.example/x',
    '/\\evil.example/x',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'interviews/int_1',
  ])('replaces %j, which leaves the app, with the inbox link', (actionUrl) => {
    expect(actionLink(APP, actionUrl)).toBe(INBOX);
  });

  it('drops credentials from a link into the app', () => {
    expect(actionLink(APP, 'https://user:secret@app.assist-ten.com/x')).toBe('https://app.assist-ten.com/x');
  });

  it('keeps links of an app served under a path inside that path', () => {
    const base = frontendBase('https://example.com/hiring/');

    expect(actionLink(base, '/interviews/int_1')).toBe('https://example.com/hiring/interviews/int_1');
    expect(actionLink(base, 'https://example.com/hiring/x')).toBe('https://example.com/hiring/x');
    expect(actionLink(base, '/../admin')).toBe('https://example.com/hiring/notifications');
    expect(actionLink(base, 'https://example.com/other')).toBe('https://example.com/hiring/notifications');
  });
});

describe('inboxLink and preferencesLink', () => {
  it('point at the inbox and the notification preferences page of the app', () => {
    const base = frontendBase('https://example.com/hiring');

    expect(inboxLink(base)).toBe('https://example.com/hiring/notifications');
    expect(preferencesLink(base)).toBe('https://example.com/hiring/settings/notifications');
  });
});
