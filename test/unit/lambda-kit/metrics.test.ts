import { NotFoundError } from '@assist-ten/core/shared/errors';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../../infra/local/gateway.ts';
import { gatewayEvent } from '../../../infra/local/gateway-event.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;
type Answer = () => Promise<Result>;

const ROUTE = 'GET /api/v1/superadmin/metrics';

const eventFor = (routeKey: string): Event =>
  gatewayEvent(
    { method: 'GET', url: new URL('http://localhost/x'), headers: {}, body: Buffer.alloc(0), sourceIp: '127.0.0.1' },
    routeKey,
    undefined,
    undefined,
  );

/** Every EMF document written to stdout (where Powertools writes them) while a test runs. */
let emitted: Record<string, unknown>[];
beforeEach(() => {
  // The test config silences metrics for every other test; here they are the subject.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  emitted = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    const text = String(chunk).trim();
    if (text.startsWith('{') && text.includes('"_aws"')) emitted.push(JSON.parse(text));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** The metrics module as a cold start loads it, under the environment the test stubbed. */
const freshModule = async () => {
  vi.resetModules();
  return import('@assist-ten/lambda-kit/metrics');
};

/** A handler with the shape of the HTTP stack: metrics first, then an error mapper, then the route. */
const handlerWith = async (answer: Answer, { mapErrors = true } = {}) => {
  const { httpMetrics, businessMetric, metrics } = await freshModule();
  const handler = middy<Event, Result>()
    .use(httpMetrics())
    .use({
      onError: (request) => {
        if (mapErrors && request.error instanceof NotFoundError) request.response = { statusCode: 404, body: '' };
      },
    })
    .handler(answer);
  const run = (routeKey = ROUTE) => handler(eventFor(routeKey), lambdaContext('assist-ten-platform', 'req-1'));
  return { run, businessMetric, metrics };
};

const definitionOf = (document: Record<string, unknown>) =>
  (document._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: object[] }[] })
    .CloudWatchMetrics[0];

describe('httpMetrics', () => {
  it('writes one EMF document per request: Requests, Latency and Errors by route, stage and service', async () => {
    const { run } = await handlerWith(async () => ({ statusCode: 200, body: '{}' }));

    const response = await run();

    expect(response.statusCode).toBe(200);
    expect(emitted).toHaveLength(1);
    const [document = {}] = emitted;
    expect(definitionOf(document)).toEqual({
      Namespace: 'AssistTen',
      Dimensions: [['service', 'stage', 'route']],
      Metrics: [
        { Name: 'Requests', Unit: 'Count' },
        { Name: 'Latency', Unit: 'Milliseconds' },
        { Name: 'Errors', Unit: 'Count' },
      ],
    });
    expect(document).toMatchObject({ service: 'assist-ten', stage: 'test', route: ROUTE, Requests: 1, Errors: 0 });
    expect(document.Latency).toEqual(expect.any(Number));
    expect(document.Latency).toBeGreaterThanOrEqual(0);
  });

  it('times the whole request', async () => {
    const { run } = await handlerWith(async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return { statusCode: 200 };
    });

    await run();

    expect(emitted[0]?.Latency).toBeGreaterThanOrEqual(35);
  });

  it('counts an error for a 5xx answer', async () => {
    const { run } = await handlerWith(async () => ({ statusCode: 503 }));

    await run();

    expect(emitted[0]).toMatchObject({ Requests: 1, Errors: 1 });
  });

  it('counts an error, and still flushes, when a thrown error is answered by nobody', async () => {
    const { run } = await handlerWith(async () => {
      throw new Error('boom');
    });

    await expect(run()).rejects.toThrow('boom');

    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ route: ROUTE, Requests: 1, Errors: 1 });
  });

  it('counts no error when an inner middleware turned the thrown error into a 4xx', async () => {
    const { run } = await handlerWith(async () => {
      throw new NotFoundError('gone');
    });

    const response = await run();

    expect(response.statusCode).toBe(404);
    expect(emitted[0]).toMatchObject({ Requests: 1, Errors: 0 });
  });

  it('carries no route from one invocation into the next', async () => {
    const { run, metrics } = await handlerWith(async () => ({ statusCode: 200 }));

    await run('GET /api/v1/a');
    await run('POST /api/v1/b');
    metrics.addMetric('Outside', 'Count', 1);
    metrics.publishStoredMetrics();

    expect(emitted.map((document) => document.route)).toEqual(['GET /api/v1/a', 'POST /api/v1/b', undefined]);
    expect(definitionOf(emitted[2] ?? {})?.Dimensions).toEqual([['service', 'stage']]);
  });

  it('flushes business metrics counted during the request with it', async () => {
    let count: (name: 'requisitions_created', value?: number) => void = () => undefined;
    const { run, businessMetric } = await handlerWith(async () => {
      count('requisitions_created', 2);
      return { statusCode: 201 };
    });
    count = businessMetric;

    await run();

    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ requisitions_created: 2, Requests: 1, route: ROUTE });
  });

  it('takes the service from POWERTOOLS_SERVICE_NAME, else the function name', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'AssistTen-dev-Platform');
    const named = await handlerWith(async () => ({ statusCode: 200 }));
    await named.run();
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'platform');
    const configured = await handlerWith(async () => ({ statusCode: 200 }));
    await configured.run();

    expect(emitted.map((document) => document.service)).toEqual(['AssistTen-dev-Platform', 'platform']);
  });

  it.each([
    ['POWERTOOLS_METRICS_DISABLED', 'true'],
    ['POWERTOOLS_DEV', 'true'],
  ])('writes nothing when %s is %s', async (name, value) => {
    vi.stubEnv(name, value);
    const { run } = await handlerWith(async () => ({ statusCode: 500 }));

    const response = await run();

    expect(response.statusCode).toBe(500);
    expect(emitted).toEqual([]);
  });

  it('writes again when POWERTOOLS_DEV is on but POWERTOOLS_METRICS_DISABLED says false', async () => {
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { run } = await handlerWith(async () => ({ statusCode: 200 }));

    await run();

    // In dev mode Powertools writes through the global console rather than its own.
    const documents = [...emitted, ...log.mock.calls.map(([line]) => JSON.parse(String(line)))];
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ Requests: 1, route: ROUTE });
  });
});
