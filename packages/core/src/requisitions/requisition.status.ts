import type { TransitionTable } from '../shared/state-machine.ts';
import type { RequisitionStatus } from './requisition.model.ts';

/**
 * The requisition lifecycle. `draft` is private to the hiring team; `open` is live;
 * `paused` stops new applications without losing the pipeline; the last three are final.
 */
export const REQUISITION_TRANSITIONS: TransitionTable<RequisitionStatus> = {
  draft: ['open', 'cancelled'],
  open: ['paused', 'closed', 'filled', 'cancelled'],
  paused: ['open', 'closed', 'filled', 'cancelled'],
  closed: [],
  filled: [],
  cancelled: [],
};

/** The API's transition actions and the status each one moves to. */
export const REQUISITION_ACTIONS = {
  publish: 'open',
  pause: 'paused',
  resume: 'open',
  close: 'closed',
  fill: 'filled',
  cancel: 'cancelled',
} as const satisfies Record<string, RequisitionStatus>;

export type RequisitionAction = keyof typeof REQUISITION_ACTIONS;

/** `publish` only starts a draft and `resume` only restarts a paused requisition. */
export const ACTION_SOURCES: Partial<Record<RequisitionAction, readonly RequisitionStatus[]>> = {
  publish: ['draft'],
  resume: ['paused'],
};

/** The actions a requisition in `status` accepts, for error messages and UIs. */
export const actionsFrom = (status: RequisitionStatus): RequisitionAction[] =>
  (Object.keys(REQUISITION_ACTIONS) as RequisitionAction[]).filter(
    (action) =>
      REQUISITION_TRANSITIONS[status].includes(REQUISITION_ACTIONS[action]) &&
      (ACTION_SOURCES[action]?.includes(status) ?? true),
  );
