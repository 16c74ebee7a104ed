import * as z from 'zod/mini';
import { text } from '../shared/schema.ts';
import { TENANT_PLANS } from './tenant.model.ts';
import { User } from './user.schema.ts';

/** The caller as the frontend needs it at start-up: profile, tenant, and what is switched on. */
export const Me = z.object({
  ...User.shape,
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string(), plan: z.enum(TENANT_PLANS) }),
  featureFlags: z.record(z.string(), z.boolean()),
});
export type Me = z.output<typeof Me>;

export const ReactivateTenantBody = z.strictObject({ note: z.optional(text(1000)) });

/** Deactivating or reactivating a user takes no fields; `{}` or no body. */
export const UserTransitionBody = z.strictObject({});
