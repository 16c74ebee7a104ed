import { eventWrite } from '../events/record.ts';
import { ExtractedSkill } from '../extraction/extracted-skill.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import { type Principal, systemPrincipal } from '../shared/principal.ts';
import { boundedList, type Page } from '../shared/schema.ts';
import { put, type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import { versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { candidateEmailIndex, newCandidateKey, openContact, sealerFor } from './candidate.crypto.ts';
import { candidateIdByEmailIndex, claimCandidateEmail, releaseCandidateEmail } from './candidate.email.ts';
import { CandidateEntity, type CandidateItem } from './candidate.entity.ts';
import { assertCandidateManager } from './candidate.policy.ts';
import { Candidate, type CreateCandidate, type ListCandidates, type UpdateCandidate } from './candidate.schema.ts';
import { skillsView } from './candidate.skills.ts';

export type { CandidateItem } from './candidate.entity.ts';
export { effectiveSkills } from './candidate.skills.ts';

/** What the API shows: contact details decrypted; the key, the blind index and the ciphertexts never. */
export const toCandidate = async (item: CandidateItem): Promise<Candidate> =>
  Candidate.parse({
    id: item.candidateId,
    fullName: item.fullName,
    ...(await openContact(item)),
    location: item.location,
    links: item.links,
    source: item.source,
    tags: item.tags,
    consent: item.consent,
    skills: skillsView(item),
    resumeDocumentId: item.resumeDocumentId,
    status: item.status,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    createdBy: item.createdBy,
    updatedBy: item.updatedBy,
    version: item.version,
  });

/**
 * The candidate, or undefined when there is none in this tenant. An erased candidate is
 * absent too: its id survives for references, its person does not.
 */
export const loadCandidate = async (
  tenantId: string,
  candidateId: string,
  { consistent = false }: { consistent?: boolean } = {},
): Promise<CandidateItem | undefined> => {
  const { data } = await CandidateEntity.get({ tenantId, candidateId }).go({ consistent });
  return data && data.status !== 'erased' ? data : undefined;
};

const load = async (tenantId: string, candidateId: string, consistent = false): Promise<CandidateItem> => {
  const item = await loadCandidate(tenantId, candidateId, { consistent });
  if (!item) throw new NotFoundError(`Candidate ${candidateId} was not found.`);
  return item;
};

/**
 * The audit entry of a change: which fields, never their values. The trail outlives an
 * erasure, so it must hold nothing of the person (see docs/personal-data.md).
 */
const audited = (actor: Principal, candidateId: string, verb: string, fields: readonly string[]): TransactionWrite =>
  auditWrite(actor, {
    action: `candidate.${verb}`,
    entityType: 'candidate',
    entityId: candidateId,
    tenantId: actor.tenantId,
    after: { changed: [...fields].sort() },
  });

/** Creates a candidate with its own data key; the email claim in the same transaction makes a duplicate a 409. */
export const createCandidate = async (
  actor: Principal,
  input: CreateCandidate,
  candidateId: string = newId('candidate'),
): Promise<Candidate> => {
  assertCandidateManager(actor);
  const { tenantId } = actor;
  const [emailIndex, { wrappedKey, seal }] = await Promise.all([
    candidateEmailIndex(tenantId, input.email),
    newCandidateKey(tenantId, candidateId),
  ]);
  const { email, phone, skills, ...plain } = input;
  const params = CandidateEntity.create({
    ...plain,
    tenantId,
    candidateId,
    emailEncrypted: seal.email(email),
    emailIndex,
    ...(phone === undefined ? {} : { phoneEncrypted: seal.phone(phone) }),
    wrappedKey,
    ...(skills === undefined ? {} : { skillOverride: skills, skillOverrideAt: isoNow() }),
    status: 'active',
    isActive: true,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: CandidateItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Candidate ${candidateId} already exists.`)),
    claimCandidateEmail(tenantId, emailIndex, candidateId),
    audited(actor, candidateId, 'created', Object.keys(input)),
  ]);
  // The item as written, defaults and timestamps included: no read after the write.
  return toCandidate(params.Item);
};

export const getCandidate = async (actor: Principal, id: string): Promise<Candidate> => {
  assertCandidateManager(actor);
  return toCandidate(await load(actor.tenantId, id));
};

const findByEmail = async (tenantId: string, email: string): Promise<CandidateItem | undefined> => {
  const candidateId = await candidateIdByEmailIndex(tenantId, await candidateEmailIndex(tenantId, email));
  return candidateId === undefined ? undefined : loadCandidate(tenantId, candidateId);
};

/** `?email=` is an exact lookup (a page of 0 or 1); otherwise the newest first. */
export const listCandidates = async (actor: Principal, input: ListCandidates): Promise<Page<Candidate>> => {
  assertCandidateManager(actor);
  const { tenantId } = actor;
  if (input.email !== undefined) {
    const found = await findByEmail(tenantId, input.email);
    return { items: found ? [await toCandidate(found)] : [], nextCursor: null };
  }
  // The index is sparse on status already; the filter keeps an erased item out even if a
  // later write of it brought its index keys back.
  const query = CandidateEntity.query.byTenant({ tenantId }).where(({ status }, { eq }) => eq(status, 'active'));
  const page = await pageOf(query, 'gsi1pk', input, (item) => item);
  return { items: await Promise.all(page.items.map(toCandidate)), nextCursor: page.nextCursor };
};

type Changes = Partial<
  Pick<
    CandidateItem,
    | 'fullName'
    | 'emailEncrypted'
    | 'emailIndex'
    | 'phoneEncrypted'
    | 'location'
    | 'links'
    | 'source'
    | 'tags'
    | 'consent'
    | 'skillOverride'
    | 'skillOverrideAt'
  >
>;
type Removable = 'phoneEncrypted' | 'location' | 'consent' | 'skillOverride' | 'skillOverrideAt';

interface Decision {
  set: Changes;
  remove: Removable[];
  /** Claim writes that move the email with the change. */
  with: TransactionWrite[];
}

/** Turns a PATCH body into item changes: contact details sealed, the email claim moved, the override stamped. */
const decideUpdate = async (
  current: CandidateItem,
  changes: UpdateCandidate,
  newEmailIndex: string | undefined,
): Promise<Decision> => {
  const { email, phone, skills, location, consent, ...plain } = changes;
  const set: Changes = { ...plain };
  const remove: Removable[] = [];
  const claims: TransactionWrite[] = [];
  const emailMoves = email !== undefined && newEmailIndex !== undefined && newEmailIndex !== current.emailIndex;
  const seal = emailMoves || typeof phone === 'string' ? await sealerFor(current) : undefined;
  if (emailMoves && seal) {
    set.emailEncrypted = seal.email(email);
    set.emailIndex = newEmailIndex;
    claims.push(
      claimCandidateEmail(current.tenantId, newEmailIndex, current.candidateId),
      releaseCandidateEmail(current.tenantId, current.emailIndex, current.candidateId),
    );
  }
  if (phone === null) remove.push('phoneEncrypted');
  else if (phone !== undefined && seal) set.phoneEncrypted = seal.phone(phone);
  if (location === null) remove.push('location');
  else if (location !== undefined) set.location = location;
  if (consent === null) remove.push('consent');
  else if (consent !== undefined) set.consent = consent;
  if (skills === null) remove.push('skillOverride', 'skillOverrideAt');
  else if (skills !== undefined) Object.assign(set, { skillOverride: skills, skillOverrideAt: isoNow() });
  return { set, remove, with: claims };
};

/** Changes a candidate (If-Match honoured); `email` moves its claim in the same transaction. */
export const updateCandidate = async (
  actor: Principal,
  id: string,
  changes: UpdateCandidate,
  expectedVersion?: number,
): Promise<Candidate> => {
  assertCandidateManager(actor);
  const { tenantId } = actor;
  const newEmailIndex = changes.email === undefined ? undefined : await candidateEmailIndex(tenantId, changes.email);
  await writeVersioned(expectedVersion, {
    label: `Candidate ${id}`,
    load: () => load(tenantId, id),
    decide: async (current) => {
      const decision = await decideUpdate(current, changes, newEmailIndex);
      return [
        versionedPatch(
          CandidateEntity.patch({ tenantId, candidateId: id }).set({ ...decision.set, updatedBy: actor.userId }),
          current.version,
          decision.remove,
        ),
        ...decision.with,
        audited(actor, id, 'updated', Object.keys(changes)),
        // Their matches were scored with the old skills: scored again, off the request path.
        ...(changes.skills === undefined ? [] : [eventWrite(actor, 'candidate.skills_changed', { candidateId: id })]),
      ];
    },
  });
  return toCandidate(await load(tenantId, id, true));
};

const ExtractedSkills = boundedList(ExtractedSkill, 200);

export interface ExtractedSkillsRecord {
  documentId: string;
  extractionId: string;
  skills: ExtractedSkill[];
}

/**
 * The document processor's write: the skills a resume yielded replace the extracted ones and
 * the resume becomes the candidate's; a recruiter's override is left alone (the view then
 * says it is stale). Last writer wins: the newest extraction is the one to keep.
 */
export const recordExtractedSkills = async (
  tenantId: string,
  candidateId: string,
  record: ExtractedSkillsRecord,
): Promise<void> => {
  const actor = systemPrincipal(tenantId, `document:${record.documentId}`);
  const skills = ExtractedSkills.parse(record.skills);
  await writeVersioned(undefined, {
    label: `Candidate ${candidateId}`,
    load: () => load(tenantId, candidateId),
    decide: (current) => [
      versionedPatch(
        CandidateEntity.patch({ tenantId, candidateId }).set({
          extractedSkills: skills,
          extractedFrom: { documentId: record.documentId, extractionId: record.extractionId, at: isoNow() },
          resumeDocumentId: record.documentId,
          updatedBy: actor.userId,
        }),
        current.version,
      ),
      audited(actor, candidateId, 'skills_extracted', ['extractedSkills', 'extractedFrom', 'resumeDocumentId']),
    ],
  });
};
