import escapeHtml from 'escape-html';
import type { NotificationPriority, NotificationType } from '../notification.model.ts';
import { languageTag, paragraphText, singleLine, truncate } from './format.ts';

/** A notification as the inbox stores it, with whom it is for and in which tenant. */
export interface NotificationEmailInput {
  notification: {
    type: NotificationType;
    title: string;
    message: string;
    priority: NotificationPriority;
    /** An app path (`/interviews/int_...`) or an absolute URL into the app; the inbox when absent. */
    actionUrl?: string | undefined;
    relatedEntityType?: string | undefined;
    relatedEntityId?: string | undefined;
  };
  /** `timeZone` is accepted but unused: the rules already wrote the title and message in the recipient's zone. */
  recipient: { name: string; email: string; locale?: string | undefined; timeZone?: string | undefined };
  tenantName: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The input plus the links, already resolved against the frontend base and checked. */
export interface EmailContext extends NotificationEmailInput {
  links: { action: string; preferences: string };
}

export type EmailTemplate = (context: EmailContext) => RenderedEmail;

/** The words a notification type puts into the common layout. */
export interface TemplateCopy {
  /** Names the kind of notification above the title. */
  label: string;
  /** The button's words. */
  action: string;
  /** Why the recipient gets this email, for the footer: the preference that lets it through. */
  reason: (context: EmailContext) => string;
}

/** Mail clients cut long subjects anyway; a bound also keeps one header line far below RFC 5322's 998. */
export const SUBJECT_MAX_LENGTH = 150;

const PRIORITY_LABELS: Partial<Record<NotificationPriority, string>> = { urgent: 'Urgent', high: 'High priority' };

const BADGE_COLOURS: Partial<Record<NotificationPriority, string>> = { urgent: '#b91c1c', high: '#b45309' };

export const subjectOf = ({ notification, tenantName }: NotificationEmailInput): string => {
  const label = PRIORITY_LABELS[notification.priority];
  const subject = `${label ? `[${label}] ` : ''}${notification.title} · ${tenantName}`;
  return truncate(singleLine(subject), SUBJECT_MAX_LENGTH);
};

const textOf = (copy: TemplateCopy, context: EmailContext): string => {
  const { notification, recipient, tenantName, links } = context;
  const priority = PRIORITY_LABELS[notification.priority];
  return [
    singleLine(`${tenantName} · ${copy.label}${priority ? ` · ${priority.toUpperCase()}` : ''}`),
    '',
    singleLine(notification.title),
    '',
    `Hi ${singleLine(recipient.name)},`,
    '',
    paragraphText(notification.message),
    '',
    `${copy.action}: ${links.action}`,
    '',
    '-- ',
    copy.reason(context),
    `Manage your notification preferences: ${links.preferences}`,
    '',
  ].join('\n');
};

/** Every interpolated value is HTML-escaped; links too, since they sit inside attributes. */
/**
 * The frame every email of the product shares: the page, the card and its font; each kind of
 * email fills the card with its rows (`<tr>`s), so all of them look alike.
 */
export const emailDocument = (locale: string | undefined, subject: string, rows: string): string => `<!DOCTYPE html>
<html lang="${escapeHtml(languageTag(locale))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
${rows}
</table>
</td></tr>
</table>
</body>
</html>
`;

const htmlOf = (copy: TemplateCopy, context: EmailContext, subject: string): string => {
  const { notification, recipient, tenantName, links } = context;
  const inline = (value: string) => escapeHtml(singleLine(value));
  const priority = PRIORITY_LABELS[notification.priority];
  const badge = priority
    ? `<tr><td style="padding:12px 32px 0;"><span style="display:inline-block;padding:2px 8px;border-radius:4px;background:${BADGE_COLOURS[notification.priority]};color:#ffffff;font-size:12px;font-weight:bold;text-transform:uppercase;">${escapeHtml(priority)}</span></td></tr>`
    : '';
  const message = escapeHtml(paragraphText(notification.message)).replaceAll('\n', '<br>');
  const actionHref = escapeHtml(links.action);
  return emailDocument(
    recipient.locale,
    subject,
    `<tr><td style="padding:24px 32px 0;font-size:13px;color:#616e7c;">${inline(tenantName)} · ${inline(copy.label)}</td></tr>
${badge}
<tr><td style="padding:12px 32px 0;"><h1 style="margin:0;font-size:20px;line-height:28px;font-weight:bold;">${inline(notification.title)}</h1></td></tr>
<tr><td style="padding:16px 32px 0;font-size:15px;line-height:22px;">Hi ${inline(recipient.name)},</td></tr>
<tr><td style="padding:8px 32px 0;font-size:15px;line-height:22px;">${message}</td></tr>
<tr><td style="padding:24px 32px 8px;"><a href="${actionHref}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:#2563eb;color:#ffffff;font-size:15px;font-weight:bold;text-decoration:none;">${inline(copy.action)}</a></td></tr>
<tr><td style="padding:8px 32px 24px;font-size:13px;line-height:18px;color:#616e7c;">If the button does not work, open this link: <a href="${actionHref}" style="color:#2563eb;word-break:break-all;">${actionHref}</a></td></tr>
<tr><td style="padding:16px 32px 24px;border-top:1px solid #e4e7eb;font-size:12px;line-height:18px;color:#7b8794;">${inline(copy.reason(context))} <a href="${escapeHtml(links.preferences)}" style="color:#616e7c;">Manage your notification preferences</a>.</td></tr>
`,
  );
};

/** A template in the common layout: one look for every email, each type only chooses its words. */
export const layoutTemplate =
  (copy: TemplateCopy): EmailTemplate =>
  (context) => {
    const subject = subjectOf(context);
    return { subject, text: textOf(copy, context), html: htmlOf(copy, context, subject) };
  };
