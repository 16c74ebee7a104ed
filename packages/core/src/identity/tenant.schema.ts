import * as z from 'zod/mini';
import { emailAddress, idPath, listQuery, notEmpty, page, text, trackedView } from '../shared/schema.ts';
import { TENANT_PLANS, TENANT_STATUSES } from './tenant.model.ts';

const slug = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, '3 to 63 lowercase letters, digits or dashes, not at either end'),
  );

const phone = z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{6,32}$/, 'A phone number such as +49 30 1234567'));

const contact = z.strictObject({
  name: text(200),
  email: emailAddress,
  phone: z.optional(phone),
});

const region = z.string().check(z.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'An AWS region such as eu-central-1'));

const limits = z.strictObject({
  maxUsers: z.optional(z.int().check(z.minimum(1), z.maximum(100_000))),
  maxActiveRequisitions: z.optional(z.int().check(z.minimum(1), z.maximum(100_000))),
  maxAssessmentsPerMonth: z.optional(z.int().check(z.minimum(0), z.maximum(10_000_000))),
});

export const CreateTenantBody = z.strictObject({
  name: text(200),
  slug,
  plan: z.enum(TENANT_PLANS),
  /** Overrides of the plan's limits. */
  limits: z.optional(limits),
  contact,
  region: z.optional(region),
  /** The tenant's first admin: invited by email, as any user. */
  admin: z.strictObject({ email: emailAddress, name: text(200) }),
});
export type CreateTenant = z.output<typeof CreateTenantBody>;

export const UpdateTenantBody = z
  .strictObject({
    name: z.optional(text(200)),
    plan: z.optional(z.enum(TENANT_PLANS)),
    limits: z.optional(limits),
    contact: z.optional(contact),
    region: z.optional(region),
  })
  .check(notEmpty);
export type UpdateTenant = z.output<typeof UpdateTenantBody>;

export const SuspendTenantBody = z.strictObject({ reason: text(1000) });
export type SuspendTenant = z.output<typeof SuspendTenantBody>;

export const TenantPath = idPath('tenant');

export const ListTenantsQuery = z.strictObject({
  status: z.optional(z.enum(TENANT_STATUSES)),
  ...listQuery,
});
export type ListTenants = z.output<typeof ListTenantsQuery>;

export const Tenant = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  status: z.enum(TENANT_STATUSES),
  plan: z.enum(TENANT_PLANS),
  limits: z.object({ maxUsers: z.int(), maxActiveRequisitions: z.int(), maxAssessmentsPerMonth: z.int() }),
  usage: z.object({ users: z.int(), admins: z.int(), activeRequisitions: z.int() }),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.optional(z.string()) }),
  region: z.string(),
  suspendedAt: z.optional(z.string()),
  suspendedReason: z.optional(z.string()),
  ...trackedView,
});
export type Tenant = z.output<typeof Tenant>;

export const TenantPage = page(Tenant);

export const CreatedTenant = z.object({
  ...Tenant.shape,
  firstAdmin: z.object({ id: z.string(), email: z.string(), name: z.string() }),
});
export type CreatedTenant = z.output<typeof CreatedTenant>;
