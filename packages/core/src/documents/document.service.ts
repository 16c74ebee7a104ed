import { auditWrite } from '../platform/audit.ts';
import { taskWrite } from '../platform/task.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { defaultStore, headObject, readText } from '../shared/file-store.ts';
import { objectKey } from '../shared/files.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { DocumentEntity, type DocumentItem } from './document.entity.ts';
import { isDownloadable, PENDING_UPLOAD_HOURS } from './document.model.ts';
import { assertUploadSize, canManageDocuments } from './document.rules.ts';
import {
  Document,
  type DocumentText,
  type DownloadUrl,
  type ListDocuments,
  type RequestUpload,
  type UploadTicket,
} from './document.schema.ts';
import { sanitiseFileName } from './file-name.ts';
import { assertOwnerExists } from './owners.ts';
import { presignDownload, presignUpload } from './storage.ts';

/** What the API shows: no tenant, keys, S3 locations or TTL; `documentId` as `id`. */
export const toDocument = (item: DocumentItem): Document => Document.parse({ ...item, id: item.documentId });

/**
 * The document as the audit trail keeps it. Its file name often names the candidate, and the
 * trail outlives erasure, so the name is left out (it never changes after creation).
 */
export const auditView = (item: DocumentItem): Omit<Document, 'fileName'> => {
  const { fileName: _fileName, ...rest } = toDocument(item);
  return rest;
};

const notFound = (id: string) => new NotFoundError(`Document ${id} was not found.`);

const assertManager = (actor: Principal): void => {
  if (!canManageDocuments(actor)) throw new ForbiddenError('Only recruiters and admins handle documents.');
};

const load = async (actor: Principal, id: string): Promise<DocumentItem> => {
  assertManager(actor);
  const { data } = await DocumentEntity.get({ tenantId: actor.tenantId, documentId: id }).go();
  if (!data) throw notFound(id);
  return data;
};

const slotExpiry = (): number => Math.floor(Date.now() / 1000) + PENDING_UPLOAD_HOURS * 3600;

/**
 * Makes an upload slot: the document (pending_upload), its background task and their audit
 * entries in one transaction, then a presigned POST for exactly that slot's key. The file
 * itself never passes through the API; the documents queue takes it from there.
 */
export const requestUpload = async (
  actor: Principal,
  input: RequestUpload,
  documentId: string = newId('document'),
): Promise<UploadTicket> => {
  assertManager(actor);
  assertUploadSize(input.contentLength);
  await assertOwnerExists(actor.tenantId, input.kind, input.ownerId);
  const key = objectKey(actor.tenantId, 'documents', input.ownerId, documentId);
  const task = taskWrite(actor, { kind: 'document_extraction', input: { documentId, kind: input.kind } });
  const params = DocumentEntity.create({
    tenantId: actor.tenantId,
    documentId,
    kind: input.kind,
    ownerId: input.ownerId,
    fileName: sanitiseFileName(input.fileName, input.contentType),
    contentType: input.contentType,
    declaredSize: input.contentLength,
    objectKey: key,
    status: 'pending_upload',
    taskId: task.taskId,
    expiresAt: slotExpiry(),
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: DocumentItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Document ${documentId} already exists.`)),
    auditWrite(actor, {
      action: 'document.created',
      entityType: 'document',
      entityId: documentId,
      after: auditView(params.Item),
    }),
    ...task.writes,
  ]);
  return { document: toDocument(params.Item), upload: await presignUpload(key, input.contentType) };
};

export const getDocument = async (actor: Principal, id: string): Promise<Document> => toDocument(await load(actor, id));

/** An owner's documents, newest first; another tenant's owner simply has none here. */
export const listDocuments = async (actor: Principal, input: ListDocuments): Promise<Page<Document>> => {
  assertManager(actor);
  const { ownerId, limit, cursor } = input;
  return pageOf(
    DocumentEntity.query.byOwner({ tenantId: actor.tenantId, ownerId }),
    'gsi1pk',
    { limit, cursor },
    toDocument,
  );
};

/**
 * Only a file that passed its checks is handed out, and only while S3 still holds those very
 * bytes: the upload's presigned POST stays valid for minutes, so the slot could be written
 * again after the check.
 */
export const getDownloadUrl = async (actor: Principal, id: string): Promise<DownloadUrl> => {
  const current = await load(actor, id);
  if (!isDownloadable(current)) {
    throw new ConflictError(
      `Document ${id} is ${current.status}: only a file that passed its checks can be downloaded.`,
      {
        extensions: { currentStatus: current.status },
      },
    );
  }
  const stored = await headObject(defaultStore(), current.objectKey);
  if (!stored || stored.etag !== current.objectEtag) {
    throw new ConflictError(`The file of document ${id} is gone or changed since it was checked; upload it again.`, {
      extensions: { currentStatus: current.status },
    });
  }
  return presignDownload(current.objectKey, current.fileName, current.contentType);
};

export const getDocumentText = async (actor: Principal, id: string): Promise<DocumentText> => {
  const current = await load(actor, id);
  if (current.status !== 'processed' || current.textKey === undefined) {
    throw new ConflictError(`Document ${id} is ${current.status}: its text is there once it is processed.`, {
      extensions: { currentStatus: current.status },
    });
  }
  const text = await readText(defaultStore(), current.textKey);
  return { text, length: text.length };
};
