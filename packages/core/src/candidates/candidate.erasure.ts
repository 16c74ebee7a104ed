import { ApplicationEntity, type ApplicationItem } from '../applications/application.entity.ts';
import { ApplicationNoteEntity, type ApplicationNoteItem } from '../applications/note.entity.ts';
import { DocumentEntity } from '../documents/document.entity.ts';
import { auditView as documentAuditView } from '../documents/document.service.ts';
import { deleteExtractionsOfSubject } from '../extraction/extraction-log.service.ts';
import { eraseInterviewsOf } from '../interviews/interview-erasure.ts';
import { deleteMatchesOfCandidate } from '../matching/skill-match.service.ts';
import { auditWrite } from '../platform/audit.ts';
import { eraseProctoringOf } from '../proctoring/proctoring-erasure.ts';
import { chunked } from '../shared/chunked.ts';
import { isoNow } from '../shared/clock.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { defaultStore, deleteVersionsUnder, type FileStore } from '../shared/file-store.ts';
import { objectKey } from '../shared/files.ts';
import { forgetDataKey } from '../shared/pii/data-keys.ts';
import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';
import { remove, type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import { versionedPatch, versionedUpdate, writeVersioned } from '../shared/versioned-write.ts';
import { eraseAnswersOf } from '../test-sessions/answer-erasure.ts';
import { candidateKeyContext } from './candidate.crypto.ts';
import { releaseCandidateEmail } from './candidate.email.ts';
import { CandidateEntity, type CandidateItem } from './candidate.entity.ts';
import type { EraseCandidate, ErasureReceipt } from './candidate.export.schema.ts';
import { loadCandidate } from './candidate.service.ts';

/** Erasure and export answer a person's request about their own data: an admin's decision, not a recruiter's. */
export const CANDIDATE_DATA_OFFICERS: readonly StaffRole[] = ['admin'];

export const assertCandidateDataOfficer = (actor: Principal): void => {
  if (!hasAnyRole(actor, CANDIDATE_DATA_OFFICERS)) {
    throw new ForbiddenError("Only admins erase or export a candidate's data.");
  }
};

/** What erasure writes in place of what it removes: an item that is plainly no one. */
export const ERASED_VALUES = { fullName: 'Erased candidate', status: 'erased', isActive: false } as const;

type Disposition = { erase: 'remove' } | { erase: 'replace'; with: unknown } | { keep: string };

const removed = { erase: 'remove' } as const;
const replaced = (value: unknown) => ({ erase: 'replace', with: value }) as const;

/**
 * What erasure does with each attribute of a candidate item. Every attribute is listed, so a
 * new one fails the typecheck (and test/unit/candidates/candidate.erasure.test.ts) until
 * someone decides whether it says something about the person.
 */
export const ERASURE_PLAN = {
  tenantId: { keep: 'The key of the item: whose candidate it was' },
  candidateId: { keep: 'Applications, funnel counts and audit entries refer to it; it is a random id' },
  fullName: replaced(ERASED_VALUES.fullName),
  emailEncrypted: removed,
  emailIndex: removed,
  phoneEncrypted: removed,
  location: removed,
  links: removed,
  source: removed,
  tags: removed,
  consent: removed,
  // Crypto-shredding: every ciphertext of this key, backups included, becomes unreadable.
  wrappedKey: removed,
  // The evidence of extracted skills quotes the resume.
  extractedSkills: removed,
  extractedFrom: removed,
  skillOverride: removed,
  skillOverrideAt: removed,
  resumeDocumentId: removed,
  status: replaced(ERASED_VALUES.status),
  isActive: replaced(ERASED_VALUES.isActive),
  erasure: { keep: 'The record of the erasure itself: dates and the id of the admin who asked' },
  createdAt: { keep: 'Bookkeeping: a date' },
  updatedAt: { keep: 'Bookkeeping: a date' },
  createdBy: { keep: 'Bookkeeping: the id of a staff user' },
  updatedBy: { keep: 'Bookkeeping: the id of a staff user' },
  version: { keep: 'Bookkeeping: a counter' },
} as const satisfies Record<keyof CandidateItem, Disposition>;

type Plan = Record<string, Disposition>;
const PLAN: Plan = ERASURE_PLAN;

/** The attributes erasure removes from the item. */
export const ERASED_ATTRIBUTES = Object.keys(PLAN).filter((name) => {
  const disposition = PLAN[name];
  return disposition !== undefined && 'erase' in disposition && disposition.erase === 'remove';
});

const notFound = (candidateId: string) => new NotFoundError(`Candidate ${candidateId} was not found.`);

const found = <T>(candidateId: string, item: T | undefined): T => {
  if (item === undefined) throw notFound(candidateId);
  return item;
};

type UpdateParams = {
  UpdateExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
};

/**
 * Adds attributes to an update's REMOVE clause. ElectroDB refuses to remove a required
 * attribute (the email, the key), which every live candidate has and only erasure takes away.
 */
export const removingAttributes = <P extends object>(params: P, names: readonly string[]): P => {
  const update = params as P & UpdateParams;
  const placeholders = names.map((name) => `#erased_${name}`);
  const clause = placeholders.join(', ');
  const expression = update.UpdateExpression.includes('REMOVE ')
    ? update.UpdateExpression.replace('REMOVE ', `REMOVE ${clause}, `)
    : `${update.UpdateExpression} REMOVE ${clause}`;
  return {
    ...update,
    UpdateExpression: expression,
    ExpressionAttributeNames: {
      ...update.ExpressionAttributeNames,
      ...Object.fromEntries(names.map((name, index) => [placeholders[index], name])),
    },
  };
};

type Erasure = NonNullable<CandidateItem['erasure']>;

/** The candidate item as stored, erased or not (loadCandidate hides erased ones). */
const loadStored = async (tenantId: string, candidateId: string): Promise<CandidateItem | undefined> =>
  (await CandidateEntity.get({ tenantId, candidateId }).go({ consistent: true })).data ?? undefined;

/**
 * Step a, one transaction: the item loses everything personal (its data key included), the
 * email claim goes, the audit entry says so with no personal data. From here on the person
 * is unreadable; what follows removes copies and traces, and may be retried.
 */
export const beginErasure = async (
  actor: Principal,
  candidateId: string,
  input: EraseCandidate = {},
): Promise<Erasure> => {
  assertCandidateDataOfficer(actor);
  const { tenantId } = actor;
  const erasure: Erasure = { requestedAt: isoNow(), requestedBy: actor.userId };
  const current = await writeVersioned(undefined, {
    label: `Candidate ${candidateId}`,
    load: async () => found(candidateId, await loadCandidate(tenantId, candidateId, { consistent: true })),
    decide: (current) => [
      versionedUpdate(
        removingAttributes(
          CandidateEntity.patch({ tenantId, candidateId })
            .set({ ...ERASED_VALUES, erasure, updatedBy: actor.userId })
            .add({ version: 1 })
            .where(({ version }, { eq }) => eq(version, current.version))
            .params(),
          ERASED_ATTRIBUTES,
        ),
      ),
      releaseCandidateEmail(tenantId, current.emailIndex, candidateId),
      auditWrite(actor, {
        action: 'candidate.erased',
        entityType: 'candidate',
        entityId: candidateId,
        after: {
          status: 'erased',
          erased: [...ERASED_ATTRIBUTES].sort(),
          ...(input.reason ? { reason: input.reason } : {}),
        },
      }),
    ],
  });
  forgetDataKey(current.wrappedKey, candidateKeyContext(tenantId, candidateId));
  return erasure;
};

/** DynamoDB takes 100 writes per transaction: a document and its audit entry are two. */
const DOCUMENTS_PER_TRANSACTION = 50;

/** Step b: the files first (by prefix, so a retry finds what a crash left), then the items naming them. */
const eraseDocuments = async (actor: Principal, candidateId: string, store: FileStore) => {
  const { tenantId } = actor;
  let files = 0;
  // Exports too: each is a decrypted copy of everything, which must not wait for its lifecycle rule.
  for (const kind of ['documents', 'document-text', 'exports'] as const) {
    files += await deleteVersionsUnder(store, objectKey(tenantId, kind, candidateId, ''));
  }
  const { data } = await DocumentEntity.query.byOwner({ tenantId, ownerId: candidateId }).go({ pages: 'all' });
  for (const chunk of chunked(data, DOCUMENTS_PER_TRANSACTION)) {
    await transactWrite(
      chunk.flatMap((document) => [
        remove(DocumentEntity.delete({ tenantId, documentId: document.documentId }).params()),
        // The file name often names the person: the audit view leaves it out.
        auditWrite(actor, {
          action: 'document.erased',
          entityType: 'document',
          entityId: document.documentId,
          before: documentAuditView(document),
        }),
      ]),
    );
  }
  return { documents: data.length, files };
};

/** Free text of an application says things about the person; ids, stages and dates stay for the funnel. */
const freeTextOf = (application: ApplicationItem): string[] => [
  ...(application.stageHistory.some((entry) => entry.reason !== undefined) ? ['stageHistory.reason'] : []),
  ...(application.rejectionReason?.note !== undefined ? ['rejectionReason.note'] : []),
  ...(application.withdrawnReason !== undefined ? ['withdrawnReason'] : []),
];

/** Room in one transaction for notes, besides the application's own update and its audit entry. */
const NOTES_PER_TRANSACTION = 98;

const noteDeletes = (notes: readonly ApplicationNoteItem[]): TransactionWrite[] =>
  notes.map(({ tenantId, applicationId, noteId }) =>
    remove(ApplicationNoteEntity.delete({ tenantId, applicationId, noteId }).params()),
  );

const anonymisedAudit = (actor: Principal, application: ApplicationItem, fields: string[], notes: number) =>
  auditWrite(actor, {
    action: 'application.anonymised',
    entityType: 'application',
    entityId: application.applicationId,
    after: { candidateId: application.candidateId, freeTextRemoved: fields, notesDeleted: notes },
  });

/** Step d for one application: its notes deleted, its free text removed. Whether there was anything to remove. */
const anonymiseApplication = async (actor: Principal, application: ApplicationItem): Promise<number | undefined> => {
  const { tenantId, applicationId } = application;
  const { data: notes } = await ApplicationNoteEntity.query.byApplication({ tenantId, applicationId }).go({
    pages: 'all',
  });
  // All but the last chunk of notes on their own; the last goes with the application's update.
  const noteChunks = chunked(notes, NOTES_PER_TRANSACTION);
  const last = noteChunks.pop() ?? [];
  for (const chunk of noteChunks) {
    await transactWrite([...noteDeletes(chunk), anonymisedAudit(actor, application, [], chunk.length)]);
  }
  if (freeTextOf(application).length === 0 && notes.length === 0) return undefined;
  await writeVersioned(undefined, {
    label: `Application ${applicationId}`,
    load: async () => {
      const { data } = await ApplicationEntity.get({ tenantId, applicationId }).go({ consistent: true });
      if (!data) throw new NotFoundError(`Application ${applicationId} was not found.`);
      return data;
    },
    decide: (current) => {
      const fields = freeTextOf(current);
      return [
        versionedPatch(
          ApplicationEntity.patch({ tenantId, applicationId }).set({
            stageHistory: current.stageHistory.map(({ reason: _reason, ...entry }) => entry),
            ...(current.rejectionReason ? { rejectionReason: { code: current.rejectionReason.code } } : {}),
            updatedBy: actor.userId,
          }),
          current.version,
          current.withdrawnReason === undefined ? [] : ['withdrawnReason'],
        ),
        ...noteDeletes(last),
        anonymisedAudit(actor, current, fields, last.length),
      ];
    },
  });
  return notes.length;
};

const anonymiseApplications = async (actor: Principal, candidateId: string) => {
  const { data } = await ApplicationEntity.query
    .byCandidate({ tenantId: actor.tenantId, candidateId })
    .go({ pages: 'all' });
  let notes = 0;
  let applications = 0;
  for (const application of data) {
    const deleted = await anonymiseApplication(actor, application);
    if (deleted === undefined) continue;
    applications += 1;
    notes += deleted;
  }
  return { notes, applicationsAnonymised: applications };
};

/** Step e: the erasure is recorded as complete, with what it removed. */
const recordCompletion = async (
  actor: Principal,
  candidateId: string,
  erasure: Erasure,
  removedCounts: ErasureReceipt['removed'],
): Promise<string> => {
  const { tenantId } = actor;
  const completedAt = isoNow();
  await writeVersioned(undefined, {
    label: `Candidate ${candidateId}`,
    load: async () => found(candidateId, await loadStored(tenantId, candidateId)),
    decide: (current) => [
      versionedPatch(
        CandidateEntity.patch({ tenantId, candidateId }).set({
          // Named in every write of the item, so the sparse list index stays without it.
          status: 'erased',
          erasure: { ...erasure, completedAt },
          updatedBy: actor.userId,
        }),
        current.version,
      ),
      auditWrite(actor, {
        action: 'candidate.erasure_completed',
        entityType: 'candidate',
        entityId: candidateId,
        after: { removed: removedCounts },
      }),
    ],
  });
  return completedAt;
};

/** Steps b to e: everything that held a copy or a trace of the person. Idempotent: a retry does what is left. */
export const completeErasure = async (
  actor: Principal,
  candidateId: string,
  erasure: Erasure,
  store: FileStore = defaultStore(),
): Promise<ErasureReceipt> => {
  assertCandidateDataOfficer(actor);
  const { tenantId } = actor;
  const documents = await eraseDocuments(actor, candidateId, store);
  const extractions = await deleteExtractionsOfSubject(tenantId, candidateId);
  const matches = await deleteMatchesOfCandidate(tenantId, candidateId);
  const applications = await anonymiseApplications(actor, candidateId);
  // Interviews still ahead are called off, as the admin erasing: nobody meets a person who is gone.
  const interviews = await eraseInterviewsOf(actor, candidateId);
  const proctoring = await eraseProctoringOf(tenantId, candidateId, store);
  const answers = await eraseAnswersOf(actor, candidateId);
  const removedCounts = {
    ...documents,
    extractions,
    matches,
    ...applications,
    ...interviews,
    ...proctoring,
    ...answers,
  };
  const erasedAt = await recordCompletion(actor, candidateId, erasure, removedCounts);
  return { candidateId, erasedAt, removed: removedCounts };
};

/**
 * Erases a candidate (right to erasure): see docs/personal-data.md for the order and why a
 * crash at any point leaves nothing readable. One whose erasure began but did not finish is
 * finished; one whose erasure completed is gone (404).
 */
export const eraseCandidate = async (
  actor: Principal,
  candidateId: string,
  input: EraseCandidate = {},
  store: FileStore = defaultStore(),
): Promise<ErasureReceipt> => {
  assertCandidateDataOfficer(actor);
  const stored = await loadStored(actor.tenantId, candidateId);
  if (!stored || stored.erasure?.completedAt !== undefined) throw notFound(candidateId);
  const erasure =
    stored.status === 'erased'
      ? (stored.erasure ?? { requestedAt: stored.updatedAt, requestedBy: actor.userId })
      : await beginErasure(actor, candidateId, input);
  return completeErasure(actor, candidateId, erasure, store);
};
