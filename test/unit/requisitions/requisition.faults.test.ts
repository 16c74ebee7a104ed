import { newId } from '@assist-ten/core/shared/ids';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
      { sub: 'usr_1', 'custom:tenantId': 'tnt_faults', 'cognito:groups': '[recruiter]', email: 'r@x.test' },
    ),
    lambdaContext('assist-ten-requisitions', 'req-1'),
  );

describe('requisitions handler when DynamoDB misbehaves', () => {
  it('answers an opaque 500 with a correlation id when DynamoDB throttles', async () => {
    dynamo
      .on(GetCommand)
      .rejects(Object.assign(new Error('Rate exceeded for table secret-table-name'), { name: 'ThrottlingException' }));

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
    dynamo.on(GetCommand).resolves({ Item: storedItem });
    // A fresh error per call, as the SDK would throw.
    dynamo.on(UpdateCommand).callsFake(async () => {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    });

    const response = await invoke(
      'PATCH',
      `/api/v1/recruiter/requisitions/${ID}`,
      'PATCH /api/v1/recruiter/requisitions/{id}',
      { department: 'X' },
    );

    expect(response.statusCode).toBe(409);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(3);
  });
});
