/** The vocabulary of a requisition, shared by its entity, its schemas and its rules. */
export const REQUISITION_STATUSES = ['draft', 'open', 'paused', 'closed', 'filled', 'cancelled'] as const;
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];

export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contract', 'internship', 'temporary'] as const;
export const EXPERIENCE_LEVELS = ['entry', 'junior', 'mid', 'senior', 'lead', 'principal', 'executive'] as const;
export const REMOTE_POLICIES = ['onsite', 'hybrid', 'remote'] as const;
export const SKILL_PROFICIENCIES = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export const SALARY_PERIODS = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;

/** A requisition that is still being worked on; the others are history. */
export const ACTIVE_STATUSES: readonly RequisitionStatus[] = ['draft', 'open', 'paused'];

export const isActiveStatus = (status: RequisitionStatus): boolean => ACTIVE_STATUSES.includes(status);
