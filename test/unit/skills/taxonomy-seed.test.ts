import type { DefaultSkill } from '@assist-ten/core/skills/default-skills';
import { DEFAULT_SKILLS } from '@assist-ten/core/skills/default-skills';
import { defaultSkillId, seedSkillTaxonomy } from '@assist-ten/core/skills/taxonomy-seed';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const TENANT = 'tnt_01JDEM00000000000000000001';

type Item = Record<string, unknown>;

const putItems = (): Item[] =>
  dynamo
    .commandCalls(BatchWriteCommand)
    .flatMap((call) => Object.values(call.args[0].input.RequestItems ?? {}).flat())
    .map((request) => request.PutRequest?.Item as Item);

const existing = (skillId: string, name: string, aliases: string[], isActive = true) => ({
  skillId,
  name,
  aliases,
  isActive,
  __edb_e__: 'skill',
  __edb_v__: '1',
});

const SMALL: DefaultSkill[] = [
  { name: 'JavaScript', category: 'languages', aliases: ['js', 'ecmascript'] },
  { name: 'Kubernetes', category: 'devops', aliases: ['k8s'] },
];

describe('seedSkillTaxonomy', () => {
  it('writes every default skill and a claim per term into an empty tenant, in batches of at most 25', async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(BatchWriteCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    const terms = DEFAULT_SKILLS.reduce((count, skill) => count + 1 + skill.aliases.length, 0);

    // Act
    const { written } = await seedSkillTaxonomy(TENANT);

    // Assert
    const items = putItems();
    expect(written).toBe(DEFAULT_SKILLS.length);
    expect(items.filter((item) => item.__edb_e__ === 'skill')).toHaveLength(DEFAULT_SKILLS.length);
    expect(items.filter((item) => item.kind === 'skill-term')).toHaveLength(terms);
    for (const call of dynamo.commandCalls(BatchWriteCommand)) {
      expect(Object.values(call.args[0].input.RequestItems ?? {}).flat().length).toBeLessThanOrEqual(25);
    }
    expect(JSON.stringify(dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input)).toContain(
      'skill.taxonomy_seeded',
    );
  });

  it('derives the same ids on every run, and different ones in another tenant', () => {
    const again = defaultSkillId(TENANT, 'Go');
    const elsewhere = defaultSkillId('tnt_01JDEM00000000000000000002', 'Go');

    expect(defaultSkillId(TENANT, 'Go')).toBe(again);
    expect(again).toMatch(/^skl_[0-9A-Z]{26}$/);
    expect(elsewhere).not.toBe(again);
  });

  it('changes nothing when every skill is there already, edited or archived ones included', async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({
      Items: [
        existing(defaultSkillId(TENANT, 'JavaScript'), 'JS (renamed by an admin)', []),
        existing(defaultSkillId(TENANT, 'Kubernetes'), 'Kubernetes', ['k8s'], false),
      ],
    });

    // Act
    const { written } = await seedSkillTaxonomy(TENANT, undefined, SMALL);

    // Assert
    expect(written).toBe(0);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("claims no term an admin's skill holds: drops such an alias, skips a skill whose name is held", async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({
      Items: [existing('skl_admins', 'Kubernetes', ['js'])],
    });
    dynamo.on(BatchWriteCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const { written } = await seedSkillTaxonomy(TENANT, undefined, SMALL);

    // Assert
    const items = putItems();
    expect(written).toBe(1);
    expect(items.find((item) => item.__edb_e__ === 'skill')).toMatchObject({
      name: 'JavaScript',
      aliases: ['ecmascript'],
    });
    expect(items.filter((item) => item.kind === 'skill-term').map((item) => item.value)).toEqual([
      'javascript',
      'ecmascript',
    ]);
  });

  it('retries what DynamoDB leaves unprocessed', async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { 'offline-table': [{ PutRequest: { Item: { pk: 'left', sk: 'over' } } }] } })
      .resolves({});

    // Act
    await seedSkillTaxonomy(TENANT, undefined, SMALL);

    // Assert
    const calls = dynamo.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.RequestItems?.['offline-table']).toEqual([
      { PutRequest: { Item: { pk: 'left', sk: 'over' } } },
    ]);
  });
});
