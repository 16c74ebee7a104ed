import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { HOUSE_ESBUILD_OPTIONS, REPO_ROOT } from './bundle.ts';

export interface CdkFunctionFacts {
  stage: string;
  context: string;
  /** NODE_OPTIONS in the function's environment. */
  nodeOptions: string;
  enableSourceMaps: boolean;
  /** Bytes of the index.mjs CDK itself bundled (dev stage only). */
  cdkBundleBytes?: number;
  /** Whether esbuild with bench/bundle.ts's options, run right after CDK's build, gives the same bytes. */
  mirrorIdentical?: boolean;
}

export interface CdkCheck {
  functions: CdkFunctionFacts[];
  error?: string;
}

type Resolvable = { node: { defaultChild?: unknown } };

/**
 * Builds the real CDK app in-process, as `infra/app.ts` does (no synth, so no cdk-nag run):
 * dev with bundling on, into a temporary cloud assembly, to get the bundles CDK makes;
 * prod with bundling skipped. Reads each API function's NODE_OPTIONS. Report only.
 */
export const inspectCdkFunctions = async (): Promise<CdkCheck> => {
  const outdir = await mkdtemp(join(tmpdir(), 'assist-ten-bench-cdk-'));
  try {
    const { App, Stack } = await import('aws-cdk-lib');
    const { addAssistTen } = await import('../infra/stacks/assist-ten-app.ts');
    const cdkJson = JSON.parse(await readFile(new URL('../cdk.json', import.meta.url), 'utf8')) as {
      context?: Record<string, unknown>;
    };
    const functions: CdkFunctionFacts[] = [];
    for (const stage of ['dev', 'prod'] as const) {
      const bundle = stage === 'dev';
      const app = new App({
        outdir: join(outdir, stage),
        context: {
          ...cdkJson.context,
          stage,
          ...(stage === 'prod'
            ? { allowedOrigins: 'https://app.assist-ten.example', emailFrom: 'notifications@assist-ten.example' }
            : {}),
          ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
        },
      });
      const stack = addAssistTen(app, {});
      for (const [context, fn] of stack.api.functions) {
        const cfn = (fn.function as Resolvable).node.defaultChild as
          | { environment?: unknown; code?: unknown }
          | undefined;
        const environment = Stack.of(fn).resolve(cfn?.environment) as { variables?: Record<string, unknown> };
        const nodeOptions = String(environment?.variables?.NODE_OPTIONS ?? '');
        const facts: CdkFunctionFacts = {
          stage,
          context,
          nodeOptions,
          enableSourceMaps: nodeOptions.includes('--enable-source-maps'),
        };
        if (bundle) {
          const code = Stack.of(fn).resolve(cfn?.code) as { s3Key?: string };
          const hash = code.s3Key?.replace(/\.zip$/, '');
          const assetDir = join(outdir, stage, `asset.${hash}`);
          const files = await readdir(assetDir);
          if (files.includes('index.mjs')) {
            const cdkBundle = await readFile(join(assetDir, 'index.mjs'));
            facts.cdkBundleBytes = cdkBundle.length;
            // Right after CDK's build, so a source edit in between is unlikely to fake a drift.
            const ours = await build({
              ...HOUSE_ESBUILD_OPTIONS,
              absWorkingDir: REPO_ROOT,
              entryPoints: [`functions/http/${context}/handler.ts`],
              outfile: join(outdir, 'mirror', context, 'index.mjs'),
              write: false,
              logLevel: 'error',
            });
            facts.mirrorIdentical = Buffer.from(ours.outputFiles[0]?.contents ?? []).equals(cdkBundle);
          }
        }
        functions.push(facts);
      }
    }
    return { functions };
  } catch (error) {
    return { functions: [], error: error instanceof Error ? error.message : String(error) };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
};

// Run as a script (`tsx bench/cdk-check.ts`), it prints its facts as JSON on the last line:
// run.ts runs it in a child so CDK's bundling output and aws-cdk-lib stay out of the bench process.
if (import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await inspectCdkFunctions()));
}
