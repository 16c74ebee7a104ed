import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_KINDS, DOCUMENT_STATUSES } from './document.model.ts';

/**
 * UploadedDocument: a file a recruiter uploaded for an owner (a candidate's resume, a job
 * description), and how far its processing got. The bytes live in S3 at `objectKey`, the
 * extracted text at `textKey` (it can exceed an item's 400 KB); the item holds neither.
 *
 * Access patterns (ids are ULIDs, so sorting by id is sorting by creation time):
 * - byId     table  pk: tenant + document id              -> one document
 * - byOwner  gsi1   pk: tenant + owner id    sk: id       -> an owner's documents, newest first
 * An upload slot whose file never came carries `expiresAt`, so the table's TTL removes it.
 */
export const DocumentEntity = new Entity(
  {
    model: { entity: 'document', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      documentId: { type: 'string', required: true, readOnly: true },
      kind: { type: DOCUMENT_KINDS, required: true, readOnly: true },
      ownerId: { type: 'string', required: true, readOnly: true },
      /** Sanitised (see file-name.ts): safe in a Content-Disposition header. */
      fileName: { type: 'string', required: true, readOnly: true },
      contentType: { type: DOCUMENT_CONTENT_TYPES, required: true, readOnly: true },
      /** What the browser announced; the stored object must have exactly this size. */
      declaredSize: { type: 'number', required: true, readOnly: true },
      size: { type: 'number' },
      objectKey: { type: 'string', required: true, readOnly: true },
      /** The S3 ETag of the object that was checked, so a later overwrite is not handed out. */
      objectEtag: { type: 'string' },
      textKey: { type: 'string' },
      textLength: { type: 'number' },
      pageCount: { type: 'number' },
      /** Of the bytes that passed the content checks. */
      sha256: { type: 'string' },
      status: { type: DOCUMENT_STATUSES, required: true, default: 'pending_upload' },
      statusReason: { type: 'string' },
      uploadedAt: { type: 'string' },
      processedAt: { type: 'string' },
      /** The background task the frontend may poll instead of the document. */
      taskId: { type: 'string' },
      extractionId: { type: 'string' },
      /** Epoch seconds, the table's TTL attribute: set on upload slots only. */
      expiresAt: { type: 'number' },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'documentId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byOwner: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'ownerId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['documentId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type DocumentItem = EntityItem<typeof DocumentEntity>;
