import { idRange } from '../shared/ids.ts';
import type { EventType } from './catalogue.ts';
import { OutboxEventEntity, type OutboxEventItem } from './outbox.entity.ts';
import { relayEvents } from './relay.ts';

export interface ReplayRange {
  /** ISO times, inclusive: when the events occurred. */
  from: string;
  to: string;
  tenantId?: string;
  type?: EventType;
}

const DAY_MS = 86_400_000;

const daysOf = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let at = Date.parse(from.slice(0, 10)); at <= Date.parse(to); at += DAY_MS) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
};

/** The outbox events of a time range, oldest first, one day's partition after the other. */
export async function* eventsBetween(range: ReplayRange): AsyncGenerator<OutboxEventItem[]> {
  const { from, to } = idRange('event', range.from, range.to);
  for (const day of daysOf(range.from, range.to)) {
    let cursor: string | null = null;
    do {
      const page: { data: OutboxEventItem[]; cursor: string | null } = await OutboxEventEntity.query
        .byDay({ day })
        .between({ eventId: from ?? '' }, { eventId: to ?? '' })
        .go({ cursor, limit: 100 });
      const wanted = page.data.filter(
        (event) =>
          (range.tenantId === undefined || event.tenantId === range.tenantId) &&
          (range.type === undefined || event.type === range.type),
      );
      if (wanted.length) yield wanted;
      cursor = page.cursor;
    } while (cursor);
  }
}

export interface ReplayReport {
  found: number;
  sent: number;
  failed: string[];
}

/**
 * Sends the events of a range to their queue again: for an operator after the relay gave a
 * stream batch up (its alarm fired) or a consumer's bug was fixed. Consumers are idempotent
 * per event, so replaying a range wider than the loss re-delivers nothing twice.
 */
export const replayEvents = async (range: ReplayRange, options: { dryRun?: boolean } = {}): Promise<ReplayReport> => {
  const report: ReplayReport = { found: 0, sent: 0, failed: [] };
  for await (const events of eventsBetween(range)) {
    report.found += events.length;
    if (options.dryRun) continue;
    const { failed } = await relayEvents(events);
    report.sent += events.length - failed.size;
    report.failed.push(...failed);
  }
  return report;
};
