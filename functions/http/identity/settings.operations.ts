import { getSettings, replaceSettings } from '@assist-ten/core/identity/settings.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { settingsRoutes } from '../../routes/settings.ts';

export const settingsOperations: Operations<(typeof settingsRoutes)[number]> = {
  'GET /api/v1/admin/settings': async ({ principal }) => ({ body: await getSettings(principal) }),
  'PUT /api/v1/admin/settings': async ({ principal, body, ifMatch }) => ({
    body: await replaceSettings(principal, body, ifMatch),
  }),
};
