import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { toLambdaRecord } from '../../../infra/local/stream-poller.ts';

describe('toLambdaRecord', () => {
  it('gives back the empty maps the Streams SDK reads as {}, at any depth, so images unmarshall as on Lambda', () => {
    // Arrange: what DynamoDBStreamsClient returns for an item with empty maps.
    const image = {
      id: { S: 'cand_1' },
      links: {},
      profile: { M: { social: {}, tags: { L: [{}, { S: 'x' }] } } },
      skills: { L: [] },
    };

    // Act
    const record = toLambdaRecord(
      { eventName: 'INSERT', dynamodb: { NewImage: image as never, ApproximateCreationDateTime: new Date(2_000) } },
      'arn:stream',
    );
    const item = unmarshall(record.dynamodb?.NewImage as Parameters<typeof unmarshall>[0]);

    // Assert
    expect(item).toEqual({ id: 'cand_1', links: {}, profile: { social: {}, tags: [{}, 'x'] }, skills: [] });
    expect(record.dynamodb?.ApproximateCreationDateTime).toBe(2);
    expect(record.eventSourceARN).toBe('arn:stream');
  });
});
