import { eventWrite } from '../events/record.ts';
import type { Principal } from '../shared/principal.ts';
import { assertTransition } from '../shared/state-machine.ts';
import type { InterviewItem } from './interview.entity.ts';
import { calendarPayloadOf } from './interview.events.ts';
import { INTERVIEW_TRANSITIONS } from './interview.model.ts';
import { assertScheduler } from './interview.policy.ts';
import { actualDurationMinutes, assertOpen } from './interview.rules.ts';
import type { CancelInterview, Interview } from './interview.schema.ts';
import { AUDITED_AS, INTERVIEW_TRANSITION_ACTIONS, type InterviewTransitionAction } from './interview.status.ts';
import { type InterviewDecision, writeInterview } from './interview.writes.ts';

/**
 * The lifecycle: scheduled -> in_progress -> completed, or scheduled -> cancelled | no_show.
 * Each move is one versioned write of the interview and its calendar entries (their status
 * feeds the byStatus index and decides whether the time stays taken).
 */

type Decide = (current: InterviewItem, now: string) => Omit<InterviewDecision, 'action'>;

const transition = (
  actor: Principal,
  id: string,
  action: InterviewTransitionAction,
  expectedVersion: number | undefined,
  decide: Decide,
): Promise<Interview> =>
  // Loading it is the check for interviewers: they may run (not cancel) the interviews they sit in.
  writeInterview(actor, id, expectedVersion, (current, now) => {
    assertTransition(INTERVIEW_TRANSITIONS, 'An interview', current.status, INTERVIEW_TRANSITION_ACTIONS[action]);
    return { ...decide(current, now), action: AUDITED_AS[action] };
  });

/** It begins: no reminder is due any more. Not earlier than its opening, before the start. */
export const startInterview = (actor: Principal, id: string, expectedVersion?: number): Promise<Interview> =>
  transition(actor, id, 'start', expectedVersion, (current, now) => {
    assertOpen(current, now, 'started');
    return { set: { status: 'in_progress', startedAt: now }, reminder: null };
  });

export const completeInterview = (actor: Principal, id: string, expectedVersion?: number): Promise<Interview> =>
  transition(actor, id, 'complete', expectedVersion, (current, now) => ({
    set: {
      status: 'completed',
      endedAt: now,
      actualDurationMinutes: actualDurationMinutes(current.startedAt ?? now, now),
    },
  }));

/**
 * Called off: the participants' time is free again (a cancelled entry occupies nothing), the
 * reminder is withdrawn, and every participant gets a cancellation (a higher sequence).
 */
export const cancelInterview = (
  actor: Principal,
  id: string,
  input: CancelInterview,
  expectedVersion?: number,
): Promise<Interview> => {
  assertScheduler(actor);
  return transition(actor, id, 'cancel', expectedVersion, (current, now) => ({
    set: { status: 'cancelled', cancelledAt: now, cancelReason: input.reason, sequence: current.sequence + 1 },
    reminder: null,
    events: (next) => [eventWrite(actor, 'interview.cancelled', calendarPayloadOf(next))],
  }));
};

/** The candidate did not come: the slot stays taken (it was), and no reminder goes out. */
export const markNoShow = (actor: Principal, id: string, expectedVersion?: number): Promise<Interview> =>
  transition(actor, id, 'no_show', expectedVersion, (current, now) => {
    assertOpen(current, now, 'declared a no-show');
    return { set: { status: 'no_show', noShowAt: now }, reminder: null };
  });
