import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { featureFlagRoutes } from '../../routes/feature-flags.ts';

export const featureFlagOperations: Operations<(typeof featureFlagRoutes)[number]> = {};
