import type { KeyProvider } from './key-provider.ts';
import { keyProvider } from './provider.ts';

/**
 * How two spellings of one address are made equal before hashing: trimmed and lowercased.
 * Not Gmail's dot-folding or `+tag` stripping: those rules hold for some providers only, and
 * folding `a.b@corp.test` into `ab@corp.test` would merge two different people of a company
 * whose mail server treats them apart; a duplicate we miss is cheaper than a merge we force.
 */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * A blind index of an email: a keyed hash that finds equal addresses without storing one.
 * The tenant is part of the message, so the same person in two tenants has unrelated
 * indexes (nothing links them across tenants); `v1` lets a new scheme live alongside.
 */
export const emailBlindIndex = (
  tenantId: string,
  email: string,
  provider: KeyProvider = keyProvider(),
): Promise<string> => provider.mac(`candidate-email:v1:${tenantId}:${normaliseEmail(email)}`);
