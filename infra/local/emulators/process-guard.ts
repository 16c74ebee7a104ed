import { type ChildProcess, spawn } from 'node:child_process';
import { Socket } from 'node:net';

/**
 * Makes child processes (DynamoDB Local's JVM) die with this process, however it ends:
 *
 * - normal exit, `process.exit()`, an uncaught exception: the `exit` event kills them;
 * - SIGINT/SIGTERM/SIGHUP with no other listener: we kill them and re-raise the signal, so
 *   the default behaviour (the process dies) is kept. When the app listens itself (as
 *   `npm start` does, to call `stop()`), the app owns the shutdown and `exit` is the backstop;
 * - SIGKILL or a crash of Node itself, where no handler runs: a tiny `sh` watchdog per child
 *   blocks reading a pipe from us; the kernel closes the pipe when we die and the watchdog
 *   kills the child. Without it the JVM survives as an orphan holding its port and files.
 */

type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const runCleanups = () => {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // Best effort while the process goes away: one failing cleanup must not skip the others.
    }
  }
};

const onSignal = (signal: NodeJS.Signals) => {
  if (process.listenerCount(signal) > 1) return;
  runCleanups();
  uninstall();
  process.kill(process.pid, signal);
};

let installed = false;
const install = () => {
  if (installed) return;
  installed = true;
  process.on('exit', runCleanups);
  for (const signal of SIGNALS) process.on(signal, onSignal);
};
const uninstall = () => {
  if (!installed) return;
  installed = false;
  process.removeListener('exit', runCleanups);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
};

/** Runs `cleanup` synchronously if the process ends before the returned function is called. */
export const onProcessExit = (cleanup: Cleanup): (() => void) => {
  cleanups.add(cleanup);
  install();
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) uninstall();
  };
};

const startWatchdog = (pid: number): ChildProcess | undefined => {
  if (process.platform === 'win32') return undefined;
  // `read` returns at end of file, i.e. when the last writer of the pipe (this process) is gone.
  const watchdog = spawn('sh', ['-c', 'read -r _ ; kill -9 "$1" 2>/dev/null', 'assist-ten-watchdog', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => {
    // No `sh`: the exit and signal handlers still cover everything but SIGKILL.
  });
  watchdog.once('exit', () => watchdog.stdin?.destroy());
  watchdog.unref();
  if (watchdog.stdin instanceof Socket) watchdog.stdin.unref();
  return watchdog;
};

/**
 * Ties `child` to this process (see above). Returns `release`, to call once the child has
 * been stopped on purpose: it drops the handlers and stops the watchdog, resolving once it is gone.
 */
export const guardChild = (child: ChildProcess): (() => Promise<void>) => {
  const pid = child.pid;
  if (pid === undefined) return async () => {};
  const watchdog = startWatchdog(pid);
  const watchdogGone = watchdog
    ? new Promise<void>((resolve) => {
        watchdog.once('exit', () => resolve());
        watchdog.once('error', () => resolve());
      })
    : Promise.resolve();
  const stopWatchdog = () => {
    // Killed, not closed: closing its pipe would make it kill `pid`, which may be reused by then.
    if (watchdog && watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
  };
  const unregister = onProcessExit(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    stopWatchdog();
  });
  return async () => {
    unregister();
    stopWatchdog();
    await watchdogGone;
  };
};
