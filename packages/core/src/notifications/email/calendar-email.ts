import escapeHtml from 'escape-html';
import {
  durationText,
  type InterviewCalendar,
  interviewTitle,
  modeName,
  placeOf,
  timeIn,
  webLinkOf,
} from '../../interviews/calendar-text.ts';
import { paragraphText, singleLine, truncate } from './format.ts';
import { emailDocument, type RenderedEmail, SUBJECT_MAX_LENGTH } from './layout.ts';

/** What an email to an interview's participant says about the change. */
export type ParticipantNews = 'scheduled' | 'updated' | 'rescheduled' | 'cancelled' | 'removed' | 'reminder';

interface Detail {
  label: string;
  value: string;
  /** A web link the value is, shown as one. */
  href?: string | undefined;
}

interface ParticipantEmail {
  tenantName: string;
  recipientName: string;
  locale?: string | undefined;
  title: string;
  message: string;
  details: readonly Detail[];
  action?: { label: string; href: string } | undefined;
  footer: string;
}

/**
 * The interview as its participants read it: what, when (in the reader's zone, named), how
 * long, where. Never the interviewers' notes or question guide: the payload has none.
 */
const detailsOf = (interview: InterviewCalendar, zone: string, locale: string | undefined): Detail[] => {
  const link = webLinkOf(interview);
  const place = placeOf(interview);
  return [
    { label: 'What', value: interviewTitle(interview) },
    { label: 'When', value: timeIn(interview.scheduledAt, zone, locale) },
    { label: 'Duration', value: durationText(interview.durationMinutes) },
    { label: 'How', value: modeName(interview.interviewMode) },
    ...(place && place !== interview.meetingLink ? [{ label: 'Where', value: place }] : []),
    ...(interview.meetingLink ? [{ label: 'Link', value: interview.meetingLink, href: link }] : []),
  ];
};

const subjectOf = (title: string, tenantName: string): string =>
  truncate(singleLine(`${title} · ${tenantName}`), SUBJECT_MAX_LENGTH);

const textOf = (email: ParticipantEmail): string =>
  [
    singleLine(`${email.tenantName} · Interviews`),
    '',
    singleLine(email.title),
    '',
    `Hi ${singleLine(email.recipientName)},`,
    '',
    paragraphText(email.message),
    '',
    ...email.details.map((detail) => `${detail.label}: ${singleLine(detail.value)}`),
    '',
    ...(email.action ? [`${email.action.label}: ${email.action.href}`, ''] : []),
    '-- ',
    paragraphText(email.footer),
    '',
  ].join('\n');

/** Every interpolated value is HTML-escaped; links too, since they sit inside attributes. */
const htmlOf = (email: ParticipantEmail, subject: string): string => {
  const inline = (value: string) => escapeHtml(singleLine(value));
  const detailRows = email.details
    .map(
      (detail) =>
        `<tr><td style="padding:4px 12px 4px 0;color:#616e7c;vertical-align:top;">${inline(detail.label)}</td><td style="padding:4px 0;">${
          detail.href
            ? `<a href="${escapeHtml(detail.href)}" style="color:#2563eb;word-break:break-all;">${inline(detail.value)}</a>`
            : inline(detail.value)
        }</td></tr>`,
    )
    .join('\n');
  const action = email.action
    ? `<tr><td style="padding:16px 32px 8px;"><a href="${escapeHtml(email.action.href)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:#2563eb;color:#ffffff;font-size:15px;font-weight:bold;text-decoration:none;">${inline(email.action.label)}</a></td></tr>`
    : '';
  return emailDocument(
    email.locale,
    subject,
    `<tr><td style="padding:24px 32px 0;font-size:13px;color:#616e7c;">${inline(email.tenantName)} · Interviews</td></tr>
<tr><td style="padding:12px 32px 0;"><h1 style="margin:0;font-size:20px;line-height:28px;font-weight:bold;">${inline(email.title)}</h1></td></tr>
<tr><td style="padding:16px 32px 0;font-size:15px;line-height:22px;">Hi ${inline(email.recipientName)},</td></tr>
<tr><td style="padding:8px 32px 0;font-size:15px;line-height:22px;">${escapeHtml(paragraphText(email.message)).replaceAll('\n', '<br>')}</td></tr>
<tr><td style="padding:16px 32px 0;"><table role="presentation" cellpadding="0" cellspacing="0" border="0" style="font-size:15px;line-height:22px;">
${detailRows}
</table></td></tr>
${action}
<tr><td style="padding:16px 32px 24px;border-top:1px solid #e4e7eb;font-size:12px;line-height:18px;color:#7b8794;">${escapeHtml(paragraphText(email.footer))}</td></tr>
`,
  );
};

const render = (email: ParticipantEmail): RenderedEmail => {
  const subject = subjectOf(email.title, email.tenantName);
  return { subject, text: textOf(email), html: htmlOf(email, subject) };
};

const CALENDAR_NOTE: Readonly<Record<ParticipantNews, string>> = {
  scheduled: 'The attached invitation adds it to your calendar.',
  updated: 'The attached invitation updates your calendar.',
  rescheduled: 'The attached invitation updates your calendar.',
  cancelled: 'The attached cancellation removes it from your calendar.',
  removed: 'The attached cancellation removes it from your calendar.',
  reminder: '',
};

export interface CandidateEmailInput {
  news: Exclude<ParticipantNews, 'removed'>;
  interview: InterviewCalendar;
  tenantName: string;
  candidateName: string;
}

/**
 * The candidate's copy: who invites them, to what, when in their own zone, for how long,
 * and how to join. It names no interviewer's notes and links to nothing of the staff app.
 */
export const renderCandidateEmail = ({
  news,
  interview,
  tenantName,
  candidateName,
}: CandidateEmailInput): RenderedEmail => {
  const job = `the ${interview.requisitionTitle} position`;
  const words: Record<CandidateEmailInput['news'], { title: string; message: string }> = {
    scheduled: {
      title: `Interview invitation: ${interview.requisitionTitle}`,
      message: `${tenantName} invites you to an interview for ${job}. The details are below.`,
    },
    updated: {
      title: `Interview details changed: ${interview.requisitionTitle}`,
      message: `${tenantName} changed the details of your interview for ${job}. The current details are below.`,
    },
    rescheduled: {
      title: `Interview moved: ${interview.requisitionTitle}`,
      message: `${tenantName} moved your interview for ${job} to a new time. The new details are below.`,
    },
    cancelled: {
      title: `Interview cancelled: ${interview.requisitionTitle}`,
      message: `${tenantName} cancelled your interview for ${job}, planned for ${timeIn(interview.scheduledAt, interview.candidateTimeZone)}.`,
    },
    reminder: {
      title: `Reminder: your interview for ${interview.requisitionTitle}`,
      message: `Your interview with ${tenantName} for ${job} is coming up. The details are below.`,
    },
  };
  const { title, message } = words[news];
  return render({
    tenantName,
    recipientName: candidateName,
    title,
    message: [message, CALENDAR_NOTE[news]].filter(Boolean).join(' '),
    details: news === 'cancelled' ? [] : detailsOf(interview, interview.candidateTimeZone, undefined),
    footer: `You get this email because ${tenantName} scheduled an interview with you. If the time does not suit you, contact your recruiter at ${tenantName}.`,
  });
};

export interface InterviewerEmailInput {
  news: ParticipantNews;
  interview: InterviewCalendar;
  tenantName: string;
  recipient: { name: string; timeZone: string; locale?: string | undefined };
  /** The notification's words for this interviewer (rules.ts), in their zone. */
  notice: { title: string; message: string };
  /** The interview's page in the app. */
  link: string;
}

/** An interviewer's copy: the notification they would have been emailed, the details, and the calendar. */
export const renderInterviewerEmail = ({
  news,
  interview,
  tenantName,
  recipient,
  notice,
  link,
}: InterviewerEmailInput): RenderedEmail =>
  render({
    tenantName,
    recipientName: recipient.name,
    locale: recipient.locale,
    title: notice.title,
    message: [notice.message, CALENDAR_NOTE[news]].filter(Boolean).join(' '),
    details:
      news === 'cancelled' || news === 'removed' ? [] : detailsOf(interview, recipient.timeZone, recipient.locale),
    ...(news === 'removed' ? {} : { action: { label: 'View interview', href: link } }),
    footer: `You get this email because you ${news === 'removed' ? 'were' : 'are'} an interviewer on this interview at ${tenantName}: calendar invitations reach every participant, whatever your notification preferences.`,
  });
