import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { monotonicFactory } from 'ulid';
import { type Clock, systemClock } from '../../shared/clock.ts';
import { singleLine } from './format.ts';
import { composeMime } from './mime.ts';
import type { EmailSender } from './sender.ts';

export interface OutboxSenderOptions {
  /** The folder the .eml files go to (EMAIL_OUTBOX_DIR), created when missing. */
  dir: string;
  from: string;
  clock?: Clock;
}

// Monotonic: two emails in the same millisecond still list in the order they were sent.
const nextMessageId = monotonicFactory();

/** Windows forbids `:` in file names; the rest of an ISO time is safe everywhere and still sorts. */
const fileTime = (date: Date): string => date.toISOString().replaceAll(':', '-');

const tagsHeader = (tags: Record<string, string> | undefined): Record<string, string> =>
  tags && Object.keys(tags).length > 0
    ? {
        'X-Assist-Ten-Tags': singleLine(
          Object.entries(tags)
            .map(([name, value]) => `${name}=${value}`)
            .join('; '),
        ),
      }
    : {};

/**
 * Local development: each email becomes one RFC 5322 file (multipart/alternative, text and
 * HTML, and a calendar's text/calendar part and invite.ics when it carries one) that any
 * mail client opens, instead of going through SES. Nothing is sent.
 */
export const outboxEmailSender = ({ dir, from, clock = systemClock }: OutboxSenderOptions): EmailSender => {
  const folder = resolve(dir);
  return {
    send: async (message) => {
      const now = clock.now();
      const messageId = nextMessageId(now.getTime());
      const eml = await composeMime(message, {
        from,
        date: now,
        messageId: `<${messageId}@outbox.assist-ten.local>`,
        headers: tagsHeader(message.tags),
      });
      // Every time, not once: a developer emptying the folder by deleting it must not break sending.
      await mkdir(folder, { recursive: true });
      const location = join(folder, `${fileTime(now)}-${messageId}.eml`);
      await writeFile(location, eml, { flag: 'wx' });
      return { messageId, location };
    },
  };
};
