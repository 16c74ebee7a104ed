import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onProcessExit } from './process-guard.ts';

/**
 * One local stack at a time per persist directory: two DynamoDB Local JVMs writing the same
 * SQLite file would corrupt it. Neither DynamoDB Local nor s3rver keeps a lock file of its
 * own (checked: a SIGKILLed DynamoDB Local leaves only `shared-local-instance.db`), so we keep
 * one, and a lock whose owner is gone never blocks a restart. If the crashed owner left its
 * DynamoDB Local running (recorded pid, still running the jar on this directory), we kill it.
 */

const LOCK_FILE = '.local-emulators.lock';

interface LockRecord {
  pid: number;
  dynamodbPid?: number;
  startedAt: string;
}

export interface PersistLock {
  recordDynamoDbPid(pid: number): Promise<void>;
  release(): Promise<void>;
}

const heldInThisProcess = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The command line of `pid`, or undefined when it cannot be read. */
const commandLine = (pid: number): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return undefined;
    }
  }
};

const readRecord = async (path: string): Promise<LockRecord | undefined> => {
  try {
    const record = JSON.parse(await readFile(path, 'utf8')) as Partial<LockRecord>;
    return typeof record.pid === 'number' ? (record as LockRecord) : undefined;
  } catch {
    return undefined;
  }
};

const killOrphan = async (pid: number, dbPath: string, log: (msg: string) => void) => {
  const command = commandLine(pid);
  if (!command?.includes('DynamoDBLocal.jar') || !command.includes(dbPath)) return;
  log(`Killing DynamoDB Local (pid ${pid}) left running on ${dbPath} by a crashed run`);
  process.kill(pid, 'SIGKILL');
  for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 50) await sleep(50);
};

export const acquirePersistLock = async (
  persistDir: string,
  dbPath: string,
  log: (msg: string) => void,
): Promise<PersistLock> => {
  const path = join(resolve(persistDir), LOCK_FILE);
  if (heldInThisProcess.has(path)) {
    throw new Error(`${persistDir} is already used by local emulators running in this process; stop them first.`);
  }
  let record: LockRecord = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(record));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const owner = await readRecord(path);
    if (
      owner &&
      owner.pid !== process.pid &&
      isAlive(owner.pid) &&
      (commandLine(owner.pid) ?? 'node').includes('node')
    ) {
      throw new Error(
        `${persistDir} is in use by another local stack (pid ${owner.pid}). Stop it first; if that process is not a local stack, delete ${path}.`,
      );
    }
    if (owner?.dynamodbPid !== undefined && isAlive(owner.dynamodbPid))
      await killOrphan(owner.dynamodbPid, dbPath, log);
    log(`Removing stale lock ${path} (owner pid ${owner?.pid ?? 'unknown'} is gone)`);
    await rm(path, { force: true });
  }
  heldInThisProcess.add(path);
  const forget = onProcessExit(() => rmSync(path, { force: true }));

  return {
    recordDynamoDbPid: async (dynamodbPid) => {
      record = { ...record, dynamodbPid };
      await writeFile(path, JSON.stringify(record));
    },
    release: async () => {
      if (!heldInThisProcess.delete(path)) return;
      forget();
      if ((await readRecord(path))?.pid === process.pid) await rm(path, { force: true });
    },
  };
};
