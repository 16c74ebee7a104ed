import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { LAMBDA_ESBUILD_OPTIONS } from '../infra/constructs/bundling.ts';

/** The repository root (CDK bundles with `projectRoot` here, so esbuild resolves from here too). */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * The options CDK's house function bundles with (infra/constructs/bundling.ts, shared), plus
 * what NodejsFunction itself adds on the command line: `--bundle`, and no source map for
 * API functions. The AWS SDK is bundled; only `LAMBDA_ESBUILD_OPTIONS.external` is left out.
 */
export const HOUSE_ESBUILD_OPTIONS = {
  ...LAMBDA_ESBUILD_OPTIONS,
  mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
  external: [...LAMBDA_ESBUILD_OPTIONS.external],
  bundle: true,
  sourcemap: false,
} satisfies BuildOptions;

export interface InputShare {
  path: string;
  bytes: number;
}

export interface BundleResult {
  context: string;
  entry: string;
  outfile: string;
  bytes: number;
  gzipBytes: number;
  /** The five input files that put the most bytes into the minified output. */
  topInputs: InputShare[];
  /** The same, summed per npm package (workspace code counted as one "(workspace)" entry). */
  topPackages: InputShare[];
}

const packageOf = (path: string): string => {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return '(workspace)';
  const [scopeOrName = '', name = ''] = path.slice(at + 'node_modules/'.length).split('/');
  return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
};

const top = (entries: Iterable<[string, number]>, count: number): InputShare[] =>
  [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([path, bytes]) => ({ path, bytes }));

const outputOf = (metafile: Metafile): Metafile['outputs'][string] => {
  const output = Object.values(metafile.outputs)[0];
  if (!output) throw new Error('esbuild wrote no output');
  return output;
};

/** Bundles one context's HTTP handler as CDK does (the AWS SDK inside), into `outDir/<context>/index.mjs`. */
export const bundleContext = async (context: string, outDir: string): Promise<BundleResult> => {
  const entry = `functions/http/${context}/handler.ts`;
  const dir = join(outDir, context);
  await mkdir(dir, { recursive: true });
  const outfile = join(dir, 'index.mjs');
  const result = await build({
    ...HOUSE_ESBUILD_OPTIONS,
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    outfile,
    metafile: true,
    logLevel: 'error',
  });
  await writeFile(join(dir, 'index.meta.json'), JSON.stringify(result.metafile));
  const code = await readFile(outfile);
  const inputs = Object.entries(outputOf(result.metafile).inputs).map(
    ([path, { bytesInOutput }]) => [path, bytesInOutput] as [string, number],
  );
  const perPackage = new Map<string, number>();
  for (const [path, bytes] of inputs) perPackage.set(packageOf(path), (perPackage.get(packageOf(path)) ?? 0) + bytes);

  return {
    context,
    entry,
    outfile,
    bytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    topInputs: top(inputs, 5),
    topPackages: top(perPackage, 5),
  };
};
