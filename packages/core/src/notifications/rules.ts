import type { DomainEventOf, NotificationEvent, NotificationEventType } from '../events/catalogue.ts';
import { durationText, type InterviewCalendar, interviewKind } from '../interviews/calendar-text.ts';
import type { NotificationPriority, NotificationType } from './notification.model.ts';

/** What a recipient's copy of a notification is written for. */
export interface Recipient {
  name: string;
  timezone: string;
  locale: string;
}

/** What one event tells whom. */
export interface NotificationDraft {
  recipients: readonly string[];
  type: NotificationType;
  priority: NotificationPriority;
  relatedEntityType: string;
  relatedEntityId: string;
  /** A path of the web app; emails turn it into a link on the configured frontend origin. */
  actionUrl: string;
  /**
   * A security notice: when urgent, it is emailed even to users who turned email off for
   * its type, because they must learn of it although they are not signed in.
   */
  security?: boolean;
  /**
   * The event's email is a calendar invitation (calendar-delivery.ts), sent to every
   * participant and carrying this message: the notification itself stays in-app, so
   * nobody gets two emails for one change.
   */
  emailedAsCalendar?: boolean;
  content(recipient: Recipient): { title: string; message: string };
}

const when = (iso: string, recipient: Recipient): string => {
  try {
    return new Intl.DateTimeFormat(recipient.locale, {
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: recipient.timezone,
      timeZoneName: 'short',
    }).format(new Date(iso));
  } catch {
    // A locale or zone this runtime does not know still gets an unambiguous time.
    return new Date(iso).toUTCString();
  }
};

/** Who hears of a hiring step: its owner, and the requisition's hiring manager when it has one. */
const withManager = (ownerId: string, hiringManagerId: string | undefined): string[] => [
  ownerId,
  ...(hiringManagerId ? [hiringManagerId] : []),
];

const listOf = (items: readonly string[]): string => items.join(', ');

/** "Technical interview (round 2) on Tue, 1 Dec 2026, 14:30 GMT, 1 hour": never the candidate's name. */
const interviewLine = (interview: InterviewCalendar, recipient: Recipient): string =>
  `${interviewKind(interview)} on ${when(interview.scheduledAt, recipient)}, ${durationText(interview.durationMinutes)}`;

/** Who hears of an interview's changes in the app: its interviewers, on the interview's page. */
const interviewNotice = (interview: InterviewCalendar) =>
  ({
    recipients: interview.interviewerIds,
    type: 'interview',
    priority: 'high',
    relatedEntityType: 'interview',
    relatedEntityId: interview.interviewId,
    actionUrl: `/interviews/${interview.interviewId}`,
  }) as const;

type Rules = { [T in NotificationEventType]: (event: DomainEventOf<T>) => NotificationDraft };

/**
 * Who hears of each event, and what they read. The user whose request caused an event is
 * not told of it (see `draftFor`): they just did it; security notices excepted.
 */
const RULES: Rules = {
  'requisition.published': ({ payload }) => ({
    recipients: withManager(payload.createdBy, payload.hiringManagerId),
    type: 'application',
    priority: 'normal',
    relatedEntityType: 'requisition',
    relatedEntityId: payload.requisitionId,
    actionUrl: `/requisitions/${payload.requisitionId}`,
    content: () => ({
      title: `Requisition published: ${payload.title}`,
      message: `"${payload.title}" is now open and accepting candidates.`,
    }),
  }),
  'user.roles_changed': ({ payload }) => ({
    recipients: [payload.userId],
    type: 'system',
    priority: 'urgent',
    security: true,
    relatedEntityType: 'user',
    relatedEntityId: payload.userId,
    actionUrl: '/settings/profile',
    content: () => ({
      title: 'Your roles have changed',
      message: `An administrator changed your roles from ${listOf(payload.before)} to ${listOf(payload.after)}. If you did not expect this, contact your administrator.`,
    }),
  }),
  'interview.scheduled': ({ payload }) => ({
    ...interviewNotice(payload),
    emailedAsCalendar: true,
    content: (recipient) => ({
      title: `Interview scheduled: ${payload.requisitionTitle}`,
      message: `You are interviewing for "${payload.requisitionTitle}": ${interviewLine(payload, recipient)}.`,
    }),
  }),
  'interview.updated': ({ payload }) => ({
    ...interviewNotice(payload),
    emailedAsCalendar: true,
    content: (recipient) => ({
      title: `${payload.rescheduled ? 'Interview rescheduled' : 'Interview updated'}: ${payload.requisitionTitle}`,
      message: `${payload.rescheduled ? 'New time' : 'Changed details'} for your interview for "${payload.requisitionTitle}": ${interviewLine(payload, recipient)}.`,
    }),
  }),
  'interview.cancelled': ({ payload }) => ({
    ...interviewNotice(payload),
    emailedAsCalendar: true,
    content: (recipient) => ({
      title: `Interview cancelled: ${payload.requisitionTitle}`,
      message: `The ${interviewKind(payload)} for "${payload.requisitionTitle}" on ${when(payload.scheduledAt, recipient)} is cancelled.`,
    }),
  }),
  'interview.reminder_due': ({ payload }) => ({
    ...interviewNotice(payload),
    content: (recipient) => ({
      title: `Interview soon: ${payload.requisitionTitle}`,
      message: `Your interview for "${payload.requisitionTitle}" is coming up: ${interviewLine(payload, recipient)}.`,
    }),
  }),
  'feedback.submitted': ({ payload }) => ({
    recipients: withManager(payload.organizerId, payload.hiringManagerId).filter(
      // The interviewer who submitted it knows; they may also be the organiser or the manager.
      (userId) => userId !== payload.interviewerId,
    ),
    type: 'interview',
    priority: 'normal',
    ...(payload.allSubmitted
      ? {
          relatedEntityType: 'application',
          relatedEntityId: payload.applicationId,
          actionUrl: `/applications/${payload.applicationId}/scorecard`,
        }
      : {
          relatedEntityType: 'interview',
          relatedEntityId: payload.interviewId,
          actionUrl: `/interviews/${payload.interviewId}/feedback`,
        }),
    content: () =>
      payload.allSubmitted
        ? {
            title: `Scorecard complete: ${payload.requisitionTitle} (round ${payload.round})`,
            message: `Every interviewer of round ${payload.round} for "${payload.requisitionTitle}" has submitted feedback: the scorecard is complete and ready to read.`,
          }
        : {
            title: `Feedback submitted: ${payload.requisitionTitle} (round ${payload.round})`,
            message: `An interviewer submitted feedback on round ${payload.round} for "${payload.requisitionTitle}". The scorecard fills in as the others submit theirs.`,
          },
  }),
  'feedback.excused': ({ payload }) => ({
    // The excused interviewer, so it leaves their to-do; with the scorecard now complete, its readers too.
    recipients: [
      payload.interviewerId,
      ...(payload.allSubmitted ? withManager(payload.organizerId, payload.hiringManagerId) : []),
    ],
    type: 'interview',
    priority: 'normal',
    relatedEntityType: 'interview',
    relatedEntityId: payload.interviewId,
    actionUrl: `/interviews/${payload.interviewId}/feedback`,
    content: () => ({
      title: `Feedback no longer expected: ${payload.requisitionTitle} (round ${payload.round})`,
      message: payload.allSubmitted
        ? `An interviewer of round ${payload.round} for "${payload.requisitionTitle}" was excused from giving feedback, and every other one has submitted: the scorecard is complete and ready to read.`
        : `An interviewer of round ${payload.round} for "${payload.requisitionTitle}" was excused from giving feedback: it is no longer waited for.`,
    }),
  }),
  'proctoring.session_flagged': ({ payload }) => ({
    recipients: payload.reviewerIds,
    type: 'proctoring',
    priority: payload.critical ? 'urgent' : 'high',
    relatedEntityType: 'test_session',
    relatedEntityId: payload.testSessionId,
    actionUrl: `/proctoring/sessions/${payload.testSessionId}`,
    content: () => ({
      title: `An attempt at ${payload.assessmentTitle} is flagged for review`,
      message: `A candidate's "${payload.assessmentTitle}" session scored ${payload.integrityScore}/100 for integrity${payload.reasons.length ? `: ${listOf(payload.reasons)}` : ''}. Nothing is decided until you review it.`,
    }),
  }),
  'proctoring.appeal_submitted': ({ payload }) => ({
    recipients: payload.reviewerIds,
    type: 'proctoring',
    priority: 'high',
    relatedEntityType: 'test_session',
    relatedEntityId: payload.testSessionId,
    actionUrl: `/proctoring/sessions/${payload.testSessionId}`,
    content: () => ({
      title: `A candidate appealed their proctoring review: ${payload.assessmentTitle}`,
      message: `A candidate who took "${payload.assessmentTitle}" sent an appeal about the proctoring evidence of their attempt. Read it beside the evidence before you decide.`,
    }),
  }),
  'invitation.created': ({ payload }) => ({
    recipients: withManager(payload.assessmentOwnerId, payload.hiringManagerId),
    type: 'assessment',
    priority: 'low',
    relatedEntityType: 'assessment',
    relatedEntityId: payload.assessmentId,
    actionUrl: `/assessments/${payload.assessmentId}/invitations`,
    content: () => ({
      title: `${payload.candidateName} invited to ${payload.assessmentTitle}`,
      message: `${payload.candidateName} was invited to take "${payload.assessmentTitle}".`,
    }),
  }),
  'test_session.scored': ({ payload }) => ({
    recipients: payload.recipientIds,
    type: 'assessment',
    priority: payload.outcome === 'review' ? 'high' : 'normal',
    relatedEntityType: 'test_session',
    relatedEntityId: payload.testSessionId,
    actionUrl: `/assessments/${payload.assessmentId}/results`,
    content: () => ({
      title:
        payload.outcome === 'review'
          ? `An attempt at ${payload.assessmentTitle} needs review`
          : `An attempt at ${payload.assessmentTitle} passed`,
      message: `A candidate scored ${payload.percentage}% on "${payload.assessmentTitle}" (${payload.passed ? 'pass' : 'below the pass mark'}${payload.needsReview ? ', some answers need a person to score them' : ''}). ${payload.outcome === 'advanced' ? 'Their application moved to the interview stage.' : 'Their application waits for your review.'}`,
    }),
  }),
  'application.stage_changed': ({ payload }) => ({
    recipients: [
      ...(payload.recruiterId ? [payload.recruiterId] : []),
      ...(payload.hiringManagerId ? [payload.hiringManagerId] : []),
    ],
    type: 'application',
    priority: 'normal',
    relatedEntityType: 'application',
    relatedEntityId: payload.applicationId,
    actionUrl: `/applications/${payload.applicationId}`,
    content: () => ({
      title: `${payload.candidateName} moved to ${payload.to}`,
      message: `${payload.candidateName}'s application for "${payload.requisitionTitle}" moved from ${payload.from} to ${payload.to}.`,
    }),
  }),
  // An application notice to the user's preferences: mentions are about applications.
  'note.mentioned': ({ payload }) => ({
    recipients: payload.mentionedUserIds,
    type: 'application',
    priority: 'normal',
    relatedEntityType: 'application',
    relatedEntityId: payload.applicationId,
    actionUrl: `/applications/${payload.applicationId}/notes/${payload.noteId}`,
    content: () => ({
      title: `You were mentioned in a note: ${payload.requisitionTitle}`,
      message: `A colleague mentioned you in a note on an application for "${payload.requisitionTitle}".`,
    }),
  }),
};

/** The notification an event produces, for each distinct recipient other than its actor. */
export const draftFor = (event: NotificationEvent): NotificationDraft => {
  const rule = RULES[event.type] as (event: NotificationEvent) => NotificationDraft;
  const draft = rule(event);
  const recipients = [...new Set(draft.recipients)].filter(
    (userId) => draft.security === true || userId !== event.actorId,
  );
  return { ...draft, recipients };
};

/** Email goes out when the recipient wants it, or for an urgent security notice regardless. */
export const wantsEmail = (draft: Pick<NotificationDraft, 'priority' | 'security'>, emailOptIn: boolean): boolean =>
  emailOptIn || (draft.security === true && draft.priority === 'urgent');
