import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { EmailMessage } from './sender.ts';

export interface MimeOptions {
  from: string;
  date?: Date;
  /** `<id@host>`; the composer makes one when absent. */
  messageId?: string;
  headers?: Record<string, string>;
}

/** The file name calendar clients show for the invitation's attachment. */
export const CALENDAR_FILE_NAME = 'invite.ics';

/**
 * One email as RFC 5322 bytes: text and HTML alternatives and, for a calendar message, the
 * text/calendar alternative (with its METHOD) that calendar clients act on plus the same
 * calendar as an invite.ics attachment for clients that only offer files.
 */
export const composeMime = (message: EmailMessage, options: MimeOptions): Promise<Buffer> =>
  new MailComposer({
    from: options.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    ...(options.date ? { date: options.date } : {}),
    ...(options.messageId ? { messageId: options.messageId } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(message.calendar
      ? {
          icalEvent: { method: message.calendar.method, filename: CALENDAR_FILE_NAME, content: message.calendar.ics },
        }
      : {}),
    // Our content is always inline strings; never let a value make the composer read a file or URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
