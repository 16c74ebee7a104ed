import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cognitoIdentityProvider,
  IdentityExistsError,
  type IdentityProvider,
  type NewIdentity,
} from '@assist-ten/core/identity/identity-provider';
import { STAFF_ROLES } from '@assist-ten/core/shared/principal';
import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../infra/local/emulators/aws.ts';
import { type CognitoLocal, LOCAL_CLIENT_NAME, startCognitoLocal } from '../../../infra/local/emulators/cognito.ts';
import { createLocalIssuer, type LocalIssuer } from '../../../infra/local/issuer.ts';
import { childCommands, isRunning } from '../../support/processes.ts';

const silent = () => {};

/** Command lines of this process's cognito-local children. */
const cognitoLocalChildren = (): string[] => childCommands().filter((command) => command.includes('cognito-local'));

/** The directories startCognitoLocal makes when given none (not this test's own). */
const temporaryDirectories = async (): Promise<string[]> =>
  (await readdir(tmpdir())).filter((name) => name.startsWith('assist-ten-cognito-') && !name.includes('-test-'));

const occupyPort = (): Promise<Server> =>
  new Promise((resolve) => {
    // Hangs up at once: a silent listener would keep a probe's connection, and close(), waiting.
    const server = createServer((socket) => socket.destroy());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

let sequence = 0;
const newIdentity = (overrides: Partial<NewIdentity> = {}): NewIdentity => {
  sequence++;
  return {
    userId: `usr_cognito_${sequence}`,
    tenantId: 'tnt_demo',
    email: `person-${sequence}@cognito.test`,
    name: `Person ${sequence}`,
    roles: ['recruiter'],
    ...overrides,
  };
};

/** Rewrites a signed token's payload without re-signing it, as an attacker would. */
const tamper = (token: string, change: Record<string, unknown>): string => {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), ...change };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
};

describe('cognito-local', () => {
  let directory: string;
  let cognito: CognitoLocal;
  let sdk: CognitoIdentityProviderClient;
  let provider: IdentityProvider;
  let issuer: LocalIssuer;

  const startOn = async (dir: string) => {
    cognito = await startCognitoLocal({ port: 0, directory: dir, log: silent });
    sdk?.destroy();
    sdk = new CognitoIdentityProviderClient(localClientConfig(cognito.endpoint));
    provider = cognitoIdentityProvider(sdk, cognito.userPoolId);
    issuer = await createLocalIssuer(cognito);
  };

  const groupsOf = async (username: string) =>
    (
      await sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: cognito.userPoolId, Username: username }))
    ).Groups?.map((group) => group.GroupName);

  const claimsOf = async (email: string): Promise<JWTPayload> => {
    const token = await issuer.login(email);
    if (!token) throw new Error(`${email} could not sign in`);
    return issuer.verify(token);
  };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'assist-ten-cognito-test-'));
    await startOn(directory);
  }, 30_000);

  afterAll(async () => {
    await cognito?.stop();
    sdk?.destroy();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  describe('startCognitoLocal', () => {
    it('ensures an email-username pool with immutable custom attributes tenantId and userId', async () => {
      const { UserPool: pool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: cognito.userPoolId }));

      expect(pool?.Name).toBe('assist-ten-local');
      expect(pool?.UsernameAttributes).toEqual(['email']);
      const custom = (pool?.SchemaAttributes ?? []).filter((attribute) => attribute.Name?.startsWith('custom:'));
      expect(custom.map(({ Name, Mutable }) => ({ Name, Mutable }))).toEqual([
        { Name: 'custom:tenantId', Mutable: false },
        { Name: 'custom:userId', Mutable: false },
      ]);
    });

    it('ensures one group per staff role and the app client', async () => {
      const [{ Groups: groups }, { UserPoolClients: clients }] = await Promise.all([
        sdk.send(new ListGroupsCommand({ UserPoolId: cognito.userPoolId })),
        sdk.send(new ListUserPoolClientsCommand({ UserPoolId: cognito.userPoolId, MaxResults: 60 })),
      ]);

      expect(groups?.map((group) => group.GroupName).sort()).toEqual([...STAFF_ROLES].sort());
      expect(clients?.map(({ ClientId, ClientName }) => ({ ClientId, ClientName }))).toEqual([
        { ClientId: cognito.clientId, ClientName: LOCAL_CLIENT_NAME },
      ]);
    });

    it('reuses the pool, its groups with their members and the client when restarted on the same directory', async () => {
      const { username } = await provider.createUser(newIdentity({ roles: ['admin'] }));
      const before = { userPoolId: cognito.userPoolId, clientId: cognito.clientId, pid: cognito.pid };

      await cognito.stop();
      await startOn(directory);

      expect({ userPoolId: cognito.userPoolId, clientId: cognito.clientId }).toEqual({
        userPoolId: before.userPoolId,
        clientId: before.clientId,
      });
      expect(cognito.pid).not.toBe(before.pid);
      const { Groups: groups } = await sdk.send(new ListGroupsCommand({ UserPoolId: cognito.userPoolId }));
      expect(groups).toHaveLength(STAFF_ROLES.length);
      expect(await groupsOf(username)).toEqual(['admin']);
    }, 30_000);

    it('refuses a port that is taken, naming it, and spawns nothing', async () => {
      const taken = await occupyPort();
      const address = taken.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const running = cognitoLocalChildren();
      try {
        await expect(startCognitoLocal({ port, log: silent })).rejects.toThrow(`Port ${port} for cognito-local`);
        expect(cognitoLocalChildren()).toEqual(running);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    }, 30_000);

    it('stops, idempotently: its process is gone and so is the temporary directory it ran in', async () => {
      const before = await temporaryDirectories();
      const temporary = await startCognitoLocal({ port: 0, log: silent });
      const created = (await temporaryDirectories()).filter((name) => !before.includes(name));
      expect(isRunning(temporary.pid)).toBe(true);
      expect(created).toHaveLength(1);

      await Promise.all([temporary.stop(), temporary.stop()]);
      await temporary.stop();

      expect(isRunning(temporary.pid)).toBe(false);
      await expect(fetch(`${temporary.endpoint}/health`)).rejects.toThrow();
      expect((await temporaryDirectories()).filter((name) => created.includes(name))).toEqual([]);
    }, 30_000);
  });

  describe('the Cognito identity provider', () => {
    it('creates a user whose ID token carries its tenant, user id, email and groups', async () => {
      const identity = newIdentity({ roles: ['recruiter', 'interviewer'] });

      const { username } = await provider.createUser(identity);
      const claims = await claimsOf(identity.email);

      expect(claims).toMatchObject({
        sub: username,
        email: identity.email,
        'custom:tenantId': identity.tenantId,
        'custom:userId': identity.userId,
        token_use: 'id',
        iss: issuer.issuer,
        aud: issuer.audience,
      });
      expect(claims['cognito:groups']).toEqual(['interviewer', 'recruiter']);
    });

    it('changes the groups of the next token with setRoles', async () => {
      const identity = newIdentity({ roles: ['recruiter', 'interviewer'] });
      const { username } = await provider.createUser(identity);

      await provider.setRoles(username, ['admin', 'interviewer']);
      const claims = await claimsOf(identity.email);

      expect(claims['cognito:groups']).toEqual(['admin', 'interviewer']);
    });

    it('signs a disabled user in no more, and again once enabled', async () => {
      const identity = newIdentity();
      const { username } = await provider.createUser(identity);

      await provider.disableUser(username);
      const whileDisabled = await issuer.login(identity.email);
      await provider.enableUser(username);
      const onceEnabled = await issuer.login(identity.email);

      expect(whileDisabled).toBeNull();
      expect(onceEnabled).toEqual(expect.any(String));
    });

    it('refuses a second account with the same email with IdentityExistsError', async () => {
      const identity = newIdentity();
      await provider.createUser(identity);

      await expect(provider.createUser({ ...identity, userId: 'usr_other' })).rejects.toBeInstanceOf(
        IdentityExistsError,
      );
    });

    it('deletes a user, and a second delete still resolves', async () => {
      const identity = newIdentity();
      const { username } = await provider.createUser(identity);

      await provider.deleteUser(username);

      expect(await issuer.login(identity.email)).toBeNull();
      await expect(provider.deleteUser(username)).resolves.toBeUndefined();
    });

    it('fails setRoles and disableUser of an unknown user with a 404', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';

      await expect(provider.setRoles(unknown, ['admin'])).rejects.toMatchObject({ statusCode: 404 });
      await expect(provider.disableUser(unknown)).rejects.toMatchObject({ statusCode: 404 });
    });
  });

  describe('LocalIssuer.verify', () => {
    const validClaims = (): JWTPayload => ({
      sub: 'c0ffee00-0000-4000-8000-000000000000',
      email: 'someone@cognito.test',
      'cognito:groups': ['recruiter'],
      'custom:tenantId': 'tnt_demo',
      token_use: 'id',
      iss: issuer.issuer,
      aud: issuer.audience,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 600,
    });

    it('accepts claims signed with the emulator key, as it accepts its tokens', async () => {
      const token = await issuer.signPayload(validClaims());

      await expect(issuer.verify(token)).resolves.toMatchObject({ 'custom:tenantId': 'tnt_demo' });
    });

    it('serves the emulator key set', async () => {
      const { keys } = await issuer.jwks();

      expect(keys).toEqual([expect.objectContaining({ kid: 'CognitoLocal', alg: 'RS256', kty: 'RSA' })]);
    });

    const refused: Record<string, () => Promise<string>> = {
      expired: () => issuer.signPayload({ ...validClaims(), exp: Math.floor(Date.now() / 1000) - 60 }),
      'without expiry': () => issuer.signPayload({ ...validClaims(), exp: undefined }),
      'for another audience': () => issuer.signPayload({ ...validClaims(), aud: 'another-client' }),
      'from another issuer': () => issuer.signPayload({ ...validClaims(), iss: 'https://evil.example/pool' }),
      'an access token': () => issuer.signPayload({ ...validClaims(), token_use: 'access' }),
      'tampered after signing': async () =>
        tamper(await issuer.signPayload(validClaims()), { 'cognito:groups': ['superadmin'] }),
      'signed with another key': async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT(validClaims()).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(privateKey);
      },
      'unsigned (alg none)': async () => new UnsecuredJWT(validClaims()).encode(),
    };

    it.each(Object.entries(refused))('refuses a token %s', async (_, makeToken) => {
      const token = await makeToken();

      await expect(issuer.verify(token)).rejects.toThrow();
    });
  });
});
