import { identityRoutes as tenantAndUserRoutes } from '../../routes/identity.ts';
import { settingsRoutes } from '../../routes/settings.ts';

/** The routes the identity function serves; it bundles these schemas and no other context's. */
export const identityRoutes = [...tenantAndUserRoutes, ...settingsRoutes] as const;
