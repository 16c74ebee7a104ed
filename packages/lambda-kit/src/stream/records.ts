import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, StreamRecord } from 'aws-lambda';

/** An item image of a stream record, as plain values. */
export type Image = Record<string, unknown>;

/** ElectroDB stores which entity an item is in this attribute. */
const ENTITY_ATTRIBUTE = '__edb_e__';

export const imageOf = (image: StreamRecord['NewImage']): Image =>
  image ? unmarshall(image as Record<string, AttributeValue>) : {};

export const entityOf = (image: Image): unknown => image[ENTITY_ATTRIBUTE];

/** DynamoDB's TTL deletes as the service principal; a user's DeleteItem has no userIdentity. */
export const isTtlRemoval = (record: DynamoDBRecord): boolean =>
  record.userIdentity?.type === 'Service' && record.userIdentity?.principalId === 'dynamodb.amazonaws.com';
