import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import type { ProctoringSeverity } from './proctoring.model.ts';
import { assertProctoringReviewer } from './proctoring.policy.ts';
import { ProctoringEventEntity } from './proctoring-event.entity.ts';
import type { ProctoringEvent } from './proctoring-event.schema.ts';
import { toProctoringEvent } from './proctoring-event.view.ts';
import type { ListProctoringEvents } from './review.schema.ts';
import {
  decodeWalkCursor,
  encodeWalkCursor,
  justAfter,
  type ListPlan,
  planFor,
  type Residual,
  type TimeRange,
} from './review-list.plan.ts';

/** What a filter expression needs of ElectroDB's `where` (method syntax: every query's callback fits). */
interface FilterOperations {
  eq(attribute: unknown, value: unknown): string;
  gte(attribute: unknown, value: unknown): string;
  lte(attribute: unknown, value: unknown): string;
}
type FilteredAttributes = Record<'reviewStatus' | 'severity' | 'eventType' | 'flagged' | 'detectedAt', unknown>;

/** The residual filters as one filter expression (empty: none). */
const residualFilter =
  (residual: Residual) =>
  (attributes: FilteredAttributes, { eq, gte, lte }: FilterOperations): string =>
    [
      residual.reviewStatus === undefined ? '' : eq(attributes.reviewStatus, residual.reviewStatus),
      residual.severity === undefined ? '' : eq(attributes.severity, residual.severity),
      residual.eventType === undefined ? '' : eq(attributes.eventType, residual.eventType),
      residual.flagged === undefined ? '' : eq(attributes.flagged, residual.flagged),
      residual.from === undefined ? '' : gte(attributes.detectedAt, residual.from),
      residual.to === undefined ? '' : lte(attributes.detectedAt, residual.to),
    ]
      .filter(Boolean)
      .join(' AND ');

/** What `ranged` needs of a query whose sort key starts with detectedAt. */
interface RangeableQuery<Q> {
  between(start: { detectedAt: string }, end: { detectedAt: string }): Q;
}

/** Bounds below and above every ISO time: an open end stays within the entity's own keys (a session's snapshots share its partition). */
const EARLIEST = '0';
const LATEST = '~';

/** A time range as a key range: `to` is inclusive, and sort keys go on past the time. */
const ranged = <Q>(query: Q & RangeableQuery<Q>, { from, to }: TimeRange): Q =>
  from === undefined && to === undefined
    ? query
    : query.between({ detectedAt: from ?? EARLIEST }, { detectedAt: to === undefined ? LATEST : justAfter(to) });

type Paging = { limit: number; cursor?: string | undefined };

/** The one partition of a tenant's review queue: what evaluation sets `reviewQueue` to for a flagged, pending event. */
const IN_QUEUE = 'pending';

const sessionTimeline = (tenantId: string, plan: Extract<ListPlan, { index: 'bySession' }>, paging: Paging) =>
  pageOf(
    ranged(ProctoringEventEntity.query.bySession({ tenantId, testSessionId: plan.testSessionId }), plan.range).where(
      residualFilter(plan.residual),
    ),
    'gsi1pk',
    { ...paging, order: plan.order },
    toProctoringEvent,
  );

const reviewQueue = (tenantId: string, plan: Extract<ListPlan, { index: 'reviewQueue' }>, paging: Paging) =>
  pageOf(
    ProctoringEventEntity.query
      .reviewQueue({
        tenantId,
        reviewQueue: IN_QUEUE,
        ...(plan.severityRank === undefined ? {} : { severityRank: plan.severityRank }),
      })
      .where(residualFilter(plan.residual)),
    'gsi2pk',
    { ...paging, order: plan.order },
    toProctoringEvent,
  );

const statusPartition = (
  tenantId: string,
  plan: Extract<ListPlan, { index: 'byStatus' }>,
  severity: ProctoringSeverity,
  paging: Paging,
) =>
  pageOf(
    ranged(
      ProctoringEventEntity.query.byStatus({ tenantId, reviewStatus: plan.reviewStatus, severity }),
      plan.range,
    ).where(residualFilter(plan.residual)),
    'gsi3pk',
    { ...paging, order: plan.order },
    toProctoringEvent,
  );

/**
 * The byStatus partitions in turn, worst first, until the page is full. The cursor names the
 * partition it stopped in and the page cursor within it; a page that filled up exactly at
 * the end of a partition points at the start of the next one.
 */
const statusWalk = async (
  tenantId: string,
  plan: Extract<ListPlan, { index: 'byStatus' }>,
  { limit, cursor }: Paging,
): Promise<Page<ProctoringEvent>> => {
  const start = cursor === undefined ? undefined : decodeWalkCursor(cursor, plan.severities);
  const first = start ? plan.severities.indexOf(start.severity) : 0;
  const items: ProctoringEvent[] = [];
  for (let at = first; at < plan.severities.length; at++) {
    const severity = plan.severities[at] as ProctoringSeverity;
    const within = at === first ? (start?.cursor ?? undefined) : undefined;
    const page = await statusPartition(tenantId, plan, severity, { limit: limit - items.length, cursor: within });
    items.push(...page.items);
    if (page.nextCursor) return { items, nextCursor: encodeWalkCursor({ severity, cursor: page.nextCursor }) };
    const next = plan.severities[at + 1];
    if (items.length >= limit) {
      return { items, nextCursor: next ? encodeWalkCursor({ severity: next, cursor: null }) : null };
    }
  }
  return { items, nextCursor: null };
};

/**
 * The reviewers' list of events, from the one index its filters call for (review-list.plan.ts).
 * The tenant is the caller's: it is the first composite of every index's partition.
 */
export const listProctoringEvents = async (
  actor: Principal,
  input: ListProctoringEvents,
): Promise<Page<ProctoringEvent>> => {
  assertProctoringReviewer(actor);
  const { limit, cursor, ...filters } = input;
  const plan = planFor(filters);
  const paging = { limit, cursor };
  switch (plan.index) {
    case 'bySession':
      return sessionTimeline(actor.tenantId, plan, paging);
    case 'reviewQueue':
      return reviewQueue(actor.tenantId, plan, paging);
    case 'byStatus':
      return statusWalk(actor.tenantId, plan, paging);
  }
};

/** A session's timeline from its start, for the session review (its cursor pages on through this list). */
export const sessionTimelinePage = (tenantId: string, testSessionId: string, limit: number) =>
  sessionTimeline(tenantId, planFor({ testSessionId }) as Extract<ListPlan, { index: 'bySession' }>, { limit });
