/** The vocabulary of a tenant, shared by its entity, schemas and rules. */
export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const TENANT_PLANS = ['free', 'starter', 'growth', 'enterprise'] as const;
export type TenantPlan = (typeof TENANT_PLANS)[number];

export interface TenantLimits {
  maxUsers: number;
  maxActiveRequisitions: number;
  maxAssessmentsPerMonth: number;
}

/** What a plan includes unless the superadmin sets other limits for the tenant. */
export const PLAN_LIMITS: Readonly<Record<TenantPlan, TenantLimits>> = {
  free: { maxUsers: 5, maxActiveRequisitions: 3, maxAssessmentsPerMonth: 25 },
  starter: { maxUsers: 25, maxActiveRequisitions: 10, maxAssessmentsPerMonth: 250 },
  growth: { maxUsers: 100, maxActiveRequisitions: 50, maxAssessmentsPerMonth: 2_500 },
  enterprise: { maxUsers: 2_000, maxActiveRequisitions: 1_000, maxAssessmentsPerMonth: 50_000 },
};
