import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAFF_ROLES } from '@assist-ten/core/shared/principal';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { assertPortFree, findFreePort, LOCAL_HOST } from '../ports.ts';
import { endpointUrl, localClientConfig } from './aws.ts';
import { superviseChild } from './child-process.ts';
import { onProcessExit } from './process-guard.ts';

/**
 * cognito-local (the `cognito-local` package), run as a child Node process: the user pool
 * of staff sign-in, spoken to with the real Cognito SDK. It keeps its state as JSON files in
 * `.cognito/` under its working directory, so the directory given here is that working
 * directory. Tokens are RS256-signed with the key bundled in the package (kid CognitoLocal)
 * and name `http://<host>:<port>/<userPoolId>` as issuer.
 */

export const LOCAL_USER_POOL_NAME = 'assist-ten-local';
export const LOCAL_CLIENT_NAME = 'assist-ten-local-web';

export interface CognitoLocal {
  endpoint: string;
  port: number;
  pid: number;
  userPoolId: string;
  clientId: string;
  /** Stops the process (SIGTERM, SIGKILL after 5 s) and resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  /** 0 picks a free port before spawning: the port is part of the token issuer, so it must be known up front. */
  port: number;
  /** Where the pool is kept across restarts; a temporary directory removed on stop when absent. */
  directory?: string;
  readyTimeoutMs?: number;
  log: (msg: string) => void;
}

const PAGE_SIZE = 60;
// cognito-local logs with forced colours even into a pipe; error messages should not carry them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences is the point.
const ANSI = /\u001b\[[0-9;]*m/g;

const startScript = createRequire(import.meta.url).resolve('cognito-local/lib/bin/start.js');

export const startCognitoLocal = async ({
  port: requestedPort,
  directory,
  readyTimeoutMs = 15_000,
  log,
}: CognitoLocalOptions): Promise<CognitoLocal> => {
  const started = performance.now();
  const port = requestedPort === 0 ? await findFreePort() : requestedPort;
  // Checked first: a cognito-local left over on this port would answer our readiness probe in our child's stead.
  await assertPortFree(port, 'cognito-local');
  const endpoint = endpointUrl(port);
  if (directory) await mkdir(directory, { recursive: true });
  const temporary = directory ? undefined : await mkdtemp(join(tmpdir(), 'assist-ten-cognito-'));
  const forgetTemporary = temporary
    ? onProcessExit(() => rmSync(temporary, { recursive: true, force: true }))
    : () => {};
  const child = spawn(process.execPath, [startScript], {
    cwd: directory ?? temporary,
    // Only what it needs: the AWS_* endpoints and credentials the local cloud puts in our env are not its business.
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: LOCAL_HOST,
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const supervised = superviseChild(child, {
    name: 'cognito-local',
    endpoint,
    port,
    portInUse: /EADDRINUSE/,
    clean: (output) => output.replace(ANSI, ''),
  });
  const client = new CognitoIdentityProviderClient({ ...localClientConfig(endpoint), maxAttempts: 1 });
  const stop = () =>
    supervised.stop().finally(async () => {
      client.destroy();
      if (temporary) {
        await rm(temporary, { recursive: true, force: true });
        forgetTemporary();
      }
    });

  let pool: { userPoolId: string; clientId: string };
  try {
    await supervised.untilAnswering(
      (abortSignal) => client.send(new ListUserPoolsCommand({ MaxResults: 1 }), { abortSignal }),
      readyTimeoutMs,
    );
    pool = await supervised.whileAlive(ensureUserPool(client, log));
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('cognito-local started without a pid');
  log(
    `cognito-local ready on ${endpoint} (pid ${pid}, pool ${pool.userPoolId}) in ${Math.round(performance.now() - started)} ms`,
  );
  return { endpoint, port, pid, ...pool, stop };
};

/**
 * The pool, groups and app client of infra/constructs/auth.ts, as far as the emulator models
 * them. Idempotent by name: a persisted pool is reused as it is.
 */
const ensureUserPool = async (
  client: CognitoIdentityProviderClient,
  log: (msg: string) => void,
): Promise<{ userPoolId: string; clientId: string }> => {
  const userPoolId = (await findUserPool(client)) ?? (await createUserPool(client, log));
  await ensureGroups(client, userPoolId, log);
  const clientId = (await findAppClient(client, userPoolId)) ?? (await createAppClient(client, userPoolId, log));
  return { userPoolId, clientId };
};

const findUserPool = async (client: CognitoIdentityProviderClient): Promise<string | undefined> => {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListUserPoolsCommand({ MaxResults: PAGE_SIZE, NextToken: nextToken }));
    const found = page.UserPools?.find((pool) => pool.Name === LOCAL_USER_POOL_NAME);
    if (found?.Id) return found.Id;
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
};

const immutableString = (name: string) => ({
  Name: name,
  AttributeDataType: 'String' as const,
  Mutable: false,
  StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
});

const createUserPool = async (client: CognitoIdentityProviderClient, log: (msg: string) => void): Promise<string> => {
  const { UserPool: pool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: LOCAL_USER_POOL_NAME,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: [immutableString('tenantId'), immutableString('userId')],
    }),
  );
  if (!pool?.Id) throw new Error('cognito-local created a user pool without an id');
  log(`Created user pool ${LOCAL_USER_POOL_NAME} (${pool.Id})`);
  return pool.Id;
};

/** Creates only the missing groups: cognito-local's CreateGroup on an existing name would empty it. */
const ensureGroups = async (client: CognitoIdentityProviderClient, userPoolId: string, log: (msg: string) => void) => {
  const present = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListGroupsCommand({ UserPoolId: userPoolId, Limit: PAGE_SIZE, NextToken: nextToken }),
    );
    for (const group of page.Groups ?? []) if (group.GroupName) present.add(group.GroupName);
    nextToken = page.NextToken;
  } while (nextToken);
  for (const role of STAFF_ROLES.filter((candidate) => !present.has(candidate))) {
    await client.send(
      new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role, Description: `Staff role ${role}` }),
    );
    log(`Created group ${role}`);
  }
};

const findAppClient = async (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): Promise<string | undefined> => {
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: PAGE_SIZE, NextToken: nextToken }),
    );
    const found = page.UserPoolClients?.find((candidate) => candidate.ClientName === LOCAL_CLIENT_NAME);
    if (found?.ClientId) return found.ClientId;
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
};

const createAppClient = async (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  log: (msg: string) => void,
): Promise<string> => {
  const { UserPoolClient: appClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: LOCAL_CLIENT_NAME,
      GenerateSecret: false,
      // The local login signs in as the frontend would, but server side: the admin password flow.
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      // As the real client (1 h tokens). Units are explicit: cognito-local's default for ID tokens is minutes.
      IdTokenValidity: 1,
      AccessTokenValidity: 1,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours', RefreshToken: 'days' },
    }),
  );
  if (!appClient?.ClientId) throw new Error('cognito-local created an app client without an id');
  log(`Created app client ${LOCAL_CLIENT_NAME} (${appClient.ClientId})`);
  return appClient.ClientId;
};
