import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Summary, summarise } from './stats.ts';

const run = promisify(execFile);

/**
 * What a Lambda execution environment has at init: the function's own variables (dummy
 * values: nothing touches the network at module scope) and the runtime's AWS ones.
 * Nothing is inherited from this process (no NODE_OPTIONS, no tsx loader).
 */
export const COLD_ENV: Readonly<Record<string, string>> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  TABLE_NAME: 'bench-table',
  BUCKET_NAME: 'bench-bucket',
  STAGE: 'dev',
  ALLOWED_ORIGINS: 'https://app.example.test',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
};

/** Runs in the child: times only `await import(bundle)`, i.e. loading plus module-scope init. */
const CHILD = [
  'const started = performance.now();',
  'const mod = await import(process.argv[1]);',
  'const elapsed = performance.now() - started;',
  "if (typeof mod.handler !== 'function') throw new Error('no handler export');",
  'console.log(JSON.stringify({ ms: elapsed }));',
].join('\n');

const timeImport = async (file: string): Promise<number> => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(file).href], {
    env: { ...COLD_ENV },
    timeout: 30_000,
  });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const { ms } = JSON.parse(line) as { ms: number };
  return ms;
};

export interface ColdInitResult {
  name: string;
  file: string;
  summary: Summary;
}

/**
 * Cold init of each module over `runs` fresh `node` processes, round-robin so drift in
 * the machine's load spreads evenly, after `warmup` discarded rounds (file cache).
 * An empty module is measured alongside: the floor every bundle pays.
 */
export const measureColdInit = async (
  modules: readonly { name: string; file: string }[],
  workDir: string,
  { runs = 20, warmup = 2 } = {},
): Promise<{ empty: ColdInitResult; bundles: ColdInitResult[] }> => {
  const emptyFile = join(workDir, 'empty.mjs');
  await writeFile(emptyFile, 'export const handler = async () => ({ statusCode: 200 });\n');
  const all = [{ name: '(empty module)', file: emptyFile }, ...modules];
  const samples = new Map<string, number[]>(all.map((module) => [module.name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const module of all) {
      const elapsed = await timeImport(module.file);
      if (round >= warmup) samples.get(module.name)?.push(elapsed);
    }
  }
  const [empty, ...bundles] = all.map((module) => ({
    name: module.name,
    file: module.file,
    summary: summarise(samples.get(module.name) ?? []),
  }));
  if (!empty) throw new Error('unreachable');
  return { empty, bundles };
};
