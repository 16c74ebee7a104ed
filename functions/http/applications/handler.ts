import {
  createApplication,
  getApplication,
  listApplications,
  updateApplication,
} from '@assist-ten/core/applications/application.service';
import { moveApplication } from '@assist-ten/core/applications/application.stage';
import { getFunnel } from '@assist-ten/core/applications/funnel.service';
import { createNote, deleteNote, listNotes, updateNote } from '@assist-ten/core/applications/note.service';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { applicationRoutes } from './routes.ts';

const APPLICATIONS = '/api/v1/recruiter/applications';

export const handler = createHttpHandler(applicationRoutes, {
  'POST /api/v1/recruiter/applications': async ({ principal, body }) => {
    const application = await createApplication(principal, body);
    return { body: application, location: `${APPLICATIONS}/${application.id}` };
  },
  'GET /api/v1/recruiter/applications': async ({ principal, query }) => ({
    body: await listApplications(principal, query),
  }),
  'GET /api/v1/recruiter/applications/{id}': async ({ principal, path }) => ({
    body: await getApplication(principal, path.id),
  }),
  'PATCH /api/v1/recruiter/applications/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateApplication(principal, path.id, body, ifMatch),
  }),
  'POST /api/v1/recruiter/applications/{id}/stage': async ({ principal, path, body, ifMatch }) => ({
    body: await moveApplication(principal, path.id, body, ifMatch),
  }),
  'GET /api/v1/recruiter/requisitions/{id}/funnel': async ({ principal, path }) => ({
    body: await getFunnel(principal, path.id),
  }),
  'POST /api/v1/recruiter/applications/{id}/notes': async ({ principal, path, body }) => {
    const note = await createNote(principal, path.id, body);
    return { body: note, location: `${APPLICATIONS}/${path.id}/notes/${note.id}` };
  },
  'GET /api/v1/recruiter/applications/{id}/notes': async ({ principal, path, query }) => ({
    body: await listNotes(principal, path.id, query),
  }),
  'PATCH /api/v1/recruiter/applications/{id}/notes/{noteId}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateNote(principal, path.id, path.noteId, body, ifMatch),
  }),
  'DELETE /api/v1/recruiter/applications/{id}/notes/{noteId}': async ({ principal, path }) => {
    await deleteNote(principal, path.id, path.noteId);
    return {};
  },
});
