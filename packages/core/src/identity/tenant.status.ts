import type { TransitionTable } from '../shared/state-machine.ts';
import type { TenantStatus } from './tenant.model.ts';

/** A suspended tenant keeps all its data; its users are refused until it is reactivated. */
export const TENANT_TRANSITIONS: TransitionTable<TenantStatus> = {
  active: ['suspended'],
  suspended: ['active'],
};
