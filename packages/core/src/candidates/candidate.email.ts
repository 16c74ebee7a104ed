import { ConflictError } from '../shared/errors.ts';
import { put, remove, type TransactionWrite } from '../shared/transaction.ts';
import { UniqueValueEntity } from '../shared/unique.entity.ts';

/**
 * The claim that makes a candidate's email unique in its tenant and findable: its value is
 * the blind index, never the address, so the claim item holds nothing personal.
 */
const KIND = 'candidate-email';

const ownerIn = (item: Record<string, unknown> | undefined): string | undefined => {
  const owner = item?.ownerId;
  if (typeof owner === 'string') return owner;
  // Cancellation reasons come back in DynamoDB's wire format.
  const wire = (owner as { S?: unknown } | undefined)?.S;
  return typeof wire === 'string' ? wire : undefined;
};

export const candidateEmailTaken = (existingCandidateId: string | undefined): ConflictError =>
  new ConflictError('A candidate with this email already exists.', {
    errors: [{ field: 'email', code: 'taken', message: 'This email already belongs to a candidate' }],
    ...(existingCandidateId ? { extensions: { existingCandidateId } } : {}),
  });

export const claimCandidateEmail = (tenantId: string, emailIndex: string, candidateId: string): TransactionWrite =>
  put(
    UniqueValueEntity.create({ scope: tenantId, kind: KIND, value: emailIndex, ownerId: candidateId }).params(),
    (item) => candidateEmailTaken(ownerIn(item)),
  );

/** Frees the old address when a candidate's email changes; only the candidate's own claim. */
export const releaseCandidateEmail = (tenantId: string, emailIndex: string, candidateId: string): TransactionWrite =>
  remove(
    UniqueValueEntity.delete({ scope: tenantId, kind: KIND, value: emailIndex })
      .where(({ ownerId }, { eq }) => eq(ownerId, candidateId))
      .params(),
    () => new ConflictError(`The email claim of candidate ${candidateId} is held by someone else; try again.`),
  );

/** Who holds an email (by its blind index), if anyone. */
export const candidateIdByEmailIndex = async (tenantId: string, emailIndex: string): Promise<string | undefined> => {
  const { data } = await UniqueValueEntity.get({ scope: tenantId, kind: KIND, value: emailIndex }).go();
  return data?.ownerId;
};
