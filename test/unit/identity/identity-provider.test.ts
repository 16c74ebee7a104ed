import {
  COGNITO_MAX_ATTEMPTS,
  cognitoIdentityProvider,
  createCognitoClient,
  IdentityExistsError,
  type NewIdentity,
  USER_POOL_ID_ENV,
} from '@assist-ten/core/identity/identity-provider';
import { NotFoundError } from '@assist-ten/core/shared/errors';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AliasExistsException,
  CognitoIdentityProviderClient,
  ResourceNotFoundException,
  TooManyRequestsException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const POOL = 'us-east-1_TestPool';
const SUB = '7d1c4a52-5f0e-4f5b-9a77-3f2b1e0c9d11';

const identity = (overrides: Partial<NewIdentity> = {}): NewIdentity => ({
  userId: 'usr_01JDEM0000000000000000000A',
  tenantId: 'tnt_demo',
  email: 'rita@demo.test',
  name: 'Rita Recruiter',
  roles: ['recruiter', 'interviewer'],
  ...overrides,
});

const metadata = { $metadata: {} };
const usernameExists = () => new UsernameExistsException({ message: 'User account already exists', ...metadata });
const aliasExists = () =>
  new AliasExistsException({ message: 'An account with the email already exists', ...metadata });
const userNotFound = () => new UserNotFoundException({ message: 'User does not exist.', ...metadata });
const groupNotFound = () => new ResourceNotFoundException({ message: 'Group not found', ...metadata });
const throttled = () => new TooManyRequestsException({ message: 'Rate exceeded', ...metadata });

const mockCognito = () => mockClient(CognitoIdentityProviderClient);

describe('cognitoIdentityProvider', () => {
  let cognito: ReturnType<typeof mockCognito>;
  const provider = () => cognitoIdentityProvider(new CognitoIdentityProviderClient({}), POOL);

  beforeEach(() => {
    cognito = mockCognito();
  });
  afterEach(() => cognito.restore());

  describe('createUser', () => {
    it('creates the account with its attributes, then adds it to one group per role', async () => {
      cognito.on(AdminCreateUserCommand).resolves({ User: { Username: SUB } });
      cognito.on(AdminAddUserToGroupCommand).resolves({});

      const result = await provider().createUser(identity());

      expect(result).toEqual({ username: SUB });
      expect(cognito.commandCalls(AdminCreateUserCommand).map((call) => call.args[0].input)).toEqual([
        {
          UserPoolId: POOL,
          Username: 'rita@demo.test',
          UserAttributes: [
            { Name: 'email', Value: 'rita@demo.test' },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: 'Rita Recruiter' },
            { Name: 'custom:tenantId', Value: 'tnt_demo' },
            { Name: 'custom:userId', Value: 'usr_01JDEM0000000000000000000A' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        },
      ]);
      expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((call) => call.args[0].input)).toEqual([
        { UserPoolId: POOL, Username: SUB, GroupName: 'recruiter' },
        { UserPoolId: POOL, Username: SUB, GroupName: 'interviewer' },
      ]);
      expect(cognito.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);
    });

    it.each([
      ['UsernameExistsException', usernameExists],
      ['AliasExistsException', aliasExists],
    ])('refuses a taken email (%s) with a 409 that names no Cognito internals', async (_, taken) => {
      cognito.on(AdminCreateUserCommand).callsFake(() => Promise.reject(taken()));

      const attempt = provider().createUser(identity());

      await expect(attempt).rejects.toBeInstanceOf(IdentityExistsError);
      const error = await attempt.catch((caught: unknown) => caught);
      expect(error).toMatchObject({ statusCode: 409, code: 'identity_exists' });
      expect((error as Error).message).toBe('This email address is already registered on the platform.');
      expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    });

    it('deletes the account it just created when a group cannot be added, and rethrows', async () => {
      cognito.on(AdminCreateUserCommand).resolves({ User: { Username: SUB } });
      cognito
        .on(AdminAddUserToGroupCommand, { GroupName: 'interviewer' })
        .callsFake(() => Promise.reject(groupNotFound()))
        .on(AdminAddUserToGroupCommand, { GroupName: 'recruiter' })
        .resolves({});
      cognito.on(AdminDeleteUserCommand).resolves({});

      const error = await provider()
        .createUser(identity())
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(Error);
      expect((error as Error).cause).toBeInstanceOf(ResourceNotFoundException);
      expect(cognito.commandCalls(AdminDeleteUserCommand).map((call) => call.args[0].input)).toEqual([
        { UserPoolId: POOL, Username: SUB },
      ]);
    });

    it('names the account left behind when the undo fails too', async () => {
      cognito.on(AdminCreateUserCommand).resolves({ User: { Username: SUB } });
      cognito.on(AdminAddUserToGroupCommand).callsFake(() => Promise.reject(groupNotFound()));
      cognito.on(AdminDeleteUserCommand).callsFake(() => Promise.reject(throttled()));

      const error = await provider()
        .createUser(identity())
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(AggregateError);
      expect((error as AggregateError).message).toContain(SUB);
      expect((error as AggregateError).errors.map((each: Error) => each.cause)).toEqual([
        expect.any(ResourceNotFoundException),
        expect.any(TooManyRequestsException),
      ]);
    });
  });

  describe('setRoles', () => {
    it('adds the missing groups and removes the extra ones, reading every page of the current groups', async () => {
      cognito
        .on(AdminListGroupsForUserCommand)
        .resolvesOnce({ Groups: [{ GroupName: 'recruiter' }], NextToken: 'page-2' })
        .resolvesOnce({ Groups: [{ GroupName: 'admin' }] });
      cognito.on(AdminAddUserToGroupCommand).resolves({});
      cognito.on(AdminRemoveUserFromGroupCommand).resolves({});

      await provider().setRoles(SUB, ['recruiter', 'interviewer']);

      expect(cognito.commandCalls(AdminListGroupsForUserCommand).map((call) => call.args[0].input)).toEqual([
        { UserPoolId: POOL, Username: SUB, Limit: 60, NextToken: undefined },
        { UserPoolId: POOL, Username: SUB, Limit: 60, NextToken: 'page-2' },
      ]);
      expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((call) => call.args[0].input)).toEqual([
        { UserPoolId: POOL, Username: SUB, GroupName: 'interviewer' },
      ]);
      expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand).map((call) => call.args[0].input)).toEqual([
        { UserPoolId: POOL, Username: SUB, GroupName: 'admin' },
      ]);
    });

    it('changes nothing when the groups already match', async () => {
      cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'admin' }] });

      await provider().setRoles(SUB, ['admin']);

      expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
      expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand)).toHaveLength(0);
    });

    it('fails with NotFoundError for an unknown user', async () => {
      cognito.on(AdminListGroupsForUserCommand).callsFake(() => Promise.reject(userNotFound()));

      await expect(provider().setRoles(SUB, ['admin'])).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('disableUser and enableUser', () => {
    it('disables and enables the account by its username', async () => {
      cognito.on(AdminDisableUserCommand).resolves({});
      cognito.on(AdminEnableUserCommand).resolves({});

      await provider().disableUser(SUB);
      await provider().enableUser(SUB);

      expect(cognito.commandCalls(AdminDisableUserCommand).map((call) => call.args[0].input)).toEqual([
        { UserPoolId: POOL, Username: SUB },
      ]);
      expect(cognito.commandCalls(AdminEnableUserCommand).map((call) => call.args[0].input)).toEqual([
        { UserPoolId: POOL, Username: SUB },
      ]);
    });

    it('fails with NotFoundError (404) for an unknown user', async () => {
      cognito.on(AdminDisableUserCommand).callsFake(() => Promise.reject(userNotFound()));
      cognito.on(AdminEnableUserCommand).callsFake(() => Promise.reject(userNotFound()));

      await expect(provider().disableUser(SUB)).rejects.toMatchObject({ statusCode: 404 });
      await expect(provider().enableUser(SUB)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('deleteUser', () => {
    it('deletes the account by its username', async () => {
      cognito.on(AdminDeleteUserCommand).resolves({});

      await provider().deleteUser(SUB);

      expect(cognito.commandCalls(AdminDeleteUserCommand).map((call) => call.args[0].input)).toEqual([
        { UserPoolId: POOL, Username: SUB },
      ]);
    });

    it('resolves when the account is already gone', async () => {
      cognito.on(AdminDeleteUserCommand).callsFake(() => Promise.reject(userNotFound()));

      await expect(provider().deleteUser(SUB)).resolves.toBeUndefined();
    });
  });

  describe('when Cognito throttles', () => {
    it('rethrows TooManyRequestsException as the cause of an opaque error', async () => {
      cognito.on(AdminDisableUserCommand).callsFake(() => Promise.reject(throttled()));

      const error = await provider()
        .disableUser(SUB)
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(NotFoundError);
      expect((error as Error).cause).toBeInstanceOf(TooManyRequestsException);
      // The mock replaces `send` itself, and the SDK's retry middleware runs inside `send`:
      // one call here is one provider call. The retries are proven through the real stack below.
      expect(cognito.commandCalls(AdminDisableUserCommand)).toHaveLength(1);
    });
  });
});

describe('createCognitoClient', () => {
  afterEach(() => vi.useRealTimers());

  it("retries a throttled call through the SDK's own stack, 4 attempts in all", async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const throttlingTransport = {
      handle: async () => {
        attempts++;
        return {
          response: {
            statusCode: 400,
            reason: 'Bad Request',
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'TooManyRequestsException' },
            body: new TextEncoder().encode(
              JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }),
            ),
          },
        };
      },
    };
    const client = createCognitoClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'offline', secretAccessKey: 'offline' },
      requestHandler: throttlingTransport,
    });
    let settled = false;
    const pending = cognitoIdentityProvider(client, POOL)
      .enableUser(SUB)
      .finally(() => {
        settled = true;
      });
    pending.catch(() => {});

    // The backoff between attempts waits on timers; run them until the call gives up.
    while (!settled) await vi.advanceTimersByTimeAsync(1_000);

    const error = await pending.catch((caught: unknown) => caught);
    expect((error as Error).cause).toBeInstanceOf(TooManyRequestsException);
    expect(attempts).toBe(4);
    expect(COGNITO_MAX_ATTEMPTS).toBe(attempts);
    client.destroy();
  });
});

describe('identityProvider', () => {
  let cognito: ReturnType<typeof mockCognito>;

  beforeEach(() => {
    cognito = mockCognito();
    // The default provider is cached per module instance: each test loads a fresh one.
    vi.resetModules();
  });
  afterEach(() => {
    cognito.restore();
    vi.unstubAllEnvs();
  });

  const load = () => import('@assist-ten/core/identity/identity-provider');

  it('fails naming USER_POOL_ID when it is not set', async () => {
    vi.stubEnv(USER_POOL_ID_ENV, '');
    const { identityProvider } = await load();

    expect(() => identityProvider()).toThrow('Missing required environment variable USER_POOL_ID');
  });

  it('serves the pool named by USER_POOL_ID with one provider per process', async () => {
    vi.stubEnv(USER_POOL_ID_ENV, POOL);
    cognito.on(AdminDisableUserCommand).resolves({});
    const { identityProvider } = await load();

    const first = identityProvider();
    await first.disableUser(SUB);

    expect(identityProvider()).toBe(first);
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]?.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: SUB,
    });
  });
});
