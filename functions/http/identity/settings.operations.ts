import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { settingsRoutes } from '../../routes/settings.ts';

export const settingsOperations: Operations<(typeof settingsRoutes)[number]> = {};
