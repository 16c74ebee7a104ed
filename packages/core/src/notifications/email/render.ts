import { ENV, requireEnv } from '../../shared/env.ts';
import type { NotificationEmailInput, RenderedEmail } from './layout.ts';
import { actionLink, type FrontendBase, frontendBase, preferencesLink } from './links.ts';
import { EMAIL_TEMPLATES } from './templates.ts';

export type { NotificationEmailInput, RenderedEmail } from './layout.ts';

export interface RenderOptions {
  frontend: FrontendBase;
}

let fromEnv: RenderOptions | undefined;

/** FRONTEND_BASE_URL, read and checked on first use so that a bad value fails the first email loudly. */
export const renderOptionsFromEnv = (): RenderOptions => {
  fromEnv ??= { frontend: frontendBase(requireEnv(ENV.frontendBaseUrl)) };
  return fromEnv;
};

/** The email for one recipient's copy of a notification: subject, plain text and HTML. */
export const renderNotificationEmail = (
  input: NotificationEmailInput,
  options: RenderOptions = renderOptionsFromEnv(),
): RenderedEmail =>
  EMAIL_TEMPLATES[input.notification.type]({
    ...input,
    links: {
      action: actionLink(options.frontend, input.notification.actionUrl),
      preferences: preferencesLink(options.frontend),
    },
  });
