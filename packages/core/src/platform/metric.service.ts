import { TenantEntity } from '../identity/tenant.entity.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { hasAnyRole, type Principal } from '../shared/principal.ts';
import { put, type TransactionWrite, transactWrite, update } from '../shared/transaction.ts';
import { PLATFORM_SCOPE } from '../shared/unique.entity.ts';
import { ActiveUserMarkEntity, SystemMetricEntity } from './metric.entity.ts';
import {
  ACTIVE_USER_MARK_DAYS,
  type Day,
  dayOf,
  expiryOf,
  METRIC_RETENTION_DAYS,
  type MetricName,
  type MetricPoint,
  PLATFORM_SHARDS,
  seriesRange,
  TENANT_SHARD,
  zeroFilledSeries,
} from './metric.model.ts';
import type { MetricSeries, MetricSeriesFilters } from './metric.schema.ts';

const counterWrite = (scope: string, shard: number, name: MetricName, day: Day, delta: number): TransactionWrite =>
  update(
    SystemMetricEntity.update({ scope, name, shard, day })
      .add({ value: delta })
      .set({ expiresAt: expiryOf(day, METRIC_RETENTION_DAYS) })
      .params(),
  );

const randomShard = (): number => Math.floor(Math.random() * PLATFORM_SHARDS);

/**
 * The counter updates of one counted event, for the caller's own `transactWrite`: the
 * tenant's counter and one random shard of the platform's. They commit or fail with the
 * change they count. A transaction may touch an item once, so count one metric once per
 * transaction (pass `delta` for several).
 *
 * @param at when it happened (ISO), which picks the UTC day; defaults to now
 */
export const metricWrites = (
  tenantId: string,
  name: MetricName,
  delta = 1,
  at: string = isoNow(),
): TransactionWrite[] => {
  const day = dayOf(at);
  return [
    counterWrite(tenantId, TENANT_SHARD, name, day, delta),
    counterWrite(PLATFORM_SCOPE, randomShard(), name, day, delta),
  ];
};

/**
 * Users this process already counted today: a warm Lambda writes once per user and day,
 * not on every request. Bounded: past the limit the oldest entries are forgotten, which
 * costs one more (idempotent) write, never a double count.
 */
const REMEMBERED_USERS = 10_000;
let rememberedDay: Day | undefined;
const remembered = new Set<string>();

const isRemembered = (day: Day, user: string): boolean => day === rememberedDay && remembered.has(user);

const remember = (day: Day, user: string): void => {
  if (day !== rememberedDay) {
    remembered.clear();
    rememberedDay = day;
  }
  if (remembered.size >= REMEMBERED_USERS) {
    const oldest = remembered.values().next().value;
    if (oldest !== undefined) remembered.delete(oldest);
  }
  remembered.add(user);
};

/** Raised by the marker's own condition: the user was counted today already. */
class AlreadyCountedError extends Error {}

export interface RecordActiveUserOptions {
  clock?: Clock;
  /** Gets a failure to count (e.g. throttling), for the caller to log; the request goes on. */
  onFailure?: (error: unknown) => void;
}

/**
 * Counts the caller in today's `active_users`, once per user and day: a conditional put
 * of today's marker and the two counter updates, in one transaction, so two racing first
 * requests count once and a failed write counts nothing.
 *
 * Contract: never rejects. Counting is bookkeeping, and a failure to count must not fail
 * the request being served; it goes to `onFailure` (core has no logger: the caller owns
 * logging). Await it, or the Lambda may freeze before the write is sent.
 */
export const recordActiveUser = async (principal: Principal, options: RecordActiveUserOptions = {}): Promise<void> => {
  const at = isoNow(options.clock);
  const day = dayOf(at);
  const user = `${principal.tenantId}|${principal.userId}`;
  if (isRemembered(day, user)) return;
  const mark = ActiveUserMarkEntity.create({
    tenantId: principal.tenantId,
    day,
    userId: principal.userId,
    expiresAt: expiryOf(day, ACTIVE_USER_MARK_DAYS),
  });
  try {
    await transactWrite([
      put(mark.params(), () => new AlreadyCountedError()),
      ...metricWrites(principal.tenantId, 'active_users', 1, at),
    ]);
    remember(day, user);
  } catch (error) {
    if (error instanceof AlreadyCountedError) remember(day, user);
    else options.onFailure?.(error);
  }
};

const countsOf = async (scope: string, name: MetricName, shard: number, from: Day, to: Day): Promise<MetricPoint[]> => {
  const { data } = await SystemMetricEntity.query
    .series({ scope, name, shard })
    .between({ day: from }, { day: to })
    .go({ pages: 'all', attributes: ['day', 'value'] });
  return data;
};

const platformCounts = async (name: MetricName, from: Day, to: Day): Promise<MetricPoint[]> => {
  const shards = Array.from({ length: PLATFORM_SHARDS }, (_, shard) => countsOf(PLATFORM_SCOPE, name, shard, from, to));
  return (await Promise.all(shards)).flat();
};

const tenantCounts = async (tenantId: string, name: MetricName, from: Day, to: Day): Promise<MetricPoint[]> => {
  const [tenant, counts] = await Promise.all([
    TenantEntity.get({ tenantId }).go({ attributes: ['tenantId'] }),
    countsOf(tenantId, name, TENANT_SHARD, from, to),
  ]);
  // A mistyped id would otherwise chart as a tenant that did nothing.
  if (!tenant.data) throw new NotFoundError(`Tenant ${tenantId} was not found.`);
  return counts;
};

/** One metric per day over a range, for a tenant or (summing the shards) the whole platform. */
export const getMetricSeries = async (
  actor: Principal,
  { name, tenantId, ...range }: MetricSeriesFilters,
  clock: Clock = systemClock,
): Promise<MetricSeries> => {
  if (!hasAnyRole(actor, ['superadmin'])) throw new ForbiddenError('Only the superadmin reads usage metrics.');
  const { from, to } = seriesRange(range, dayOf(clock.now()));
  const counts =
    tenantId === undefined ? await platformCounts(name, from, to) : await tenantCounts(tenantId, name, from, to);
  return { name, scope: tenantId ?? 'platform', from, to, points: zeroFilledSeries(from, to, counts) };
};
