import escapeHtml from 'escape-html';
import { paragraphText, singleLine, truncate } from '../notifications/email/format.ts';
import { SUBJECT_MAX_LENGTH } from '../notifications/email/layout.ts';
import type { FrontendBase } from '../notifications/email/links.ts';

/** Where the web app's landing page of an invitation lives; the secret is the last path segment. */
export const INVITATION_PATH = '/assessment';

export const invitationLink = (base: FrontendBase, secret: string): string =>
  new URL(`${base.basePath}${INVITATION_PATH}/${encodeURIComponent(secret)}`, base.origin).href;

export interface InvitationEmailInput {
  candidateName: string;
  tenantName: string;
  assessmentTitle: string;
  durationMinutes: number;
  /** ISO: the last moment the link works. */
  validUntil: string;
  link: string;
}

const dateOf = (iso: string): string =>
  new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) +
  ' UTC';

/**
 * The candidate's invitation: the one place the link's secret is ever written. It is sent
 * straight to the candidate, never through the outbox or the inbox, which keep what they carry.
 */
export const renderInvitationEmail = (input: InvitationEmailInput) => {
  const subject = truncate(
    singleLine(`${input.tenantName} invites you to an assessment: ${input.assessmentTitle}`),
    SUBJECT_MAX_LENGTH,
  );
  const lines = [
    `Hi ${singleLine(input.candidateName)},`,
    '',
    paragraphText(
      `${input.tenantName} invites you to take "${input.assessmentTitle}", a timed assessment of ${input.durationMinutes} minutes. ` +
        'The timer starts when you press Start, so open the link when you have the time to finish in one sitting.',
    ),
    '',
    `The link works until ${dateOf(input.validUntil)}, once. Do not share it: it is your personal invitation.`,
  ];
  const text = [...lines, '', `Start the assessment: ${input.link}`, ''].join('\n');
  const href = escapeHtml(input.link);
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px 32px;font-size:15px;line-height:22px;">
${lines.map((line) => (line ? `<p style="margin:0 0 12px;">${escapeHtml(line)}</p>` : '')).join('\n')}
<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:#2563eb;color:#ffffff;font-weight:bold;text-decoration:none;">Start the assessment</a></p>
<p style="margin:0;font-size:13px;color:#616e7c;">If the button does not work, open this link: <a href="${href}" style="color:#2563eb;word-break:break-all;">${href}</a></p>
</div>
</body>
</html>
`;
  return { subject, text, html };
};
