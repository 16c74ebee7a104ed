import * as z from 'zod/mini';
import { TENANT_PLANS } from './tenant.model.ts';
import { User } from './user.schema.ts';

/** The caller as the frontend needs it at start-up: profile, tenant, and what is switched on. */
export const Me = z.object({
  ...User.shape,
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string(), plan: z.enum(TENANT_PLANS) }),
  featureFlags: z.record(z.string(), z.boolean()),
});
export type Me = z.output<typeof Me>;

/** Reactivating a tenant, or deactivating or reactivating a user, takes no fields: `{}` or no body. */
export const NoFieldsBody = z.strictObject({});
