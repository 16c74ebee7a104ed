import { auditWrite } from '../platform/audit.ts';
import { ValidationError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { versionedPatch, versionedUpdate, writeVersioned } from '../shared/versioned-write.ts';
import { assertTenantAdmin } from './identity.policy.ts';
import { SettingsEntity } from './settings.entity.ts';
import { DEFAULT_SETTINGS, emailDomainOf, isEmailDomainAllowed } from './settings.model.ts';
import { AdminSettings, type ReplaceSettings } from './settings.schema.ts';

/** Parsing fixes the key order of every map, so the audit diff sees only real changes. */
const toSettings = (item: object): AdminSettings => AdminSettings.parse(item);

/** A tenant that never saved reads the defaults at version 0, with no bookkeeping (a fresh copy each time). */
const load = async (tenantId: string, consistent = false): Promise<AdminSettings> => {
  const { data } = await SettingsEntity.get({ tenantId }).go({ consistent });
  return toSettings(data ?? { ...DEFAULT_SETTINGS, version: 0 });
};

const SHOWN_DOMAINS = 5;

const domainList = (domains: readonly string[]): string =>
  domains.length > SHOWN_DOMAINS
    ? `${domains.slice(0, SHOWN_DOMAINS).join(', ')} or ${domains.length - SHOWN_DOMAINS} more`
    : domains.join(', ');

/**
 * A tenant's settings, the defaults when it never saved. For other contexts (proctoring
 * thresholds and retention, interview defaults): no role check, the tenant comes from
 * the caller's own principal or the object being processed.
 */
export const settingsFor = (tenantId: string): Promise<AdminSettings> => load(tenantId);

export const getSettings = async (actor: Principal): Promise<AdminSettings> => {
  assertTenantAdmin(actor);
  return load(actor.tenantId);
};

/**
 * Replaces the whole document. The first save is a conditional create (nothing stored yet,
 * version 0); every later one a versioned update. Either way a concurrent save makes our
 * condition fail: with If-Match that is the caller's 412, without it the save is decided
 * again on what the other one stored, now as an update.
 */
export const replaceSettings = async (
  actor: Principal,
  input: ReplaceSettings,
  expectedVersion?: number,
): Promise<AdminSettings> => {
  assertTenantAdmin(actor);
  const { tenantId } = actor;
  await writeVersioned(expectedVersion, {
    label: 'The settings',
    load: () => load(tenantId, true),
    decide: (current) => {
      return [
        current.version === 0
          ? versionedUpdate(
              SettingsEntity.upsert({
                tenantId,
                ...input,
                createdBy: actor.userId,
                updatedBy: actor.userId,
                version: 1,
              })
                .where(({ version }, { notExists }) => notExists(version))
                .params(),
            )
          : versionedPatch(
              SettingsEntity.patch({ tenantId }).set({ ...input, updatedBy: actor.userId }),
              current.version,
            ),
        auditWrite(actor, {
          action: 'settings.updated',
          entityType: 'settings',
          entityId: tenantId,
          before: current,
          after: toSettings({ ...current, ...input }),
        }),
      ];
    },
  });
  return load(tenantId, true);
};

/**
 * The settings an invitation follows: it refuses staff at a domain the tenant's admins did
 * not list (400 on `email`; no list means any domain), and gives the new user the tenant's
 * time zone and notification defaults. For inviteUser, before the sign-in account is created.
 */
export const settingsForInvitation = async (tenantId: string, email: string): Promise<AdminSettings> => {
  // Consistent: a list saved a moment ago must already keep the next invitation out.
  const settings = await load(tenantId, true);
  const { allowedEmailDomains } = settings;
  if (isEmailDomainAllowed(allowedEmailDomains, email)) return settings;
  throw new ValidationError(`${emailDomainOf(email)} is not a domain this organisation invites staff from.`, {
    errors: [
      {
        field: 'email',
        code: 'domain_not_allowed',
        message: `Use an address at ${domainList(allowedEmailDomains)}`,
      },
    ],
  });
};
