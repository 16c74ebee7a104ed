import type { TransitionTable } from '../shared/state-machine.ts';
import type { UserStatus } from './user.model.ts';

/** Users are never deleted: their name stays on what they did; a deactivated user can be brought back. */
export const USER_TRANSITIONS: TransitionTable<UserStatus> = {
  active: ['deactivated'],
  deactivated: ['active'],
};
