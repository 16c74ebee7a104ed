import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { NOTE_TYPES } from './note.model.ts';

/**
 * ApplicationNote: what a recruiter writes down about an application. It lives in its
 * application's partition, so the notes of an application are one Query and no index.
 *
 * Access patterns:
 * - byApplication  table  pk: tenant + application  sk: note id  -> one note (Get), or an
 *                                                                 application's notes, newest first
 * Other people's private notes are left out by a filter on that Query (isPrivate, authorId).
 */
export const ApplicationNoteEntity = new Entity(
  {
    model: { entity: 'application_note', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      applicationId: { type: 'string', required: true, readOnly: true },
      noteId: { type: 'string', required: true, readOnly: true },
      authorId: { type: 'string', required: true, readOnly: true },
      type: { type: NOTE_TYPES, required: true },
      /** Markdown text; personal data: never in the audit trail, events or logs. */
      body: { type: 'string', required: true },
      isPrivate: { type: 'boolean', required: true, default: false },
      /** User ids of the tenant; each newly added one is notified once. */
      mentions: { type: 'list', required: true, default: () => [], items: { type: 'string' } },
      /** Follow-up notes only: when to look at the application again (ISO). */
      followUpAt: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byApplication: {
        pk: { field: 'pk', composite: ['tenantId', 'applicationId'], casing: 'none' },
        sk: { field: 'sk', composite: ['noteId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type ApplicationNoteItem = EntityItem<typeof ApplicationNoteEntity>;
