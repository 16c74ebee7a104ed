import type { StaffRole } from '@assist-ten/core/shared/principal';

/** The people `npm start` creates in the local user pool, so `POST /_local/login` can sign them in. */
export interface LocalUser {
  userId: string;
  email: string;
  tenantId: string;
  roles: StaffRole[];
  name: string;
}

export interface LocalTenant {
  tenantId: string;
  name: string;
  slug: string;
}

/** Fixed ids (shaped like real ones) make seeding idempotent and keep demo URLs stable. */
const fixedId = (prefix: 'tnt' | 'usr', serial: number): string =>
  `${prefix}_01JDEM${String(serial).padStart(20, '0')}`;

export const LOCAL_TENANTS = {
  demo: { tenantId: fixedId('tnt', 1), name: 'Demo Corp', slug: 'demo' },
  acme: { tenantId: fixedId('tnt', 2), name: 'Acme Inc', slug: 'acme' },
  platform: { tenantId: fixedId('tnt', 3), name: 'Assist-Ten platform', slug: 'platform' },
} as const satisfies Record<string, LocalTenant>;

const TENANT_ROLES = ['recruiter', 'interviewer', 'admin'] as const;

const staff = (tenant: 'demo' | 'acme', role: (typeof TENANT_ROLES)[number], serial: number): LocalUser => ({
  userId: fixedId('usr', serial),
  email: `${role}@${tenant}.test`,
  tenantId: LOCAL_TENANTS[tenant].tenantId,
  roles: [role],
  name: `${tenant[0]?.toUpperCase()}${tenant.slice(1)} ${role}`,
});

export const LOCAL_USERS: readonly LocalUser[] = [
  staff('demo', 'recruiter', 11),
  staff('demo', 'interviewer', 12),
  staff('demo', 'admin', 13),
  staff('acme', 'recruiter', 21),
  staff('acme', 'interviewer', 22),
  staff('acme', 'admin', 23),
  {
    userId: fixedId('usr', 31),
    email: 'superadmin@platform.test',
    tenantId: LOCAL_TENANTS.platform.tenantId,
    roles: ['superadmin'],
    name: 'Platform superadmin',
  },
];

export const findLocalUser = (email: string): LocalUser | undefined =>
  LOCAL_USERS.find((user) => user.email === email.trim().toLowerCase());
