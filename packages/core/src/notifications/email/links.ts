/** Where the web app lists a user's notifications: the link of an email without its own. */
export const INBOX_PATH = '/notifications';
/** Where a user turns each notification type's channels on and off. */
export const PREFERENCES_PATH = '/settings/notifications';

/** The web app's address, checked once: every link in an email must lead there. */
export interface FrontendBase {
  origin: string;
  /** The app's path prefix without a trailing slash ('' when it is served at the root). */
  basePath: string;
}

export const frontendBase = (baseUrl: string): FrontendBase => {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new Error(`The frontend base URL is not an absolute URL: ${baseUrl}`, { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The frontend base URL must be http(s): ${baseUrl}`);
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
};

const pathLink = (base: FrontendBase, path: string): string => new URL(`${base.basePath}${path}`, base.origin).href;

const isInsideApp = (url: URL, base: FrontendBase): boolean =>
  url.origin === base.origin &&
  (base.basePath === '' || url.pathname === base.basePath || url.pathname.startsWith(`${base.basePath}/`));

export const inboxLink = (base: FrontendBase): string => pathLink(base, INBOX_PATH);
export const preferencesLink = (base: FrontendBase): string => pathLink(base, PREFERENCES_PATH);

/**
 * The absolute link for a notification's actionUrl: an app path is put under the frontend
 * base, an absolute URL is kept only when it points into the app. Anything else (another
 * origin, `//host`, `/\host`, `javascript:`, a bare relative path) becomes the inbox link,
 * so a notification can never turn our email into a phishing link.
 */
export const actionLink = (base: FrontendBase, actionUrl: string | undefined): string => {
  const target = actionUrl?.trim();
  if (!target) return inboxLink(base);
  let url: URL;
  try {
    url = target.startsWith('/') ? new URL(`${base.basePath}${target}`, base.origin) : new URL(target);
  } catch {
    return inboxLink(base);
  }
  if (!isInsideApp(url, base)) return inboxLink(base);
  // Credentials in a link are never ours to pass on.
  url.username = '';
  url.password = '';
  return url.href;
};
