import { createHash } from 'node:crypto';
import { auditWrite } from '../platform/audit.ts';
import { TaskEntity } from '../platform/task.entity.ts';
import { isFinished } from '../platform/task.model.ts';
import type { TaskError } from '../platform/task.schema.ts';
import { beginAttempt, completeTask, failAttempt } from '../platform/task.service.ts';
import { isoNow } from '../shared/clock.ts';
import {
  defaultStore,
  deleteObject,
  type FileStore,
  headObject,
  readObject,
  type StoredObject,
  writeText,
} from '../shared/file-store.ts';
import { objectKey, parseObjectKey } from '../shared/files.ts';
import { idPattern } from '../shared/ids.ts';
import type { ObjectCreatedEvent } from '../shared/object-created.ts';
import { SYSTEM_ACTOR_ID, systemPrincipal } from '../shared/principal.ts';
import { assertTransition } from '../shared/state-machine.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import type { Analyse, Unusable } from './analysis.ts';
import { DocumentEntity, type DocumentItem } from './document.entity.ts';
import { DOCX, type DocumentContentType, type DocumentStatus, PDF, TXT } from './document.model.ts';
import { auditView } from './document.service.ts';
import { DOCUMENT_TRANSITIONS } from './document.status.ts';
import { contentVerdict, sizeVerdict } from './file-check.ts';
import { extractDocumentText, UnreadableDocumentError } from './text-extraction.ts';

export interface ProcessingOptions {
  /** What to do with the text once it is read (see analysis.ts). */
  analyse: Analyse;
  /** What to do when the document ends rejected, or failed for good (see analysis.ts). */
  unusable?: Unusable;
  /** This delivery of the message: 1 for the first. */
  receiveCount: number;
  /** Deliveries before SQS gives the message to the dead-letter queue: the last one must not throw. */
  maxReceiveCount: number;
  /** Where the files are; the documents bucket unless a test names another. */
  store?: FileStore;
}

export type Outcome =
  /** Not a file of this bucket, or the object is already gone. */
  | 'ignored'
  /** An object under documents/ that no document names: nobody could ever reference it, so it is deleted. */
  | 'stray_deleted'
  /** The document was past this point already (a redelivery, a second event): nothing changed. */
  | 'duplicate'
  | 'processed'
  | 'rejected'
  | 'failed';

/** What processing did, for the consumer's log: ids and statuses only, nothing personal. */
export interface ProcessingReport {
  key: string;
  outcome: Outcome;
  documentId?: string;
  status?: DocumentStatus;
  /** Why it was rejected or failed, as the document says. */
  reason?: string;
  /** The error that failed the last attempt (not rethrown: SQS would only dead-letter it). */
  error?: unknown;
  /** The document's task could not be brought up to date (it is for display; the document is the record). */
  taskError?: unknown;
}

type Changes = Partial<
  Pick<
    DocumentItem,
    | 'size'
    | 'objectEtag'
    | 'textKey'
    | 'textLength'
    | 'pageCount'
    | 'sha256'
    | 'statusReason'
    | 'uploadedAt'
    | 'processedAt'
    | 'extractionId'
  >
>;
type Removable = 'statusReason' | 'expiresAt';

/** `document.<verb>` in the audit trail, for the status a change moves to. */
const VERBS: Readonly<Record<DocumentStatus, string>> = {
  pending_upload: 'created',
  uploaded: 'uploaded',
  processing: 'processing_started',
  processed: 'processed',
  failed: 'failed',
  rejected: 'rejected',
};

/** Another delivery moved the document on since this one read it: this one stops. */
class SupersededError extends Error {
  constructor(readonly status: DocumentStatus) {
    super(`The document moved on to ${status}.`);
  }
}

const loadItem = async (tenantId: string, documentId: string): Promise<DocumentItem | undefined> => {
  const { data } = await DocumentEntity.get({ tenantId, documentId }).go({ consistent: true });
  return data ?? undefined;
};

/**
 * Moves the document from the status it was read in to `to`, with its audit entry, only if
 * no other delivery moved it first. The system acts, as `document:<id>` in the trail.
 */
const advance = async (
  read: DocumentItem,
  to: DocumentStatus,
  set: Changes = {},
  remove: Removable[] = [],
): Promise<DocumentItem> => {
  const { tenantId, documentId } = read;
  const changes = { ...set, status: to };
  let written = read;
  await writeVersioned(undefined, {
    label: `Document ${documentId}`,
    load: async () => (await loadItem(tenantId, documentId)) ?? read,
    decide: (current) => {
      if (current.status !== read.status) throw new SupersededError(current.status);
      assertTransition(DOCUMENT_TRANSITIONS, `Document ${documentId}`, current.status, to);
      written = patched(current, changes, remove);
      return [
        versionedPatch(
          DocumentEntity.patch({ tenantId, documentId }).set({ ...changes, updatedBy: SYSTEM_ACTOR_ID }),
          current.version,
          remove,
        ),
        auditWrite(systemPrincipal(tenantId, `document:${documentId}`), {
          action: `document.${VERBS[to]}`,
          entityType: 'document',
          entityId: documentId,
          before: auditView(current),
          after: auditView(written),
        }),
      ];
    },
  });
  return { ...written, updatedBy: SYSTEM_ACTOR_ID, version: written.version + 1 };
};

/** Runs a task update and hands back its error instead of throwing it. */
const onTask = async (document: DocumentItem, update: (taskId: string) => Promise<unknown>): Promise<unknown> => {
  if (document.taskId === undefined) return undefined;
  try {
    await update(document.taskId);
    return undefined;
  } catch (error) {
    return error;
  }
};

const startTask = (document: DocumentItem) => onTask(document, (taskId) => beginAttempt(document.tenantId, taskId));

const TASK_ERRORS: Readonly<Partial<Record<DocumentStatus, string>>> = {
  rejected: 'document_rejected',
  failed: 'document_not_read',
};

/** Brings the task to the document's status: succeeded when processed, failed when rejected or failed for good. */
const settleTask = (document: DocumentItem, willRetry = false) =>
  onTask(document, async (taskId) => {
    const { tenantId, documentId, status } = document;
    const { data: task } = await TaskEntity.get({ tenantId, taskId }).go({ consistent: true });
    if (!task || isFinished(task.status)) return;
    if (status === 'processed') {
      if (task.status === 'queued') await beginAttempt(tenantId, taskId);
      await completeTask(tenantId, taskId, { type: 'document', id: documentId });
      return;
    }
    const code = TASK_ERRORS[status];
    if (code === undefined) return;
    if (task.status === 'queued') await beginAttempt(tenantId, taskId);
    const error: TaskError = { code, message: document.statusReason ?? `The document was ${status}.` };
    await failAttempt(tenantId, taskId, error, status === 'failed' && willRetry);
  });

type Decision = { status: 'processed' | 'rejected' | 'failed'; set: Changes };

const NO_TEXT: Readonly<Record<DocumentContentType, string>> = {
  [PDF]: 'No text could be read (is it a scan?). Upload a PDF with selectable text, a Word document or a text file.',
  [DOCX]: 'The Word document holds no text.',
  [TXT]: 'The text file holds no text.',
};

/**
 * Checks the stored bytes and reads their text. What the file is decides the outcome;
 * anything that throws from here (S3, the analysis) is worth another attempt.
 */
const examine = async (
  document: DocumentItem,
  stored: StoredObject,
  store: FileStore,
  analyse: Analyse,
): Promise<Decision> => {
  // Not read when too large: an oversized object would cost the memory the limit protects.
  const announced = sizeVerdict(stored.size, document.declaredSize);
  if (!announced.accepted) return { status: 'rejected', set: { statusReason: announced.reason } };
  const { bytes, etag } = await readObject(store, document.objectKey);
  const sized = sizeVerdict(bytes.length, document.declaredSize);
  if (!sized.accepted) return { status: 'rejected', set: { statusReason: sized.reason } };
  const content = await contentVerdict(bytes, document.contentType);
  if (!content.accepted) return { status: 'rejected', set: { statusReason: content.reason } };
  const checked: Changes = {
    size: bytes.length,
    objectEtag: etag,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  let extracted: Awaited<ReturnType<typeof extractDocumentText>>;
  try {
    extracted = await extractDocumentText(bytes, document.contentType);
  } catch (error) {
    if (!(error instanceof UnreadableDocumentError)) throw error;
    return { status: 'failed', set: { ...checked, statusReason: error.message } };
  }
  const pages = extracted.pageCount === undefined ? {} : { pageCount: extracted.pageCount };
  if (!extracted.text) {
    return { status: 'failed', set: { ...checked, ...pages, statusReason: NO_TEXT[document.contentType] } };
  }
  const textKey = objectKey(document.tenantId, 'document-text', document.ownerId, document.documentId);
  await writeText(store, textKey, extracted.text);
  const read: Changes = { ...checked, ...pages, textKey, textLength: extracted.text.length };
  const { extractionId } = await analyse({ ...document, ...read }, extracted.text);
  return {
    status: 'processed',
    set: { ...read, processedAt: isoNow(), ...(extractionId === undefined ? {} : { extractionId }) },
  };
};

const STILL_OPEN: readonly DocumentStatus[] = ['pending_upload', 'uploaded', 'failed'];

const processDocument = async (
  found: DocumentItem,
  store: FileStore,
  options: ProcessingOptions,
): Promise<ProcessingReport> => {
  const report = (outcome: Outcome, document: DocumentItem, extra: Partial<ProcessingReport> = {}) => ({
    key: found.objectKey,
    outcome,
    documentId: document.documentId,
    status: document.status,
    ...(document.statusReason === undefined ? {} : { reason: document.statusReason }),
    ...extra,
  });
  let current = found;
  if (current.status === 'rejected') {
    // A second post to a rejected slot (the presigned POST lives for minutes): its bytes go too.
    await deleteObject(store, current.objectKey);
    return report('duplicate', current);
  }
  if (current.status === 'processing') {
    // Visibility timeout > function timeout: a redelivery finds the attempt that held it dead.
    if (options.receiveCount <= 1) return report('duplicate', current);
    current = await advance(current, 'failed', { statusReason: 'The previous attempt stopped before it finished.' });
  }
  if (!STILL_OPEN.includes(current.status)) {
    const taskError = await settleTask(current);
    return report('duplicate', current, taskError ? { taskError } : {});
  }
  const stored = await headObject(store, current.objectKey);
  if (!stored) return report('ignored', current);
  if (current.status === 'pending_upload') {
    const sized = sizeVerdict(stored.size, current.declaredSize);
    if (!sized.accepted) {
      current = await advance(current, 'rejected', { size: stored.size, statusReason: sized.reason }, ['expiresAt']);
      await deleteObject(store, current.objectKey);
      const taskError = await settleTask(current);
      return report('rejected', current, taskError ? { taskError } : {});
    }
    current = await advance(current, 'uploaded', { size: stored.size, uploadedAt: isoNow() }, ['expiresAt']);
  }
  current = await advance(current, 'processing', {}, ['statusReason']);
  const startError = await startTask(current);
  let decision: Decision;
  try {
    decision = await examine(current, stored, store, options.analyse);
  } catch (error) {
    const willRetry = options.receiveCount < options.maxReceiveCount;
    current = await advance(current, 'failed', {
      statusReason: willRetry
        ? 'Processing stopped on an error; it will be tried again.'
        : 'Processing stopped on an error; upload the file again.',
    });
    const taskError = (await settleTask(current, willRetry)) ?? startError;
    if (willRetry) throw error;
    return report('failed', current, { error, ...(taskError ? { taskError } : {}) });
  }
  current = await advance(current, decision.status, decision.set);
  if (decision.status === 'rejected') await deleteObject(store, current.objectKey);
  const taskError = (await settleTask(current)) ?? startError;
  return report(decision.status, current, taskError ? { taskError } : {});
};

/**
 * Handles one S3 "Object Created" event of the documents queue: checks the file (size,
 * magic bytes), reads its text, stores it next to the file, runs the analysis, and moves the
 * document (and its task) to processed, failed or rejected. A rejected file is deleted.
 * Idempotent: a document past the point an event would move it is left as it is.
 */
export const processUpload = async (
  event: ObjectCreatedEvent,
  options: ProcessingOptions,
): Promise<ProcessingReport> => {
  const store = options.store ?? defaultStore();
  const key = event.detail.object.key;
  if (event.detail.bucket.name !== store.bucket) return { key, outcome: 'ignored' };
  const parts = parseObjectKey(key);
  const found =
    parts?.kind === 'documents' && idPattern('document').test(parts.id)
      ? await loadItem(parts.tenantId, parts.id)
      : undefined;
  if (!found || found.objectKey !== key) {
    if (key.split('/')[2] !== 'documents') return { key, outcome: 'ignored' };
    await deleteObject(store, key);
    return { key, outcome: 'stray_deleted' };
  }
  try {
    const report = await processDocument(found, store, options);
    if (report.outcome === 'rejected' || report.outcome === 'failed') {
      await options.unusable?.(found, report.reason ?? 'The document could not be read.');
    }
    return report;
  } catch (error) {
    if (!(error instanceof SupersededError)) throw error;
    return { key, outcome: 'duplicate', documentId: found.documentId, status: error.status };
  }
};
