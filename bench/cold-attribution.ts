import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { HOUSE_ESBUILD_OPTIONS, REPO_ROOT } from './bundle.ts';
import { measureColdInit } from './cold-init.ts';

/**
 * `npx tsx bench/cold-attribution.ts`: where the requisitions handler's cold init goes.
 * Bundles slices of its dependency graph with the house options (SDK bundled) and times
 * each the way the bench does. Not part of `npm run bench`; docs/benchmarks.md quotes it.
 */
const SLICES: Record<string, string> = {
  'DynamoDB DocumentClient (SDK)': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
    import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({})); export const handler = () => client;`,
  'SDK + ElectroDB RequisitionEntity': `import { RequisitionEntity } from '@assist-ten/core/requisitions/requisition.entity';
    export const handler = () => RequisitionEntity;`,
  'SDK + ElectroDB IdempotencyRecordEntity': `import { IdempotencyRecordEntity } from '@assist-ten/core/shared/idempotency.entity';
    export const handler = () => IdempotencyRecordEntity;`,
  'lambda-kit createHttpHandler (no routes)': `import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
    export const handler = createHttpHandler([], {});`,
  'Powertools logger': `import { Logger } from '@aws-lambda-powertools/logger'; const logger = new Logger();
    export const handler = () => logger;`,
  'middy + 3 http middlewares': `import middy from '@middy/core'; import cors from '@middy/http-cors';
    import normalizer from '@middy/http-header-normalizer'; import security from '@middy/http-security-headers';
    export const handler = middy().use(normalizer()).use(security()).use(cors()).handler(async () => ({}));`,
  'lambda-kit metrics (Powertools Metrics)': `import { metrics } from '@assist-ten/lambda-kit/metrics';
    export const handler = () => metrics;`,
  'identity gate (TenantEntity + UserEntity)': `import { resolvePrincipal } from '@assist-ten/core/identity/access';
    export const handler = () => resolvePrincipal;`,
  'metric service (active users)': `import { recordActiveUser } from '@assist-ten/core/platform/metric.service';
    export const handler = () => recordActiveUser;`,
  'route table (zod/mini schemas)': `import { routes } from './functions/routes.ts'; export const handler = () => routes;`,
  'zod classic, one object schema': `import * as z from 'zod'; const schema = z.object({ a: z.string() });
    export const handler = () => schema;`,
  'zod/mini, one object schema': `import * as z from 'zod/mini'; const schema = z.object({ a: z.string() });
    export const handler = () => schema;`,
  'requisitions handler (whole)': `export { handler } from './functions/http/requisitions/handler.ts';`,
};

const workDir = await mkdtemp(join(tmpdir(), 'assist-ten-attribution-'));
try {
  const modules: { name: string; file: string }[] = [];
  for (const [index, [name, contents]] of Object.entries(SLICES).entries()) {
    const dir = join(workDir, String(index));
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'index.mjs');
    await build({
      ...HOUSE_ESBUILD_OPTIONS,
      stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: `slice-${index}.ts` },
      outfile: file,
      logLevel: 'error',
    });
    modules.push({ name, file });
  }
  const runs = Number(process.argv[2] ?? 15);
  const { empty, bundles } = await measureColdInit(modules, workDir, { runs });
  const { statSync } = await import('node:fs');
  console.log(
    `cold init p50 over ${runs} fresh node ${process.version} processes (empty module: ${empty.summary.p50} ms)`,
  );
  for (const result of bundles) {
    const bytes = statSync(result.file).size;
    console.log(
      `${result.name.padEnd(38)} ${result.summary.p50.toFixed(1).padStart(7)} ms  ${(bytes / 1024).toFixed(0).padStart(5)} KB`,
    );
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}
