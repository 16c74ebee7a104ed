import type { NotificationType } from '../notification.model.ts';
import { type EmailContext, type EmailTemplate, layoutTemplate } from './layout.ts';

const optedIn = (what: string) => (context: EmailContext) =>
  `You get this email because email is on for ${what} in your notification preferences at ${context.tenantName}.`;

/**
 * One template per notification type. Typed as a total record, so a type added to
 * NOTIFICATION_TYPES without a template here fails the typecheck.
 */
export const EMAIL_TEMPLATES: Readonly<Record<NotificationType, EmailTemplate>> = {
  system: layoutTemplate({
    label: 'Account',
    action: 'View details',
    // Urgent security notices reach users even with email off for this type (rules.wantsEmail).
    reason: (context) =>
      context.notification.priority === 'urgent'
        ? `You get this email because urgent account and security notices at ${context.tenantName} are emailed even when email is off for account notices.`
        : optedIn('account and system notices')(context),
  }),
  assessment: layoutTemplate({
    label: 'Assessments',
    action: 'View assessment',
    reason: optedIn('assessment notifications'),
  }),
  interview: layoutTemplate({
    label: 'Interviews',
    action: 'View interview',
    reason: optedIn('interview notifications'),
  }),
  application: layoutTemplate({
    label: 'Applications',
    action: 'View details',
    reason: optedIn('application notifications'),
  }),
  proctoring: layoutTemplate({
    label: 'Proctoring',
    action: 'Review session',
    reason: optedIn('proctoring alerts'),
  }),
};
