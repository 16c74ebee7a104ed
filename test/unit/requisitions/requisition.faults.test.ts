import { newId } from '@assist-ten/core/shared/ids';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, type GetCommandInput, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/http/requisitions/handler.ts';
import { lambdaContext } from '../../../infra/local/gateway.ts';
import { gatewayEvent } from '../../../infra/local/gateway-event.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const ID = newId('requisition');
const storedItem = {
  tenantId: 'tnt_faults',
  requisitionId: ID,
  title: 'Stored',
  requiredSkills: [],
  niceToHaveSkills: [],
  assessmentIds: [],
  positionsAvailable: 1,
  positionsFilled: 0,
  status: 'draft',
  isActive: true,
  managerIndexKey: '#none',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'usr_1',
  updatedBy: 'usr_1',
  version: 1,
  __edb_e__: 'requisition',
  __edb_v__: '1',
};

const invoke = (method: string, path: string, routeKey: string, body?: unknown) =>
  handler(
    gatewayEvent(
      {
        method,
        url: new URL(`http://localhost${path}`),
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
        sourceIp: '127.0.0.1',
      },
      routeKey,
      path.includes(ID) ? { id: ID } : undefined,
      { sub: 'c0ffee', 'custom:userId': 'usr_1', 'custom:tenantId': 'tnt_faults', email: 'r@x.test' },
    ),
    lambdaContext('assist-ten-requisitions', 'req-1'),
  );

/** The caller's tenant and user, as the per-request access gate reads them. */
const GATE_ITEMS: Record<string, object> = {
  $tenant_1: { status: 'active', __edb_e__: 'tenant', __edb_v__: '1' },
  $user_1: { status: 'active', roles: new Set(['recruiter']), email: 'r@x.test', __edb_e__: 'user', __edb_v__: '1' },
};

/** Answers the gate's reads, and hands requisition reads to `requisition`. */
const reads = (requisition: () => object) => async (input: GetCommandInput) => {
  const sk = String(input.Key?.sk);
  return { Item: GATE_ITEMS[sk] ?? requisition() };
};

describe('requisitions handler when DynamoDB misbehaves', () => {
  it('answers an opaque 500 with a correlation id when DynamoDB throttles', async () => {
    dynamo.on(GetCommand).callsFake(
      reads(() => {
        throw Object.assign(new Error('Rate exceeded for table secret-table-name'), { name: 'ThrottlingException' });
      }),
    );

    const response = await invoke(
      'GET',
      `/api/v1/recruiter/requisitions/${ID}`,
      'GET /api/v1/recruiter/requisitions/{id}',
    );

    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    const body = JSON.parse(String(response.body));
    expect(body.correlationId).toBe(response.headers?.['x-correlation-id']);
    expect(response.body).not.toContain('secret-table-name');
    expect(response.body).not.toContain('Throttling');
  });

  it('gives up with 409 after losing the version race three times without If-Match', async () => {
    dynamo.on(GetCommand).callsFake(reads(() => storedItem));
    // A fresh error per call, as the SDK would throw: the requisition's version condition failed.
    dynamo.on(TransactWriteCommand).callsFake(async () => {
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      });
    });

    const response = await invoke(
      'PATCH',
      `/api/v1/recruiter/requisitions/${ID}`,
      'PATCH /api/v1/recruiter/requisitions/{id}',
      { department: 'X' },
    );

    expect(response.statusCode).toBe(409);
    const requisitionWrites = dynamo
      .commandCalls(TransactWriteCommand)
      .filter((call) => JSON.stringify(call.args[0].input).includes('requisitionId'));
    expect(requisitionWrites).toHaveLength(3);
  });
});
