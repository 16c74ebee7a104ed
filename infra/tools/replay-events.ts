import { parseArgs } from 'node:util';
import { EVENT_TYPES, type EventType } from '@assist-ten/core/events/catalogue';

/**
 * `npm run events:replay -- --from 2026-11-24T02:00Z --to 2026-11-24T03:30Z [--tenant tnt_...]
 * [--type interview.scheduled] [--dry-run]`: sends the outbox events of a time range (at most
 * 7 days back) to the notifications queue again, e.g. after the table stream's failure alarm.
 * Needs the stage's TABLE_NAME, NOTIFICATIONS_QUEUE_URL and AWS_REGION (stack outputs) and
 * credentials allowed to query the table and send to the queue. Consumers are idempotent per
 * event, so a range wider than the loss is safe.
 */
const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    tenant: { type: 'string' },
    type: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const time = (name: 'from' | 'to'): string => {
  const value = values[name];
  if (value === undefined || Number.isNaN(Date.parse(value)))
    fail(`--${name} must be an ISO time, e.g. 2026-11-24T02:00Z`);
  return new Date(Date.parse(value ?? '')).toISOString();
};
const isEventType = (value: string): value is EventType => EVENT_TYPES.some((type) => type === value);

const from = time('from');
const to = time('to');
if (from > to) fail('--from must not be after --to');
if (values.type !== undefined && !isEventType(values.type)) fail(`--type must be one of ${EVENT_TYPES.join(', ')}`);
const type = values.type !== undefined && isEventType(values.type) ? values.type : undefined;

const { replayEvents } = await import('@assist-ten/core/events/replay');
const report = await replayEvents(
  { from, to, ...(values.tenant ? { tenantId: values.tenant } : {}), ...(type ? { type } : {}) },
  { dryRun: values['dry-run'] },
).catch((error: unknown) => fail(`Replay failed: ${error instanceof Error ? error.message : String(error)}`));
console.log(
  values['dry-run']
    ? `${report.found} events between ${from} and ${to} would be sent again.`
    : `${report.found} events found, ${report.sent} sent again${report.failed.length ? `, not sent: ${report.failed.join(', ')}` : ''}.`,
);
if (report.failed.length) process.exit(1);
