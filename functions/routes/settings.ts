import { AdminSettings, ReplaceSettingsBody } from '@assist-ten/core/identity/settings.schema';
import { route } from './define.ts';

const SETTINGS = '/api/v1/admin/settings';
const admin = { type: 'staff', roles: ['admin'] } as const;

export const settingsRoutes = [
  route({
    method: 'GET',
    path: SETTINGS,
    context: 'identity',
    auth: admin,
    summary: "Get the tenant's settings; a tenant that never saved gets the defaults at version 0",
    response: { status: 200, body: AdminSettings, description: 'The settings, or the defaults at version 0' },
    versioned: true,
  }),
  route({
    method: 'PUT',
    path: SETTINGS,
    context: 'identity',
    auth: admin,
    summary: 'Replace the tenant\'s settings as a whole (If-Match honoured; "0" means never saved)',
    request: { body: ReplaceSettingsBody },
    response: { status: 200, body: AdminSettings, description: 'The settings as saved' },
    versioned: true,
  }),
] as const;
