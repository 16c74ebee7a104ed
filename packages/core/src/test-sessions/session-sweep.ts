import { isoNow } from '../shared/clock.ts';
import { finishSession } from './session-finish.ts';
import { TestSessionEntity } from './test-session.entity.ts';
import { DEADLINE_GRACE_SECONDS, DUE_SHARDS } from './test-session.model.ts';

/** At most this many sessions per shard and run; a larger backlog is worked off by the next runs. */
export const SWEEP_BATCH = 100;

export interface SweepReport {
  due: number;
  submitted: number;
}

/**
 * Submits every open session whose deadline (plus the grace for late networks) passed: the
 * due index holds open sessions only, by deadline, so each shard is one Query of what is
 * due. A session the candidate submitted meanwhile is left as it is (finishSession's
 * condition), so the sweep and a late submit cannot both end it.
 */
export const sweepDueSessions = async (now: string = isoNow(), requestId = `sweep:${now}`): Promise<SweepReport> => {
  const cutoff = new Date(Date.parse(now) - DEADLINE_GRACE_SECONDS * 1000).toISOString();
  let due = 0;
  let submitted = 0;
  for (let shard = 0; shard < DUE_SHARDS; shard++) {
    const { data } = await TestSessionEntity.query
      .due({ dueShard: `s${shard}` })
      .lt({ deadline: cutoff })
      .go({ limit: SWEEP_BATCH });
    due += data.length;
    for (const session of data) {
      if (await finishSession(session, 'deadline', { now, requestId })) submitted++;
    }
  }
  return { due, submitted };
};
