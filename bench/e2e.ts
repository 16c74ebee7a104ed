import type { DynamoRequest, RequestCounter } from './ddb-counter.ts';
import { CALLS, type Call, requestFor } from './requisition-calls.ts';
import { type Summary, summarise } from './stats.ts';

export interface EndToEndResult {
  latency: Summary;
  requests: DynamoRequest[][];
}

/**
 * The same calls over HTTP through the local API Gateway emulator (JWT verification,
 * event building, the handler, the response), with a real token, as the frontend makes them.
 */
export const measureEndToEnd = async (
  baseUrl: string,
  token: string,
  existingId: string,
  counter: RequestCounter,
  { iterations = 500, warmup = 50 } = {},
): Promise<Record<Call, EndToEndResult>> => {
  const results = {} as Record<Call, EndToEndResult>;
  for (const call of CALLS) {
    const request = requestFor(call, existingId);
    const init: RequestInit = {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    };
    const samples: number[] = [];
    const requests: DynamoRequest[][] = [];
    for (let i = 0; i < warmup + iterations; i++) {
      counter.take();
      const started = performance.now();
      const response = await fetch(`${baseUrl}${request.path}`, init);
      await response.arrayBuffer();
      const elapsed = performance.now() - started;
      const sent = counter.take();
      if (response.status !== request.expectStatus) {
        throw new Error(`${request.method} ${request.path} over HTTP answered ${response.status}`);
      }
      if (i >= warmup) {
        samples.push(elapsed);
        requests.push(sent);
      }
    }
    results[call] = { latency: summarise(samples), requests };
  }
  return results;
};
