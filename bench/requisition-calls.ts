import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { gatewayEvent } from '../infra/local/gateway-event.ts';
import { SENIOR_BACKEND_ENGINEER } from '../infra/local/seed.ts';

export const REQUISITIONS_PATH = '/api/v1/recruiter/requisitions';

export const CALLS = ['create', 'get', 'list'] as const;
export type Call = (typeof CALLS)[number];

/** A complete requisition, as a recruiter's form would send it. */
export const CREATE_BODY = { ...SENIOR_BACKEND_ENGINEER, hiringManagerId: 'usr_demo_admin' };

export type HttpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface CallRequest {
  method: 'GET' | 'POST';
  path: string;
  routeKey: string;
  pathParameters?: Record<string, string>;
  body?: unknown;
  expectStatus: number;
}

/** create / get / list as the frontend makes them; list asks for the default page (25). */
export const requestFor = (call: Call, existingId: string): CallRequest => {
  switch (call) {
    case 'create':
      return {
        method: 'POST',
        path: REQUISITIONS_PATH,
        routeKey: `POST ${REQUISITIONS_PATH}`,
        body: CREATE_BODY,
        expectStatus: 201,
      };
    case 'get':
      return {
        method: 'GET',
        path: `${REQUISITIONS_PATH}/${existingId}`,
        routeKey: `GET ${REQUISITIONS_PATH}/{id}`,
        pathParameters: { id: existingId },
        expectStatus: 200,
      };
    case 'list':
      return { method: 'GET', path: REQUISITIONS_PATH, routeKey: `GET ${REQUISITIONS_PATH}`, expectStatus: 200 };
  }
};

/** The API Gateway (payload 2.0) event the JWT authorizer would hand the function. */
export const eventFor = (
  request: CallRequest,
  token: string,
  claims: Record<string, string>,
): APIGatewayProxyEventV2WithJWTAuthorizer =>
  gatewayEvent(
    {
      method: request.method,
      url: new URL(request.path, 'http://127.0.0.1'),
      headers: {
        host: '127.0.0.1',
        authorization: `Bearer ${token}`,
        'user-agent': 'assist-ten-bench',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: Buffer.from(request.body === undefined ? '' : JSON.stringify(request.body)),
      sourceIp: '127.0.0.1',
    },
    request.routeKey,
    request.pathParameters,
    claims,
  );
