import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, requireEnv } from './env.ts';

/**
 * One client per execution environment, created at cold start. The endpoint comes
 * from the SDK's own AWS_ENDPOINT_URL_DYNAMODB in local mode, so no code path differs.
 */
export const dynamoClient = new DynamoDBClient({});

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = (): string => requireEnv(ENV.tableName);
