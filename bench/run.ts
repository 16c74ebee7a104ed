import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';

// Before any handler module loads: Powertools reads it when the logger is created.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import { type BundleResult, bundleContext, HOUSE_ESBUILD_OPTIONS, REPO_ROOT } from './bundle.ts';
import type { CdkCheck } from './cdk-check.ts';
import { measureColdInit } from './cold-init.ts';
import type { DynamoRequest } from './ddb-counter.ts';
import { atMost, type Metric, printTable, reported } from './report.ts';
import { CALLS, type Call } from './requisition-calls.ts';
import { percentile, round } from './stats.ts';

/**
 * `npm run bench`: bundle size, cold init, warm latency and DynamoDB requests per call,
 * measured on this machine against DynamoDB Local. Prints a table, writes
 * bench/results.json, and exits 1 naming every missed budget. See docs/benchmarks.md.
 */
const { values: options } = parseArgs({
  options: {
    iterations: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '50' },
    'cold-runs': { type: 'string', default: '20' },
    pages: { type: 'string', default: '5' },
    out: { type: 'string', default: join(REPO_ROOT, 'bench', 'results.json') },
  },
});
const iterations = Number(options.iterations);
const warmup = Number(options.warmup);
const coldRuns = Number(options['cold-runs']);

/** The budgets, in one place. */
const BUDGET = {
  requisitionsBundleBytes: 700 * 1024,
  coldInitP50Ms: 150,
  /** Time a warm handler spends outside DynamoDB: parsing, the route, the middleware, the view. */
  handlerOutsideDynamoP50Ms: 3,
  p99OverP50: 3,
} as const;

/**
 * The DynamoDB requests each call may make (no Idempotency-Key on create): the access gate's
 * two reads of the caller's tenant and user (docs/identity.md), then the call's own request.
 */
const GATE: readonly string[] = ['GetItemCommand', 'GetItemCommand'];
const EXPECTED_REQUESTS: Record<Call, readonly string[]> = {
  create: [...GATE, 'TransactWriteItemsCommand'],
  get: [...GATE, 'GetItemCommand'],
  list: [...GATE, 'QueryCommand'],
};

const started = performance.now();
const loadAtStart = loadavg().map((value) => round(value));
const workDir = await mkdtemp(join(tmpdir(), 'assist-ten-bench-'));
const metrics: Metric[] = [];
const details: Record<string, unknown> = {};
/** The 1-minute load average as each phase starts: other processes on this machine skew every timing. */
const phaseLoad: Record<string, number> = {};
const step = (title: string) => {
  phaseLoad[title.split(':')[0] ?? title] = round(loadavg()[0] ?? 0);
  console.log(`bench: ${title} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
};

try {
  // 1. Bundle size per Lambda, as CDK bundles it but with the AWS SDK inside.
  step('bundling each HTTP context with esbuild');
  const { CONTEXTS } = await import('../functions/routes.ts');
  const bundles: BundleResult[] = [];
  for (const context of CONTEXTS) bundles.push(await bundleContext(context, workDir));
  for (const bundle of bundles) {
    const label = `bundle ${bundle.context}: minified`;
    metrics.push(
      bundle.context === 'requisitions'
        ? atMost(
            `bundle.${bundle.context}.bytes`,
            label,
            bundle.bytes,
            'bytes',
            BUDGET.requisitionsBundleBytes,
            '<= 700 KB (716,800 B)',
          )
        : reported(`bundle.${bundle.context}.bytes`, label, bundle.bytes, 'bytes'),
      reported(`bundle.${bundle.context}.gzipBytes`, `bundle ${bundle.context}: gzipped`, bundle.gzipBytes, 'bytes'),
    );
  }
  details.bundles = bundles.map(({ outfile: _outfile, ...rest }) => rest);
  details.esbuildOptions = {
    ...HOUSE_ESBUILD_OPTIONS,
    from: 'LAMBDA_ESBUILD_OPTIONS in infra/constructs/bundling.ts (shared with the CDK house function) + bundle: true',
  };

  // 2. Cold init: fresh node processes importing each bundle.
  step(`cold init: ${coldRuns} fresh node processes per bundle`);
  const cold = await measureColdInit(
    bundles.map((bundle) => ({ name: bundle.context, file: bundle.outfile })),
    workDir,
    { runs: coldRuns },
  );
  metrics.push(
    reported('coldInit.empty.p50', 'cold init (empty module): p50', cold.empty.summary.p50, 'ms'),
    reported('coldInit.empty.p90', 'cold init (empty module): p90', cold.empty.summary.p90, 'ms'),
  );
  for (const result of cold.bundles) {
    metrics.push(
      atMost(
        `coldInit.${result.name}.p50`,
        `cold init ${result.name}: p50`,
        result.summary.p50,
        'ms',
        BUDGET.coldInitP50Ms,
        `<= ${BUDGET.coldInitP50Ms} ms`,
      ),
      reported(`coldInit.${result.name}.p90`, `cold init ${result.name}: p90`, result.summary.p90, 'ms'),
    );
  }
  details.coldInit = {
    node: process.execPath,
    runs: coldRuns,
    empty: cold.empty.summary,
    ...Object.fromEntries(cold.bundles.map((result) => [result.name, result.summary])),
  };

  // 5. What CDK builds: NODE_OPTIONS of each API function, and its own bundle (mirror check).
  step('reading the CDK app (NODE_OPTIONS, CDK-built bundles)');
  const cdk = await inspectCdk();
  details.cdk = cdk;
  const sourceMapped = cdk.functions.filter((fn) => fn.enableSourceMaps);
  metrics.push(
    reported(
      'sourceMaps.apiFunctionsWithEnableSourceMaps',
      `API functions with --enable-source-maps (of ${cdk.functions.length})`,
      cdk.error ? null : sourceMapped.length,
      'count',
      cdk.error ?? (sourceMapped.map((fn) => `${fn.stage}/${fn.context}`).join(', ') || undefined),
    ),
  );
  for (const fn of cdk.functions.filter((facts) => facts.cdkBundleBytes !== undefined)) {
    metrics.push(
      reported(
        `cdk.${fn.context}.bundleBytes`,
        `bundle ${fn.context}: as CDK builds it today`,
        fn.cdkBundleBytes ?? null,
        'bytes',
        fn.mirrorIdentical
          ? 'byte-identical to the bundle this bench measures'
          : 'DIFFERS from the bundle this bench measures: the house function bundles with options that bench/bundle.ts does not use',
      ),
    );
  }

  // 3 + 4. Warm latency and DynamoDB requests per call, against DynamoDB Local.
  step('starting the emulators (DynamoDB Local, S3, SQS) and the local gateway');
  await measureAgainstLocalCloud();
} finally {
  await rm(workDir, { recursive: true, force: true });
}

async function inspectCdk(): Promise<CdkCheck> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/cdk-check.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 120_000,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as CdkCheck;
  } catch (error) {
    return { functions: [], error: error instanceof Error ? error.message : String(error) };
  }
}

async function measureAgainstLocalCloud(): Promise<void> {
  const logLines: string[] = [];
  const log = (line: string) => logLines.push(line);
  let stop: (() => Promise<void>) | undefined;
  try {
    // One set of emulators for both parts. The gateway is composed as startLocalCloud
    // composes it; the seed gives the bench its tenant and signed-in users.
    const { startEmulators, localAwsEnv } = await import('../infra/local/emulators.ts');
    const emulators = await startEmulators({ log });
    stop = () => emulators.stop();
    const { DEFAULT_ALLOWED_ORIGINS } = await import('../infra/local/cloud.ts');
    const { ENV } = await import('@assist-ten/core/shared/env');
    const { localKeyMaterial } = await import('../infra/local/key-material.ts');
    Object.assign(process.env, localAwsEnv(emulators), {
      [ENV.localKeyMaterial]: await localKeyMaterial(undefined),
      [ENV.stage]: 'local',
      [ENV.allowedOrigins]: DEFAULT_ALLOWED_ORIGINS.join(','),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const { seedLocalData } = await import('../infra/local/seed.ts');
    await seedLocalData();
    const { createLocalIssuer } = await import('../infra/local/issuer.ts');
    const { startGateway } = await import('../infra/local/gateway.ts');
    const { inProcessInvoker } = await import('../infra/local/invoker.ts');
    const { routes } = await import('../functions/routes.ts');
    const issuer = await createLocalIssuer(emulators.cognito);
    const gateway = await startGateway({
      routes,
      issuer,
      invoke: inProcessInvoker(),
      allowedOrigins: DEFAULT_ALLOWED_ORIGINS,
      log,
    });
    stop = () => gateway.close().finally(() => emulators.stop());

    const { LOCAL_USERS } = await import('../infra/local/seed-data.ts');
    const { flattenClaims } = await import('../infra/local/gateway-event.ts');
    const { dynamoClient } = await import('@assist-ten/core/shared/db');
    const { installRequestCounter } = await import('./ddb-counter.ts');
    const { measureWarm, walkPages } = await import('./warm.ts');
    const { measureEndToEnd } = await import('./e2e.ts');
    const counter = installRequestCounter(dynamoClient);
    // The module the gateway's in-process invoker loads, so both share one warm "Lambda".
    const handlerUrl = new URL('../functions/http/requisitions/handler.ts', import.meta.url);
    const { handler } = (await import(handlerUrl.href)) as { handler: import('./requisition-calls.ts').HttpHandler };

    const recruiter = LOCAL_USERS.find((user) => user.email === 'recruiter@demo.test');
    if (!recruiter) throw new Error('recruiter@demo.test is missing from infra/local/seed-data.ts');
    const token = await issuer.login(recruiter.email);
    if (!token) throw new Error(`${recruiter.email} cannot sign in to the local user pool`);
    const caller = {
      tenantId: recruiter.tenantId,
      userId: recruiter.userId,
      token,
      claims: flattenClaims(await issuer.verify(token)),
    };

    step(`warm: ${iterations} in-process invocations per call (+${warmup} warm-up) beside bare DynamoDB calls`);
    const warm = await measureWarm(handler, counter, caller, { iterations, warmup });
    const pages = await walkPages(handler, counter, caller, Number(options.pages));
    step(`end to end: ${iterations} HTTP calls per call through the local gateway`);
    const e2e = await measureEndToEnd(gateway.url, token, warm.existingId, counter, { iterations, warmup });

    for (const call of CALLS) {
      const { handler: viaHandler, bare } = warm.results[call];
      metrics.push(
        reported(`warm.${call}.handler.p50`, `warm ${call}: handler p50`, viaHandler.p50, 'ms'),
        atMost(
          `warm.${call}.handler.p99`,
          `warm ${call}: handler p99`,
          viaHandler.p99,
          'ms',
          viaHandler.p50 * BUDGET.p99OverP50,
          `<= 3 x handler p50 (${(viaHandler.p50 * BUDGET.p99OverP50).toFixed(2)} ms)`,
        ),
        reported(
          `warm.${call}.bare.p50`,
          `warm ${call}: bare DynamoDB p50`,
          bare.p50,
          'ms',
          warm.results[call].bareCommand,
        ),
        reported(
          `warm.${call}.bare.p99`,
          `warm ${call}: bare DynamoDB p99`,
          bare.p99,
          'ms',
          `bare p99 is ${(bare.p99 / bare.p50).toFixed(1)} x bare p50`,
        ),
        atMost(
          `warm.${call}.overhead.p50`,
          `warm ${call}: handler time outside DynamoDB p50`,
          warm.results[call].overhead.p50,
          'ms',
          BUDGET.handlerOutsideDynamoP50Ms,
          `<= ${BUDGET.handlerOutsideDynamoP50Ms} ms`,
        ),
        reported(
          `warm.${call}.overhead.p99`,
          `warm ${call}: handler time outside DynamoDB p99`,
          warm.results[call].overhead.p99,
          'ms',
          tailNote(warm.results[call].tail),
        ),
      );
    }
    for (const call of CALLS) {
      metrics.push(
        reported(`e2e.${call}.p50`, `HTTP ${call} via local gateway: p50`, e2e[call].latency.p50, 'ms'),
        reported(`e2e.${call}.p99`, `HTTP ${call} via local gateway: p99`, e2e[call].latency.p99, 'ms'),
      );
    }

    step('notifications: consumer throughput, then inbox reads over HTTP');
    const { measureConsumer, measureInbox } = await import('./notifications.ts');
    const consumer = await measureConsumer(emulators, recruiter.tenantId, recruiter.userId, counter);
    const reader = LOCAL_USERS.find((user) => user.email === 'interviewer@demo.test');
    const readerToken = reader ? await issuer.login(reader.email) : null;
    if (!reader || !readerToken) throw new Error('interviewer@demo.test cannot sign in to the local user pool');
    const inbox = await measureInbox(
      gateway.url,
      readerToken,
      { tenantId: reader.tenantId, userId: reader.userId },
      counter,
      { iterations, warmup },
    );
    metrics.push(
      reported(
        'notifications.consumer.viaQueue',
        `notifications consumer: events/s via the local queue (${consumer.events} events)`,
        consumer.viaQueueEventsPerSecond,
        'events/s',
      ),
      reported(
        'notifications.consumer.inProcess',
        'notifications consumer: events/s, handler alone (batches of 10)',
        consumer.inProcessEventsPerSecond,
        'events/s',
        `${round(consumer.requestsPerEvent)} DynamoDB requests per event`,
      ),
    );
    for (const name of ['list', 'unread', 'unreadCount'] as const) {
      metrics.push(
        reported(`inbox.${name}.p50`, `inbox ${name} over HTTP: p50`, inbox[name].p50, 'ms'),
        reported(`inbox.${name}.p99`, `inbox ${name} over HTTP: p99`, inbox[name].p99, 'ms'),
      );
      const expected = [...GATE, name === 'unreadCount' ? 'GetItemCommand' : 'QueryCommand'];
      const check = checkRequests(inbox.requests[name], expected);
      metrics.push({
        id: `requests.inbox.${name}`,
        label: `inbox ${name}: DynamoDB requests per call (${inbox.requests[name].length} calls)`,
        value: check.maxPerCall,
        unit: 'requests',
        budget: `exactly ${expected.map((command) => command.replace(/Command$/, '')).join('+')}`,
        pass: check.ok,
      });
    }
    details.notifications = {
      consumer,
      inbox: { list: inbox.list, unread: inbox.unread, unreadCount: inbox.unreadCount },
    };

    step('skills: extraction throughput, then the match ranking over HTTP');
    const { measureExtraction, measureRanking } = await import('./skills.ts');
    const actor = {
      userId: recruiter.userId,
      tenantId: recruiter.tenantId,
      email: recruiter.email,
      roles: ['recruiter'] as const,
      requestId: 'bench',
    };
    const extraction = await measureExtraction(actor);
    const ranking = await measureRanking(gateway.url, token, actor, { iterations: Math.min(iterations, 200) });
    metrics.push(
      reported(
        'skills.extractor.documentsPerMinute',
        'skill extraction (local extractor alone): resumes/minute',
        round(extraction.extractorDocumentsPerMinute, 0),
        'docs/min',
      ),
      reported(
        'skills.pipeline.documentsPerMinute',
        `document processing (S3 read, PDF text, extraction, writes; ${extraction.documents} PDFs): documents/minute`,
        round(extraction.pipelineDocumentsPerMinute, 0),
        'docs/min',
      ),
      reported(
        'ranking.firstPage.p50',
        `match ranking, first page of ${ranking.matches}: p50`,
        ranking.firstPage.p50,
        'ms',
      ),
      reported(
        'ranking.firstPage.p99',
        `match ranking, first page of ${ranking.matches}: p99`,
        ranking.firstPage.p99,
        'ms',
      ),
      reported('ranking.minScore.p50', 'match ranking, minScore=80: p50', ranking.filtered.p50, 'ms'),
      reported('ranking.minScore.p99', 'match ranking, minScore=80: p99', ranking.filtered.p99, 'ms'),
    );
    details.skills = { extraction, ranking };

    step('assessments: answer autosaves, submission and scoring of a 50-question test');
    const { measureAssessment } = await import('./assessments.ts');
    const assessment = await measureAssessment(gateway.url, actor, { autosaves: Math.min(iterations, 200) });
    metrics.push(
      reported('assessments.autosave.p50', 'answer autosave over HTTP: p50', assessment.autosave.p50, 'ms'),
      reported('assessments.autosave.p99', 'answer autosave over HTTP: p99', assessment.autosave.p99, 'ms'),
      reported('assessments.submit.p50', 'test submission over HTTP: p50', assessment.submit.p50, 'ms'),
      reported(
        'assessments.scoring.p50',
        `scoring a ${assessment.questions}-question session (reads, scores, writes): p50`,
        assessment.scoring.p50,
        'ms',
      ),
    );
    details.assessments = assessment;

    step('proctoring: event batches over HTTP, session evaluation, the review queue');
    const { measureProctoring } = await import('./proctoring.ts');
    const proctoring = await measureProctoring(gateway.url, actor);
    metrics.push(
      reported(
        'proctoring.ingest.p50',
        'a batch of 50 proctoring events over HTTP: p50',
        proctoring.ingestBatch.p50,
        'ms',
      ),
      reported(
        'proctoring.ingest.p99',
        'a batch of 50 proctoring events over HTTP: p99',
        proctoring.ingestBatch.p99,
        'ms',
      ),
      reported(
        'proctoring.ingest.rate',
        'events ingested per second, one test page',
        proctoring.ingestedPerSecond,
        'events/s',
      ),
      reported(
        'proctoring.evaluation.p50',
        `first evaluation of a session of ${proctoring.eventsPerSession} events: p50`,
        proctoring.evaluation.p50,
        'ms',
      ),
      reported('proctoring.evaluation.rate', 'events evaluated per second', proctoring.evaluatedPerSecond, 'events/s'),
      reported('proctoring.reviewQueue.p50', 'review queue, first page: p50', proctoring.reviewQueue.p50, 'ms'),
      reported('proctoring.reviewQueue.p99', 'review queue, first page: p99', proctoring.reviewQueue.p99, 'ms'),
    );
    details.proctoring = proctoring;

    step('interviews: bookings over HTTP, "my upcoming interviews", 20 overlapping bookings at once');
    const { measureInterviews } = await import('./interviews.ts');
    const seededInterviewer = LOCAL_USERS.find((user) => user.email === 'interviewer@demo.test');
    const interviewerToken = seededInterviewer ? await issuer.login(seededInterviewer.email) : null;
    if (!seededInterviewer || !interviewerToken) throw new Error('interviewer@demo.test cannot sign in locally');
    const interviews = await measureInterviews(gateway.url, actor, token, {
      userId: seededInterviewer.userId,
      token: interviewerToken,
    });
    metrics.push(
      reported('interviews.schedule.p50', 'scheduling an interview over HTTP: p50', interviews.scheduling.p50, 'ms'),
      reported('interviews.schedule.p99', 'scheduling an interview over HTTP: p99', interviews.scheduling.p99, 'ms'),
      reported(
        'interviews.upcoming.p50',
        `"my upcoming interviews", first page of ${interviews.bookings}: p50`,
        interviews.upcoming.p50,
        'ms',
      ),
      reported(
        'interviews.upcoming.p99',
        `"my upcoming interviews", first page of ${interviews.bookings}: p99`,
        interviews.upcoming.p99,
        'ms',
      ),
      reported(
        'interviews.contention.ms',
        `20 overlapping bookings at once: all answered (${interviews.contention.booked} booked, ${interviews.contention.refused} refused)`,
        round(interviews.contention.ms, 0),
        'ms',
      ),
    );
    details.interviews = interviews;

    const requestsDetail: Record<string, unknown> = {};
    for (const call of CALLS) {
      const perCall = [...warm.results[call].requests, ...e2e[call].requests, ...(call === 'list' ? pages : [])];
      const check = checkRequests(perCall, EXPECTED_REQUESTS[call]);
      requestsDetail[call] = { calls: perCall.length, shapes: check.shapes, capacityUnitsP50: check.capacityP50 };
      metrics.push({
        id: `requests.${call}`,
        label: `${call}: DynamoDB requests per call (${perCall.length} calls)`,
        value: check.maxPerCall,
        unit: 'requests',
        budget: `exactly ${EXPECTED_REQUESTS[call].map((command) => command.replace(/Command$/, '')).join('+')}${call === 'list' ? ' per page' : ''}`,
        pass: check.ok,
        note: Object.entries(check.shapes)
          .map(([shape, count]) => `${shape} x${count}`)
          .join(', '),
      });
      metrics.push(
        reported(`capacity.${call}.p50`, `${call}: consumed capacity per call, p50`, check.capacityP50, 'CU'),
      );
    }
    const scans = counter.all.filter((request) => request.command === 'ScanCommand').length;
    metrics.push(
      atMost('requests.scans', `Scans across the bench (${counter.all.length} requests)`, scans, 'count', 0, '= 0'),
    );
    details.warm = Object.fromEntries(
      CALLS.map((call) => [
        call,
        {
          handler: warm.results[call].handler,
          overhead: warm.results[call].overhead,
          tail: warm.results[call].tail,
          bare: warm.results[call].bare,
          bareCommand: warm.results[call].bareCommand,
        },
      ]),
    );
    details.endToEnd = Object.fromEntries(CALLS.map((call) => [call, e2e[call].latency]));
    details.requests = { ...requestsDetail, listPagesWalked: pages.length, scans, total: counter.all.length };
    details.iterations = { iterations, warmup };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bench: the local-cloud part failed: ${error instanceof Error ? error.stack : message}`);
    if (logLines.length) console.error(logLines.slice(-20).join('\n'));
    for (const id of [
      ...CALLS.flatMap((call) => [`warm.${call}.handler.p50`, `warm.${call}.handler.p99`, `requests.${call}`]),
      'requests.scans',
    ]) {
      metrics.push({ id, label: id, value: null, unit: 'ms', budget: 'measured', pass: false });
    }
    details.localCloudError = message;
  } finally {
    await stop?.();
  }
}

function tailNote(tail: import('./warm.ts').TailAnalysis): string {
  return (
    `${tail.slow} calls > 3 x p50; ${tail.excessInDynamoPercent}% of their extra time was inside DynamoDB; ` +
    `${tail.slowInDynamo} slower than 3 x p50 inside DynamoDB alone, ` +
    `${tail.overlappingNodeGc} overlapping a Node GC (${tail.gcPauses} GC pauses, ${tail.gcMs} ms in all)`
  );
}

function checkRequests(perCall: DynamoRequest[][], expected: readonly string[]) {
  const shapes: Record<string, number> = {};
  for (const requests of perCall) {
    const shape = requests.map((request) => request.command.replace(/Command$/, '')).join('+') || '(none)';
    shapes[shape] = (shapes[shape] ?? 0) + 1;
  }
  return {
    ok:
      perCall.length > 0 &&
      perCall.every(
        (requests) =>
          requests.length === expected.length &&
          requests.every((request, index) => request.command === expected[index]),
      ),
    maxPerCall: Math.max(0, ...perCall.map((requests) => requests.length)),
    shapes,
    capacityP50: percentile(
      perCall.map((requests) => requests.reduce((sum, request) => sum + request.capacityUnits, 0)),
      50,
    ),
  };
}

const missed = metrics.filter((metric) => metric.pass === false);
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cpuCount: cpus().length,
  loadAverage: { start: loadAtStart, end: loadavg().map((value) => round(value)), oneMinuteAtPhaseStart: phaseLoad },
  durationSeconds: round((performance.now() - started) / 1000, 1),
  allBudgetsMet: missed.length === 0,
  missed: missed.map((metric) => metric.id),
  metrics,
  details,
};
await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);

console.log('');
console.log(
  `${results.date}  node ${results.node}  ${results.cpu} x${results.cpuCount}  load ${loadAtStart.join(' ')}  ${results.durationSeconds} s`,
);
printTable(metrics);
for (const metric of metrics.filter((entry) => entry.note)) console.log(`  ${metric.id}: ${metric.note}`);
if (details.localCloudError) console.log(`  not measured, the local cloud failed: ${String(details.localCloudError)}`);
// At the start and before cold init the bench itself adds little load: more than 3/4 of the
// CPUs busy then means other processes.
const busiest = Math.max(loadAtStart[0] ?? 0, phaseLoad['cold init'] ?? 0);
if (busiest > cpus().length * 0.75) {
  console.log(
    `\nnote: the 1-minute load average was ${busiest} on ${cpus().length} CPUs before the timings: other processes ` +
      'competed for the CPU, so timings are inflated. Rerun on a quiet machine before trusting a timing miss.',
  );
}
console.log(`\nwrote ${options.out}`);
if (missed.length) {
  console.error(`\nMISSED ${missed.length} budget(s):`);
  for (const metric of missed) {
    console.error(`  - ${metric.label}: ${metric.value ?? 'n/a'} ${metric.unit}, budget ${metric.budget}`);
  }
}
process.exit(missed.length ? 1 : 0);
