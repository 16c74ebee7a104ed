import type { MetricName } from '@assist-ten/core/platform/metric.model';
import { ENV, requireEnv } from '@assist-ten/core/shared/env';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * CloudWatch metrics in the Embedded Metric Format: one JSON line on stdout per flush,
 * which CloudWatch turns into metrics with no API call and no extra latency. Powertools
 * writes nothing when POWERTOOLS_METRICS_DISABLED is true, or when POWERTOOLS_DEV is true
 * and POWERTOOLS_METRICS_DISABLED is unset (see docs/metrics.md).
 */
export const metrics = new Metrics({
  namespace: 'AssistTen',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'assist-ten',
  defaultDimensions: { stage: requireEnv(ENV.stage) },
});

type HttpRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 | undefined>;

/**
 * Per request: `Requests` (1), `Latency` (ms) and `Errors` (1 for a 5xx or an error no
 * middleware answered, else 0, so its Average is the error rate) with the dimension
 * `route`, then a flush.
 *
 * Use it first, so that it times the whole stack and its onError runs last, after the
 * problem-details middleware has turned a refusal into a 4xx. Everything is added and
 * flushed in one synchronous step at the end: the instance is shared, so a route
 * dimension set at the start could be flushed with (or carried into) another request's
 * metrics when requests overlap in one process, as in the local cloud. Powertools'
 * `logMetrics` flushes in a step of its own, which is why it is not used here.
 */
export const httpMetrics = (instance: Metrics = metrics): MiddlewareObj<APIGatewayProxyEventV2> => {
  const startedAt = new WeakMap<object, number>();
  const flush = (request: HttpRequest, failed: boolean): void => {
    const started = startedAt.get(request);
    instance.addDimension('route', request.event.routeKey);
    instance.addMetric('Requests', MetricUnit.Count, 1);
    if (started !== undefined) instance.addMetric('Latency', MetricUnit.Milliseconds, performance.now() - started);
    instance.addMetric('Errors', MetricUnit.Count, failed ? 1 : 0);
    instance.publishStoredMetrics();
  };
  return {
    before: (request) => {
      startedAt.set(request, performance.now());
    },
    after: (request) => flush(request as HttpRequest, (request.response?.statusCode ?? 200) >= 500),
    onError: (request) => {
      const status = (request.response as APIGatewayProxyStructuredResultV2 | undefined)?.statusCode;
      flush(request as HttpRequest, status === undefined || status >= 500);
    },
  };
};

/**
 * Counts a business event in CloudWatch too (for alarms and dashboards; the numbers the
 * API reports come from the DynamoDB counters). Flushed with the request by httpMetrics.
 */
export const businessMetric = (name: MetricName, value = 1, instance: Metrics = metrics): void => {
  instance.addMetric(name, MetricUnit.Count, value);
};
