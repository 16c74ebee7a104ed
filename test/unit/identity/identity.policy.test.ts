import { assertSuperadmin, assertTenantAdmin } from '@assist-ten/core/identity/identity.policy';
import { TENANT_TRANSITIONS } from '@assist-ten/core/identity/tenant.status';
import { USER_TRANSITIONS } from '@assist-ten/core/identity/user.status';
import { ForbiddenError, IllegalTransitionError } from '@assist-ten/core/shared/errors';
import { STAFF_ROLES, type StaffRole } from '@assist-ten/core/shared/principal';
import { assertTransition } from '@assist-ten/core/shared/state-machine';
import { describe, expect, it } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';

const as = (...roles: StaffRole[]) => aPrincipal({ roles });

describe('identity policies', () => {
  it('lets only the superadmin manage tenants', () => {
    // Act
    const refused = STAFF_ROLES.filter((role) => thrownBy(() => assertSuperadmin(as(role)), { orNothing: true }));

    // Assert
    expect(refused).toEqual(['recruiter', 'interviewer', 'admin']);
  });

  it("lets only an admin manage the tenant's users and settings", () => {
    // Act
    const refused = STAFF_ROLES.filter((role) => thrownBy(() => assertTenantAdmin(as(role)), { orNothing: true }));

    // Assert
    expect(refused).toEqual(['recruiter', 'interviewer', 'superadmin']);
  });

  it('refuses with 403', () => {
    // Act
    const error = thrownBy(() => assertSuperadmin(as('admin')));

    // Assert
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('does not let the superadmin act as an admin of a tenant', () => {
    // Act
    const error = thrownBy(() => assertTenantAdmin(as('superadmin')));

    // Assert
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('lets someone with several roles act in each of them', () => {
    // Act + Assert
    expect(() => assertTenantAdmin(as('recruiter', 'admin'))).not.toThrow();
  });
});

describe('tenant and user lifecycles', () => {
  it.each([
    ['tenant', TENANT_TRANSITIONS, 'active', 'suspended'],
    ['tenant', TENANT_TRANSITIONS, 'suspended', 'active'],
    ['user', USER_TRANSITIONS, 'active', 'deactivated'],
    ['user', USER_TRANSITIONS, 'deactivated', 'active'],
  ] as const)('lets a %s go from %s to %s', (_what, table, from, to) => {
    // Act + Assert
    expect(() => assertTransition(table as Record<string, readonly string[]>, 'It', from, to)).not.toThrow();
  });

  it.each([
    ['tenant', TENANT_TRANSITIONS, 'active', 'active', ['suspended']],
    ['tenant', TENANT_TRANSITIONS, 'suspended', 'suspended', ['active']],
    ['user', USER_TRANSITIONS, 'deactivated', 'deactivated', ['active']],
  ] as const)('refuses a %s moving from %s to %s with 409 and where it may go', (_what, table, from, to, next) => {
    // Act
    const error = thrownBy(() => assertTransition(table as Record<string, readonly string[]>, 'It', from, to));

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).extensions).toEqual({ currentStatus: from, allowedNextStatuses: next });
  });
});
