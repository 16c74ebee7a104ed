/** The seeded users: the tenant whose objects tests make, and the tenant that must never see them. */
export const HOME = {
  recruiter: 'recruiter@demo.test',
  interviewer: 'interviewer@demo.test',
  admin: 'admin@demo.test',
};
export const OTHER = {
  recruiter: 'recruiter@acme.test',
  interviewer: 'interviewer@acme.test',
  admin: 'admin@acme.test',
};
export const SUPERADMIN = 'superadmin@platform.test';

/** A fresh, unique value for fields that must be unique (emails, slugs). */
export const unique = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
