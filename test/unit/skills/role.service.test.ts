import { ValidationError } from '@assist-ten/core/shared/errors';
import { createRole, requisitionDefaultsFromRole } from '@assist-ten/core/skills/role.service';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const admin = aPrincipal({ roles: ['admin'] });

const skillItem = (skillId: string, name: string, aliases: string[]) => ({
  skillId,
  name,
  category: 'languages',
  aliases,
  __edb_e__: 'skill',
  __edb_v__: '1',
});

const TAXONOMY_ITEMS = [
  skillItem('skl_js', 'JavaScript', ['js']),
  skillItem('skl_ts', 'TypeScript', ['ts']),
  skillItem('skl_k8s', 'Kubernetes', ['k8s']),
];

const roleItem = (overrides: object = {}) => ({
  tenantId: 'tnt_demo',
  roleId: 'role_1',
  title: 'Backend Engineer',
  level: 'senior',
  department: 'Engineering',
  requiredSkills: [{ skill: 'TypeScript', proficiency: 'expert' }],
  niceToHaveSkills: [],
  isActive: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'usr_1',
  updatedBy: 'usr_1',
  version: 1,
  __edb_e__: 'role',
  __edb_v__: '1',
  ...overrides,
});

describe('createRole', () => {
  it('stores its skills under their canonical names', async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({ Items: TAXONOMY_ITEMS });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const role = await createRole(admin, {
      title: 'Platform Engineer',
      level: 'senior',
      requiredSkills: [{ skill: 'ts', proficiency: 'expert' }],
      niceToHaveSkills: [{ skill: 'K8S', proficiency: 'intermediate' }],
    });

    // Assert
    expect(role.requiredSkills).toEqual([{ skill: 'TypeScript', proficiency: 'expert' }]);
    expect(role.niceToHaveSkills).toEqual([{ skill: 'Kubernetes', proficiency: 'intermediate' }]);
    const written = JSON.stringify(dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input);
    expect(written).toContain('"Kubernetes"');
    expect(written).not.toContain('"K8S"');
  });

  it('refuses skills outside the taxonomy with a 400 naming each field, and writes nothing', async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({ Items: TAXONOMY_ITEMS });

    // Act
    const error = await createRole(admin, {
      title: 'Platform Engineer',
      level: 'senior',
      requiredSkills: [
        { skill: 'js', proficiency: 'expert' },
        { skill: 'ts', proficiency: 'expert' },
        { skill: 'Cobol', proficiency: 'expert' },
      ],
      niceToHaveSkills: [{ skill: 'Fortran', proficiency: 'beginner' }],
    }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.map((entry) => entry.field)).toEqual([
      'requiredSkills.2.skill',
      'niceToHaveSkills.0.skill',
    ]);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('reads no taxonomy for a role without skills', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await createRole(admin, { title: 'Designer', level: 'mid' });

    // Assert
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

describe('requisitionDefaultsFromRole', () => {
  it("gives the role's title, level, department and skills as requisition fields", async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({ Item: roleItem() });

    // Act
    const defaults = await requisitionDefaultsFromRole('tnt_demo', 'role_1');

    // Assert
    expect(defaults).toEqual({
      title: 'Backend Engineer',
      experienceLevel: 'senior',
      department: 'Engineering',
      requiredSkills: [{ skill: 'TypeScript', proficiency: 'expert' }],
      niceToHaveSkills: [],
    });
  });

  it.each([
    ['missing (or of another tenant)', undefined],
    ['archived', roleItem({ isActive: false, archivedAt: '2026-01-02T00:00:00.000Z' })],
  ])('is a 400 on roleId for a role that is %s', async (_, item) => {
    // Arrange
    dynamo.on(GetCommand).resolves({ Item: item });

    // Act
    const error = await requisitionDefaultsFromRole('tnt_demo', 'role_1').catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([expect.objectContaining({ field: 'roleId' })]);
  });
});
