import { ENV, requireEnv } from '@assist-ten/core/shared/env';

/** Read once per cold start; a missing variable stops the function with its name. */
export const allowedOrigins = (): string[] =>
  requireEnv(ENV.allowedOrigins)
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
