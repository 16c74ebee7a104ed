import { STAFF_ROLES } from '@assist-ten/core/shared/principal';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageConfig } from '../stacks/stage-config.ts';
import { pascalCase } from './names.ts';

/** The custom attribute that binds a staff user to a tenant; the token carries it as `custom:tenantId`. */
export const TENANT_ATTRIBUTE = 'tenantId';
/** Our id of the user (`usr_...`), set at invitation; the token carries it as `custom:userId`. */
export const USER_ID_ATTRIBUTE = 'userId';

export interface AuthProps {
  readonly config: StageConfig;
}

/**
 * Staff sign-in: a Cognito user pool (admins create users, no self sign-up), one group
 * per staff role, an immutable `tenantId` attribute and the web app's client.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The `iss` of the pool's tokens, as the JWT authorizer expects it. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, { config }: AuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: {
        [TENANT_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        [USER_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: config.threatProtection,
      deletionProtection: config.retainData,
      removalPolicy: config.removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP offered to every user) so admin-created staff can complete their first sign-in; threat protection (Plus tier) challenges risky sign-ins in prod.',
    });

    for (const role of STAFF_ROLES) {
      new UserPoolGroup(this, `${pascalCase(role)}Group`, {
        userPool: this.userPool,
        groupName: role,
        description: `Staff role ${role}`,
      });
    }

    const standardRead = { email: true, emailVerified: true, fullname: true };
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes(standardRead)
        .withCustomAttributes(TENANT_ATTRIBUTE, USER_ID_ATTRIBUTE),
      // The API's user item owns email, name, tenant and id; an email changed here would leave
      // the item and its uniqueness claim behind, so the web client may write the name only.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    const stack = Stack.of(this);
    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
