import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { outboxEmailSender } from '@assist-ten/core/notifications/email/outbox-sender';
import type { EmailMessage } from '@assist-ten/core/notifications/email/sender';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarPartOf, mimeParts } from '../support/calendar-reader.ts';

const FROM = 'Assist-Ten <no-reply@assist-ten.local>';
const NOW = new Date('2025-03-03T09:15:30.123Z');
const clock = { now: () => NOW };

const aMessage = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  to: 'zoe@demo.test',
  subject: '[Urgent] Zoë Ångström, réunion annulée · Société Générale 🎉',
  text: 'Bonjour Zoë Ångström,\n\nLa réunion « Café » est annulée.\nhttps://app.assist-ten.com/interviews/int_1?a=1&b=2',
  html: '<p>Bonjour Zoë Ångström,</p><p>La réunion « Café » est annulée.</p>',
  ...overrides,
});

// A small reader of what the outbox writes (RFC 5322 + MIME), to prove a mail client can read it back.

const decodeQuotedPrintable = (value: string): Buffer =>
  Buffer.from(
    value
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  );

const decodeHeader = (value: string): string =>
  value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?[^?]+\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      (encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : decodeQuotedPrintable(text.replaceAll('_', ' '))
      ).toString('utf8'),
    );

interface Entity {
  headers: Map<string, string>;
  body: string;
}

const parseEntity = (raw: string): Entity => {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), decodeHeader(line.slice(colon + 1).trim()));
  }
  return { headers, body: raw.slice(split + 4) };
};

const decodeBody = ({ headers, body }: Entity): string => {
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const bytes =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64')
        : Buffer.from(body, 'utf8');
  return bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '');
};

const parseMessage = (raw: string) => {
  const message = parseEntity(raw);
  const boundary = /boundary="([^"]+)"/.exec(message.headers.get('content-type') ?? '')?.[1];
  if (!boundary) throw new Error('The message is not multipart');
  const parts = message.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => parseEntity(part.replace(/^\r\n/, '')));
  return { headers: message.headers, parts };
};

describe('outboxEmailSender', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'assist-ten-outbox-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes the email as one .eml file, creating the folder, and returns its path', async () => {
    const dir = join(root, 'nested', 'outbox');

    const sent = await outboxEmailSender({ dir, from: FROM, clock }).send(aMessage());

    expect(sent.location).toBeDefined();
    expect(dirname(sent.location ?? '')).toBe(dir);
    expect(await readdir(dir)).toEqual([basename(sent.location ?? '')]);
    expect(basename(sent.location ?? '')).toBe(`2025-03-03T09-15-30.123Z-${sent.messageId}.eml`);
  });

  it('names files with characters every OS accepts, in the order they were sent', async () => {
    const sender = outboxEmailSender({ dir: root, from: FROM, clock });

    const first = await sender.send(aMessage());
    const second = await sender.send(aMessage());

    const names = await readdir(root);
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^[0-9A-Za-z.-]+\.eml$/);
    expect([first.messageId, second.messageId].sort()).toEqual([first.messageId, second.messageId]);
    expect(first.messageId).not.toBe(second.messageId);
  });

  it('writes a message that parses back: headers, both parts, non-ASCII text intact', async () => {
    const message = aMessage();

    const sent = await outboxEmailSender({ dir: root, from: FROM, clock }).send(message);

    const raw = await readFile(sent.location ?? '', 'utf8');
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    const { headers, parts } = parseMessage(raw);
    expect(headers.get('from')).toBe('"Assist-Ten" <no-reply@assist-ten.local>');
    expect(headers.get('to')).toBe('zoe@demo.test');
    expect(headers.get('subject')).toBe(message.subject);
    expect(headers.get('date')).toBe('Mon, 03 Mar 2025 09:15:30 +0000');
    expect(headers.get('message-id')).toBe(`<${sent.messageId}@outbox.assist-ten.local>`);
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    expect(parts.map((part) => part.headers.get('content-type'))).toEqual([
      'text/plain; charset=utf-8',
      'text/html; charset=utf-8',
    ]);
    expect(parts.map(decodeBody)).toEqual([message.text, message.html]);
  });

  it('writes a calendar message with its text/calendar alternative and an invite.ics attachment', async () => {
    const calendar = {
      method: 'CANCEL' as const,
      ics: 'BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nSUMMARY:Zoë\r\nEND:VCALENDAR',
    };

    const sent = await outboxEmailSender({ dir: root, from: FROM, clock }).send(aMessage({ calendar }));

    const raw = await readFile(sent.location ?? '', 'utf8');
    expect(raw).toMatch(/^Content-Type: multipart\/mixed;/m);
    const parts = mimeParts(raw);
    expect(parts.map((part) => part.contentType)).toEqual([
      'text/plain; charset=utf-8',
      'text/html; charset=utf-8',
      'text/calendar; charset=utf-8; method=CANCEL',
      'application/ics; name=invite.ics',
    ]);
    expect(parts[3]?.disposition).toBe('attachment; filename=invite.ics');
    expect(calendarPartOf(raw)).toEqual({ method: 'CANCEL', ics: calendar.ics });
    expect(parts[3]?.body).toBe(calendar.ics);
  });

  it('records the tags in a header a developer can read', async () => {
    const sent = await outboxEmailSender({ dir: root, from: FROM, clock }).send(
      aMessage({ tags: { eventType: 'interview_scheduled', tenantId: 'tnt_demo' } }),
    );

    const { headers } = parseMessage(await readFile(sent.location ?? '', 'utf8'));
    expect(headers.get('x-assist-ten-tags')).toBe('eventType=interview_scheduled; tenantId=tnt_demo');
  });

  it('cannot be made to put a second header or recipient into the file', async () => {
    const sent = await outboxEmailSender({ dir: root, from: FROM, clock }).send(
      aMessage({ subject: 'Hello\r\nBcc: victim@example.com', tags: { note: 'x\r\nBcc: other@example.com' } }),
    );

    const { headers } = parseMessage(await readFile(sent.location ?? '', 'utf8'));
    expect(headers.has('bcc')).toBe(false);
    expect(headers.get('to')).toBe('zoe@demo.test');
  });
});
