import type { StaffRole } from '@assist-ten/core/shared/principal';

/** The people `npm start` knows, so `POST /_local/login` can sign them in. */
export interface LocalUser {
  userId: string;
  email: string;
  tenantId: string;
  roles: StaffRole[];
  name: string;
}

export const LOCAL_TENANTS = {
  demo: 'tnt_demo',
  acme: 'tnt_acme',
  platform: 'tnt_platform',
} as const;

const staff = (tenant: 'demo' | 'acme', role: StaffRole): LocalUser => ({
  userId: `usr_${tenant}_${role}`,
  email: `${role}@${tenant}.test`,
  tenantId: LOCAL_TENANTS[tenant],
  roles: [role],
  name: `${tenant[0]?.toUpperCase()}${tenant.slice(1)} ${role}`,
});

export const LOCAL_USERS: readonly LocalUser[] = [
  staff('demo', 'recruiter'),
  staff('demo', 'interviewer'),
  staff('demo', 'admin'),
  staff('acme', 'recruiter'),
  staff('acme', 'interviewer'),
  staff('acme', 'admin'),
  {
    userId: 'usr_platform_superadmin',
    email: 'superadmin@platform.test',
    tenantId: LOCAL_TENANTS.platform,
    roles: ['superadmin'],
    name: 'Platform superadmin',
  },
];

export const findLocalUser = (email: string): LocalUser | undefined =>
  LOCAL_USERS.find((user) => user.email === email.trim().toLowerCase());
