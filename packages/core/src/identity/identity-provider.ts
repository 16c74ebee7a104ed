import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider';
import { AppError, ConflictError, type FieldError, NotFoundError } from '../shared/errors.ts';
import type { StaffRole } from '../shared/principal.ts';

/** The sign-in account of a staff user, as the user service provisions it. */
export interface NewIdentity {
  userId: string;
  tenantId: string;
  email: string;
  name: string;
  roles: readonly StaffRole[];
}

export interface IdentityProvider {
  /** Creates the sign-in account (Cognito emails a temporary password in AWS), puts it in one group per role; returns the provider's username (Cognito: the sub). A taken email -> IdentityExistsError. */
  createUser(identity: NewIdentity): Promise<{ username: string }>;
  /** Makes the user's groups exactly `roles` (adds missing, removes extra). */
  setRoles(username: string, roles: readonly StaffRole[]): Promise<void>;
  disableUser(username: string): Promise<void>;
  enableUser(username: string): Promise<void>;
  /** Undo of createUser when our own write fails afterwards. Missing user is not an error. */
  deleteUser(username: string): Promise<void>;
}

/** Emails are unique across the whole pool, not per tenant: one person, one sign-in. */
export class IdentityExistsError extends ConflictError {
  override readonly code = 'identity_exists';
  override readonly title = 'This email address is already registered';

  constructor(options: { cause?: unknown; errors?: FieldError[] } = {}) {
    super('This email address is already registered on the platform.', options);
  }
}

export const USER_POOL_ID_ENV = 'USER_POOL_ID';

/** Attempts per call; the SDK's standard strategy retries throttling (TooManyRequestsException) with backoff. */
export const COGNITO_MAX_ATTEMPTS = 4;

/** Cognito's admin APIs take at most 60 results a page. */
const PAGE_SIZE = 60;

const isCognitoError = (error: unknown, ...names: string[]): boolean =>
  error instanceof Error && names.includes(error.name);

/** Our own errors pass through; a Cognito error nobody expects becomes an opaque 500 that keeps its cause for the logs. */
const unexpected = (operation: string, error: unknown): Error =>
  error instanceof AppError ? error : new Error(`Cognito ${operation} failed`, { cause: error });

const noSuchAccount = (error: unknown): NotFoundError =>
  new NotFoundError('This user has no sign-in account.', { cause: error });

export const cognitoIdentityProvider = (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): IdentityProvider => {
  const addToGroup = async (username: string, role: StaffRole) => {
    try {
      await client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: role }),
      );
    } catch (error) {
      if (isCognitoError(error, 'UserNotFoundException')) throw noSuchAccount(error);
      throw unexpected('AdminAddUserToGroup', error);
    }
  };

  const removeFromGroup = async (username: string, group: string) => {
    try {
      await client.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }),
      );
    } catch (error) {
      if (isCognitoError(error, 'UserNotFoundException')) throw noSuchAccount(error);
      throw unexpected('AdminRemoveUserFromGroup', error);
    }
  };

  const groupsOf = async (username: string): Promise<string[]> => {
    const groups: string[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await client.send(
          new AdminListGroupsForUserCommand({
            UserPoolId: userPoolId,
            Username: username,
            Limit: PAGE_SIZE,
            NextToken: nextToken,
          }),
        );
        for (const group of page.Groups ?? []) if (group.GroupName) groups.push(group.GroupName);
        nextToken = page.NextToken;
      } while (nextToken);
    } catch (error) {
      if (isCognitoError(error, 'UserNotFoundException')) throw noSuchAccount(error);
      throw unexpected('AdminListGroupsForUser', error);
    }
    return groups;
  };

  const deleteUser = async (username: string) => {
    try {
      await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
    } catch (error) {
      if (isCognitoError(error, 'UserNotFoundException')) return;
      throw unexpected('AdminDeleteUser', error);
    }
  };

  const createAccount = async ({ userId, tenantId, email, name }: NewIdentity): Promise<string> => {
    try {
      const { User: user } = await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            // The admin vouches for the address; an unverified one could not receive the temporary password.
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: name },
            { Name: 'custom:tenantId', Value: tenantId },
            { Name: 'custom:userId', Value: userId },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      if (!user?.Username) throw new Error('AdminCreateUser returned no username');
      return user.Username;
    } catch (error) {
      if (isCognitoError(error, 'UsernameExistsException', 'AliasExistsException')) {
        throw new IdentityExistsError({ cause: error });
      }
      throw unexpected('AdminCreateUser', error);
    }
  };

  return {
    createUser: async (identity) => {
      const username = await createAccount(identity);
      try {
        // One at a time: a burst per role would be throttled sooner, and order makes failures reproducible.
        for (const role of identity.roles) await addToGroup(username, role);
      } catch (error) {
        // An account without its groups could sign in with fewer rights than our record says; never keep it.
        await deleteUser(username).catch((rollbackError: unknown) => {
          throw new AggregateError(
            [error, rollbackError],
            `Cognito account ${username} was left without its groups and could not be deleted`,
          );
        });
        throw error;
      }
      return { username };
    },

    setRoles: async (username, roles) => {
      const current = new Set(await groupsOf(username));
      const wanted = new Set<string>(roles);
      for (const role of roles) if (!current.has(role)) await addToGroup(username, role);
      for (const group of current) if (!wanted.has(group)) await removeFromGroup(username, group);
    },

    disableUser: async (username) => {
      try {
        await client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
      } catch (error) {
        if (isCognitoError(error, 'UserNotFoundException')) throw noSuchAccount(error);
        throw unexpected('AdminDisableUser', error);
      }
    },

    enableUser: async (username) => {
      try {
        await client.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }));
      } catch (error) {
        if (isCognitoError(error, 'UserNotFoundException')) throw noSuchAccount(error);
        throw unexpected('AdminEnableUser', error);
      }
    },

    deleteUser,
  };
};

/** A client with the provider's retry budget; `config` lets tests and tools swap the endpoint or transport. */
export const createCognitoClient = (config: CognitoIdentityProviderClientConfig = {}): CognitoIdentityProviderClient =>
  new CognitoIdentityProviderClient({ maxAttempts: COGNITO_MAX_ATTEMPTS, ...config });

let defaultProvider: IdentityProvider | undefined;

/**
 * The provider of the user pool named by USER_POOL_ID, created on first use so that modules
 * that never provision users load without it. The endpoint comes from the SDK's own
 * AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER in local mode (cognito-local).
 */
export const identityProvider = (): IdentityProvider => {
  if (defaultProvider) return defaultProvider;
  const userPoolId = process.env[USER_POOL_ID_ENV];
  if (!userPoolId) throw new Error(`Missing required environment variable ${USER_POOL_ID_ENV}`);
  defaultProvider = cognitoIdentityProvider(createCognitoClient(), userPoolId);
  return defaultProvider;
};
