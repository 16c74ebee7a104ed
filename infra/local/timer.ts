import type { ScheduledEvent } from 'aws-lambda';
import { lambdaContext } from './gateway.ts';

export type ScheduledLambda = (event: ScheduledEvent, context: unknown) => Promise<unknown>;

export interface TimerOptions {
  name: string;
  intervalMs: number;
  handler: () => Promise<ScheduledLambda>;
  log?: (line: string) => void;
}

/**
 * What an EventBridge schedule does: invoke the function with a scheduled event, again and
 * again. A run never overlaps the previous one, and a failed run is logged and left to the
 * next, as the rule (no retries) leaves it on AWS.
 */
export const startTimer = (options: TimerOptions): { stop(): Promise<void> } => {
  const log = options.log ?? (() => undefined);
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const runOnce = async (): Promise<void> => {
    const time = new Date().toISOString();
    const event: ScheduledEvent = {
      version: '0',
      id: `local-${time}`,
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time,
      region: 'us-east-1',
      resources: [`arn:aws:events:us-east-1:000000000000:rule/${options.name}`],
      detail: {},
    };
    try {
      await (await options.handler())(event, lambdaContext(options.name, event.id));
    } catch (error) {
      log(`${options.name}: run failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().finally(schedule);
    }, options.intervalMs);
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
