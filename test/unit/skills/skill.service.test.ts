import { ConflictError, ForbiddenError } from '@assist-ten/core/shared/errors';
import { createSkill } from '@assist-ten/core/skills/skill.service';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const admin = aPrincipal({ roles: ['admin'] });

interface TransactItem {
  Put?: { Item: Record<string, unknown> };
}

const itemsWritten = (): Record<string, unknown>[] =>
  ((dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? []) as TransactItem[]).flatMap(
    (item) => (item.Put ? [item.Put.Item] : []),
  );

const cancelled = (reasons: { Code: string; Item?: Record<string, { S: string }> }[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: reasons });

describe('createSkill', () => {
  it('writes the skill, a claim per term and the audit entry in one transaction', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const skill = await createSkill(admin, { name: 'Rust', category: 'languages', aliases: ['rust-lang', 'RS'] });

    // Assert
    const written = itemsWritten();
    expect(skill).toMatchObject({ name: 'Rust', aliases: ['rust-lang', 'RS'], isActive: true, version: 1 });
    expect(written.filter((item) => item.kind === 'skill-term').map((item) => [item.value, item.ownerId])).toEqual([
      ['rust', skill.id],
      ['rust-lang', skill.id],
      ['rs', skill.id],
    ]);
    expect(written.find((item) => item.skillId === skill.id)).toMatchObject({ nameKey: 'rust', tenantId: 'tnt_demo' });
    expect(written.filter((item) => item.action === 'skill.created')).toHaveLength(1);
  });

  it('answers a taken alias with a 409 naming the alias and the skill holding it', async () => {
    // Arrange: the put of the skill succeeds, its name claim too, the claim of aliases.0 fails.
    dynamo
      .on(TransactWriteCommand)
      .rejects(
        cancelled([
          { Code: 'None' },
          { Code: 'None' },
          { Code: 'ConditionalCheckFailed', Item: { ownerId: { S: 'skl_holder' } } },
          { Code: 'None' },
        ]),
      );

    // Act
    const error = await createSkill(admin, { name: 'Rust', category: 'languages', aliases: ['js'] }).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).errors).toEqual([expect.objectContaining({ field: 'aliases.0', code: 'taken' })]);
    expect((error as ConflictError).extensions).toEqual({ conflictingSkillId: 'skl_holder' });
  });

  it('refuses a recruiter before writing anything', async () => {
    const error = await createSkill(aPrincipal(), { name: 'Rust', category: 'languages' }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(ForbiddenError);
    expect(dynamo.calls()).toHaveLength(0);
  });
});
