import type { Principal, StaffRole } from '@assist-ten/core/shared/principal';

/** A verified caller of the home tenant; override what a test is about. */
export const aPrincipal = (overrides: Partial<Principal> = {}): Principal => ({
  userId: 'usr_alice',
  tenantId: 'tnt_demo',
  email: 'alice@demo.test',
  roles: ['recruiter'] satisfies StaffRole[],
  requestId: 'req-test',
  ...overrides,
});

/**
 * Runs `act` and returns what it threw; fails the test if it returned normally, so an
 * assertion on the result always proves the throw happened.
 */
export function thrownBy(act: () => unknown): unknown;
/** With `orNothing`, returns undefined instead of failing when `act` returns normally. */
export function thrownBy(act: () => unknown, options: { orNothing: true }): unknown;
export function thrownBy(act: () => unknown, options: { orNothing?: boolean } = {}): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  if (options.orNothing) return undefined;
  throw new Error('Expected the call to throw, but it returned normally');
}
