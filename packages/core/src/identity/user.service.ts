import { eventWrite } from '../events/record.ts';
import { auditWrite } from '../platform/audit.ts';
import { metricWrites } from '../platform/metric.service.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal, StaffRole } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { assertTransition } from '../shared/state-machine.ts';
import { put, type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import { UniqueValueEntity } from '../shared/unique.entity.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { assertTenantAdmin } from './identity.policy.ts';
import { IdentityExistsError, type IdentityProvider, identityProvider, type NewIdentity } from './identity-provider.ts';
import { settingsForInvitation } from './settings.service.ts';
import { TenantEntity } from './tenant.entity.ts';
import { claimAdmin, claimSeat, limitReached, releaseAdmin, releaseSeat } from './tenant-usage.ts';
import { UserEntity, type UserItem } from './user.entity.ts';
import {
  DEFAULT_LOCALE,
  DEFAULT_NOTIFICATION_PREFERENCES,
  DEFAULT_TIMEZONE,
  type NotificationPreferences,
  type UserStatus,
} from './user.model.ts';
import type { InviteUser, ListUsers, UpdateMe, UpdateUser } from './user.schema.ts';
import { User } from './user.schema.ts';
import { USER_TRANSITIONS } from './user.status.ts';

export const toUser = ({ userId, ...item }: UserItem): User => User.parse({ ...item, id: userId });

const notFound = (id: string) => new NotFoundError(`User ${id} was not found.`);

const load = async (tenantId: string, userId: string, consistent = false): Promise<UserItem> => {
  const { data } = await UserEntity.get({ tenantId, userId }).go({ consistent });
  if (!data) throw notFound(userId);
  return data;
};

const emailTaken = (email: string) =>
  new ConflictError(`${email} is already a user of this tenant.`, {
    errors: [{ field: 'email', code: 'taken', message: 'This email already belongs to a user' }],
  });

const isAdmin = (roles: readonly StaffRole[]): boolean => roles.includes('admin');

/**
 * The writes that create a user: the item, the claim on its email within the tenant (the
 * uniqueness guarantee), and its audit entry. Shared by inviting and by creating a tenant.
 */
export const newUserWrites = (
  actor: Principal,
  identity: NewIdentity & {
    identityUsername: string;
    timezone?: string;
    locale?: string;
    notificationPreferences?: NotificationPreferences;
  },
): { writes: TransactionWrite[]; item: Omit<UserItem, 'createdAt' | 'updatedAt' | 'version'> } => {
  const item = {
    tenantId: identity.tenantId,
    userId: identity.userId,
    email: identity.email,
    name: identity.name,
    roles: [...identity.roles],
    status: 'active' as const,
    identityUsername: identity.identityUsername,
    timezone: identity.timezone ?? DEFAULT_TIMEZONE,
    locale: identity.locale ?? DEFAULT_LOCALE,
    notificationPreferences: identity.notificationPreferences ?? DEFAULT_NOTIFICATION_PREFERENCES,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  };
  const { identityUsername: _, ...shown } = item;
  return {
    item,
    writes: [
      put(UserEntity.create(item).params(), () => new ConflictError(`User ${identity.userId} already exists.`)),
      put(
        UniqueValueEntity.create({
          scope: identity.tenantId,
          kind: 'email',
          value: identity.email,
          ownerId: identity.userId,
        }).params(),
        () => emailTaken(identity.email),
      ),
      auditWrite(actor, {
        action: 'user.invited',
        entityType: 'user',
        entityId: identity.userId,
        tenantId: identity.tenantId,
        after: { ...shown, id: identity.userId },
      }),
    ],
  };
};

/** Creates the sign-in account; an email registered anywhere on the platform is a 409 naming `field`. */
export const createAccount = async (
  provider: IdentityProvider,
  identity: NewIdentity,
  field: string,
): Promise<{ username: string }> => {
  try {
    return await provider.createUser(identity);
  } catch (error) {
    if (!(error instanceof IdentityExistsError)) throw error;
    throw new IdentityExistsError({
      errors: [{ field, code: 'taken', message: 'This email is already registered on Assist-Ten' }],
      cause: error,
    });
  }
};

/** Fails fast, before an account is created, when the tenant has no room for another user. */
const assertRoomForUser = async (tenantId: string): Promise<void> => {
  const { data } = await TenantEntity.get({ tenantId }).go({ attributes: ['userCount', 'maxUsers'] });
  if (data && data.userCount >= data.maxUsers) throw limitReached('maxUsers', data.maxUsers);
};

/**
 * Invites a user: the sign-in account first (a taken email fails there, before anything
 * is written), then the user, its email claim and the tenant's user count in one
 * transaction; if that fails, the account is deleted again.
 */
export const inviteUser = async (
  actor: Principal,
  input: InviteUser,
  provider: IdentityProvider = identityProvider(),
): Promise<User> => {
  assertTenantAdmin(actor);
  const settings = await settingsForInvitation(actor.tenantId, input.email);
  const existing = await UniqueValueEntity.get({ scope: actor.tenantId, kind: 'email', value: input.email }).go();
  if (existing.data) throw emailTaken(input.email);
  await assertRoomForUser(actor.tenantId);
  const identity = {
    userId: newId('user'),
    tenantId: actor.tenantId,
    email: input.email,
    name: input.name,
    roles: input.roles,
  };
  const { username } = await createAccount(provider, identity, 'email');
  try {
    const { writes } = newUserWrites(actor, {
      ...identity,
      identityUsername: username,
      timezone: input.timezone ?? settings.timezone,
      ...(input.locale ? { locale: input.locale } : {}),
      notificationPreferences: settings.notificationDefaults,
    });
    await transactWrite([
      ...writes,
      claimSeat(actor.tenantId, { admin: isAdmin(input.roles) }),
      ...metricWrites(actor.tenantId, 'users_invited'),
    ]);
  } catch (error) {
    await provider.deleteUser(username);
    throw error;
  }
  return toUser(await load(actor.tenantId, identity.userId, true));
};

export const getUser = async (actor: Principal, id: string): Promise<User> => {
  assertTenantAdmin(actor);
  return toUser(await load(actor.tenantId, id));
};

export const listUsers = async (actor: Principal, input: ListUsers): Promise<Page<User>> => {
  assertTenantAdmin(actor);
  const { status, limit, cursor } = input;
  const { tenantId } = actor;
  const query = status ? UserEntity.query.byStatus({ tenantId, status }) : UserEntity.query.byTenant({ tenantId });
  return pageOf(query, status ? 'gsi2pk' : 'gsi1pk', { limit, cursor }, toUser);
};

type UserChanges = Partial<
  Pick<UserItem, 'name' | 'roles' | 'timezone' | 'locale' | 'notificationPreferences' | 'status' | 'deactivatedAt'>
>;

interface UserDecision {
  set: UserChanges;
  remove?: 'deactivatedAt'[];
  verb: string;
  /** Counter writes that must happen with the change (user and admin counts). */
  with?: TransactionWrite[];
}

const writeUser = async (
  actor: Principal,
  id: string,
  expectedVersion: number | undefined,
  decide: (current: UserItem) => UserDecision,
): Promise<{ before: UserItem; after: User }> => {
  const before = await writeVersioned(expectedVersion, {
    label: `User ${id}`,
    load: () => load(actor.tenantId, id),
    decide: (current) => {
      const { set, remove = [], verb, with: extra = [] } = decide(current);
      return [
        versionedPatch(
          UserEntity.patch({ tenantId: actor.tenantId, userId: id }).set({ ...set, updatedBy: actor.userId }),
          current.version,
          remove,
        ),
        ...extra,
        auditWrite(actor, {
          action: `user.${verb}`,
          entityType: 'user',
          entityId: id,
          before: toUser(current),
          after: toUser(patched(current, set, remove)),
        }),
      ];
    },
  });
  return { before, after: toUser(await load(actor.tenantId, id, true)) };
};

/** The admin-count writes a role change of an active user needs. */
const adminCountWrites = (current: UserItem, roles: readonly StaffRole[] | undefined): TransactionWrite[] => {
  if (!roles || current.status !== 'active' || isAdmin(current.roles) === isAdmin(roles)) return [];
  return [isAdmin(roles) ? claimAdmin(current.tenantId) : releaseAdmin(current.tenantId)];
};

/** The user hears of a change to their roles: a security notice, since roles are access. */
const rolesChangedEvents = (
  actor: Principal,
  current: UserItem,
  roles: readonly StaffRole[] | undefined,
): TransactionWrite[] => {
  const before = [...current.roles].sort();
  const after = roles ? [...new Set(roles)].sort() : before;
  if (before.join() === after.join()) return [];
  return [eventWrite(actor, 'user.roles_changed', { userId: current.userId, before, after })];
};

export const updateUser = async (
  actor: Principal,
  id: string,
  changes: UpdateUser,
  expectedVersion?: number,
  provider: IdentityProvider = identityProvider(),
): Promise<User> => {
  assertTenantAdmin(actor);
  const { before, after } = await writeUser(actor, id, expectedVersion, (current) => ({
    set: changes,
    verb: changes.roles ? 'roles_changed' : 'updated',
    with: [...adminCountWrites(current, changes.roles), ...rolesChangedEvents(actor, current, changes.roles)],
  }));
  // Roles are read from our item on every request; the groups keep Cognito's own view in step.
  if (changes.roles) await provider.setRoles(before.identityUsername, changes.roles);
  return after;
};

const moveTo = (current: UserItem, to: UserStatus) => assertTransition(USER_TRANSITIONS, 'A user', current.status, to);

/** Refuses the user's tokens from the next request on (the gate reads the status), then disables the account. */
export const deactivateUser = async (
  actor: Principal,
  id: string,
  expectedVersion?: number,
  provider: IdentityProvider = identityProvider(),
): Promise<User> => {
  assertTenantAdmin(actor);
  const { before, after } = await writeUser(actor, id, expectedVersion, (current) => {
    moveTo(current, 'deactivated');
    return {
      set: { status: 'deactivated', deactivatedAt: isoNow() },
      verb: 'deactivated',
      with: [releaseSeat(current.tenantId, { admin: isAdmin(current.roles) })],
    };
  });
  await provider.disableUser(before.identityUsername);
  return after;
};

export const reactivateUser = async (
  actor: Principal,
  id: string,
  expectedVersion?: number,
  provider: IdentityProvider = identityProvider(),
): Promise<User> => {
  assertTenantAdmin(actor);
  const { before, after } = await writeUser(actor, id, expectedVersion, (current) => {
    moveTo(current, 'active');
    return {
      set: { status: 'active' },
      remove: ['deactivatedAt'],
      verb: 'reactivated',
      with: [claimSeat(current.tenantId, { admin: isAdmin(current.roles) })],
    };
  });
  await provider.enableUser(before.identityUsername);
  return after;
};

const mergePreferences = (
  current: NotificationPreferences,
  changes: UpdateMe['notificationPreferences'],
): NotificationPreferences => {
  const merged = { ...current };
  for (const [type, channels] of Object.entries(changes ?? {}) as [
    keyof NotificationPreferences,
    object | undefined,
  ][]) {
    merged[type] = { ...current[type], ...channels };
  }
  return merged;
};

export const getMyUser = async (actor: Principal): Promise<User> => toUser(await load(actor.tenantId, actor.userId));

/** Anyone may change their own name, time zone, locale and notification preferences. */
export const updateMyUser = async (actor: Principal, changes: UpdateMe, expectedVersion?: number): Promise<User> => {
  const { after } = await writeUser(actor, actor.userId, expectedVersion, (current) => {
    const { notificationPreferences, ...rest } = changes;
    return {
      set: {
        ...rest,
        ...(notificationPreferences
          ? { notificationPreferences: mergePreferences(current.notificationPreferences, notificationPreferences) }
          : {}),
      },
      verb: 'profile_updated',
    };
  });
  return after;
};
