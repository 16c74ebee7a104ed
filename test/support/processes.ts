import { execFileSync } from 'node:child_process';

/** Whether a process with this pid exists (signal 0 only checks). */
export const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Command lines of this process's child processes (but the `ps` that lists them). */
export const childCommands = (): string[] =>
  execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((match) => match !== null && Number(match[2]) === process.pid && !match[3]?.startsWith('ps '))
    .map((match) => match?.[3] ?? '');
