import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { guardChild } from './process-guard.ts';

const OUTPUT_TAIL = 4_000;
const STOP_GRACE_MS = 5_000;
const PROBE_TIMEOUT_MS = 1_000;

export interface SupervisedChild {
  /** What the child printed last (stdout and stderr), for error messages. */
  tail(): string;
  /**
   * Resolves once `probe` succeeds; fails with the child's output if it exits first, fails
   * to spawn, or does not answer within `timeoutMs`.
   */
  untilAnswering(probe: (signal: AbortSignal) => Promise<unknown>, timeoutMs: number): Promise<void>;
  /** `work`, unless the child dies first. */
  whileAlive<T>(work: Promise<T>): Promise<T>;
  /** SIGTERM, SIGKILL after a grace period; resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  /** How errors name the child: "DynamoDB Local", "cognito-local". */
  name: string;
  endpoint: string;
  port: number;
  /** Output that means the port was taken. */
  portInUse: RegExp;
  /** A clearer error for a failed spawn, e.g. a missing Java runtime. */
  spawnError?: (error: NodeJS.ErrnoException) => Error;
  /** Cleans the output before it goes into an error message (e.g. colour codes). */
  clean?: (output: string) => string;
}

/**
 * The life of an emulator's child process: its output kept for errors, a readiness probe
 * that gives up when the child dies, and a stop that waits until it is gone. The child is
 * guarded (process-guard.ts) so it dies with us, however we end.
 */
export const superviseChild = (child: ChildProcess, options: SuperviseOptions): SupervisedChild => {
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const tail = () => (options.clean ? options.clean(output) : output).trim();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const isRunning = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const release = guardChild(child);

  const died = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(options.spawnError?.(error) ?? new Error(`Could not start ${options.name}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      const inUse = options.portInUse.test(output) ? ` (port ${options.port} is already in use)` : '';
      reject(
        new Error(
          `${options.name} exited (${signal ?? `code ${code}`}) before it answered on ${options.endpoint}${inUse}:\n${tail()}`,
        ),
      );
    });
  });
  // Nobody may be listening when the child dies after it was ready; that is not unhandled.
  died.catch(() => {});

  const whileAlive = <T>(work: Promise<T>): Promise<T> => Promise.race([work, died]);

  const untilAnswering = async (probe: (signal: AbortSignal) => Promise<unknown>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    let alive = true;
    const poll = async () => {
      while (alive) {
        try {
          await probe(AbortSignal.timeout(PROBE_TIMEOUT_MS));
          return;
        } catch {
          if (Date.now() > deadline) {
            throw new Error(`${options.name} did not answer on ${options.endpoint} within ${timeoutMs} ms:\n${tail()}`);
          }
          await sleep(100);
        }
      }
    };
    try {
      await whileAlive(poll());
    } finally {
      alive = false;
    }
  };

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (isRunning()) {
        child.kill('SIGTERM');
        const graceful = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS, false)]);
        if (!graceful && isRunning()) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      await release();
    })();
    return stopping;
  };

  return { tail, untilAnswering, whileAlive, stop };
};
