import { isoNow } from '../shared/clock.ts';
import { ENV } from '../shared/env.ts';
import { newId } from '../shared/ids.ts';
import type { Principal } from '../shared/principal.ts';
import { put, type TransactionWrite } from '../shared/transaction.ts';
import { AuditLogEntity } from './audit-log.entity.ts';

/** What happened to which object; `before`/`after` are the object as the API shows it. */
export interface AuditEvent {
  /** `<entity>.<verb>`, e.g. `requisition.published`. */
  action: string;
  entityType: string;
  entityId: string;
  /** The tenant that owns the object, when it is not the actor's (the superadmin acts on tenants). */
  tenantId?: string;
  before?: object | undefined;
  after?: object | undefined;
}

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** Bookkeeping every write changes; the entry itself records who and when. */
const NOT_AUDITED = new Set(['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

/** Personal data is kept out of the trail: an audit log outlives erasure requests. */
const PERSONAL_FIELDS = new Set(['email', 'phone', 'name', 'fullName', 'contactEmail', 'contactName', 'contactPhone']);

const MAX_TEXT = 500;
const MAX_VALUE_JSON = 4_000;

const maskText = (field: string, value: string): string => {
  if (field.toLowerCase().includes('email')) {
    const [local = '', domain = ''] = value.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return `${value.slice(0, 1)}***`;
};

const mask = (field: string, value: unknown): unknown => {
  if (value === null || value === undefined) return value;
  if (PERSONAL_FIELDS.has(field) && typeof value === 'string') return maskText(field, value);
  if (Array.isArray(value)) return value.map((item) => mask(field, item));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mask(key, inner)]));
  }
  if (typeof value === 'string' && value.length > MAX_TEXT) return `${value.slice(0, MAX_TEXT)}…`;
  return value;
};

/** A value as the trail keeps it: masked, and bounded so one entry stays far below DynamoDB's 400 KB. */
const recorded = (field: string, value: unknown): unknown => {
  const masked = mask(field, value);
  const size = JSON.stringify(masked)?.length ?? 0;
  return size > MAX_VALUE_JSON ? `[${size} characters, not kept]` : masked;
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between two views of an object, values masked and bounded. */
export const changesBetween = (before: object | undefined, after: object | undefined): FieldChange[] => {
  const was = (before ?? {}) as Record<string, unknown>;
  const is = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((field) => !NOT_AUDITED.has(field));
  return fields
    .filter((field) => !same(was[field], is[field]))
    .sort()
    .map((field) => ({
      field,
      ...(was[field] === undefined ? {} : { before: recorded(field, was[field]) }),
      ...(is[field] === undefined ? {} : { after: recorded(field, is[field]) }),
    }));
};

const DEFAULT_RETENTION_DAYS = 400;

const retentionDays = (): number => {
  const configured = Number(process.env[ENV.auditRetentionDays]);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_RETENTION_DAYS;
};

/** The audit entry of a change, as one write of the change's own transaction. */
export const auditWrite = (actor: Principal, event: AuditEvent): TransactionWrite => {
  const now = isoNow();
  return put(
    AuditLogEntity.create({
      tenantId: event.tenantId ?? actor.tenantId,
      auditId: newId('audit'),
      at: now,
      actorId: actor.userId,
      actorTenantId: actor.tenantId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      changes: changesBetween(event.before, event.after),
      requestId: actor.requestId,
      expiresAt: Math.floor(Date.parse(now) / 1000) + retentionDays() * 86_400,
    }).params(),
  );
};
