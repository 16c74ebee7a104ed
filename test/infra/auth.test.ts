import { STAFF_ROLES } from '@assist-ten/core/shared/principal';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesize } from './synth.ts';

const dev = synthesize('dev');
const prod = synthesize('prod');

describe('Auth', () => {
  it('signs staff in by email, admins create them, passwords are strong and MFA is optional', () => {
    // Arrange
    const { template } = dev;

    // Act / Assert
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      UserPoolTier: 'PLUS',
    });
  });

  it('binds a user to a tenant and to our user id with immutable string attributes', () => {
    // Arrange
    const { template } = dev;

    // Act
    const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
    const schema: Array<{ Name: string }> = pool?.Properties.Schema ?? [];

    // Assert
    for (const name of ['tenantId', 'userId']) {
      expect(schema.find((attribute) => attribute.Name === name)).toMatchObject({
        AttributeDataType: 'String',
        Mutable: false,
      });
    }
  });

  it('has one group per staff role', () => {
    // Arrange
    const poolId = logicalIdOf(dev.stack.auth.userPool);

    // Act
    const groups = Object.values(dev.template.findResources('AWS::Cognito::UserPoolGroup'));

    // Assert
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual([...STAFF_ROLES].sort());
    for (const group of groups) expect(group.Properties.UserPoolId).toEqual({ Ref: poolId });
  });

  it('has a public web client with SRP and password auth that reads tenant and user id and writes only the name', () => {
    // Arrange
    const { template } = dev;

    // Act
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));

    // Assert
    expect(clients).toHaveLength(1);
    expect(clients[0]?.Properties).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH']),
      ReadAttributes: expect.arrayContaining(['custom:tenantId', 'custom:userId']),
    });
    expect(clients[0]?.Properties.WriteAttributes).toEqual(['name']);
  });

  it('enforces threat protection and keeps the pool in prod; audits only and removes it in dev', () => {
    // Arrange / Act
    const [prodPool] = Object.values(prod.template.findResources('AWS::Cognito::UserPool'));
    const [devPool] = Object.values(dev.template.findResources('AWS::Cognito::UserPool'));

    // Assert
    expect(prodPool?.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(prodPool?.Properties.DeletionProtection).toBe('ACTIVE');
    expect(prodPool?.DeletionPolicy).toBe('Retain');
    expect(devPool?.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'AUDIT' });
    expect(devPool?.DeletionPolicy).toBe('Delete');
  });

  it('outputs the issuer URL and the client id', () => {
    // Arrange
    const poolId = logicalIdOf(dev.stack.auth.userPool);

    // Act
    const outputs = dev.template.toJSON().Outputs;

    // Assert
    expect(JSON.stringify(outputs.IssuerUrl.Value)).toContain(`{"Ref":"${poolId}"}`);
    expect(JSON.stringify(outputs.IssuerUrl.Value)).toContain('https://cognito-idp.');
    expect(outputs.UserPoolClientId.Value).toEqual({ Ref: logicalIdOf(dev.stack.auth.client) });
  });
});
