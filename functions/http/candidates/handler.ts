import { eraseCandidate } from '@assist-ten/core/candidates/candidate.erasure';
import { exportCandidate, getExportStatus } from '@assist-ten/core/candidates/candidate.export';
import {
  createCandidate,
  getCandidate,
  listCandidates,
  updateCandidate,
} from '@assist-ten/core/candidates/candidate.service';
import { openText, sealText } from '@assist-ten/core/shared/pii/sealed-text';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { candidateRoutes } from './routes.ts';

export const handler = createHttpHandler(
  candidateRoutes,
  {
    'POST /api/v1/recruiter/candidates': async ({ principal, body }) => {
      const candidate = await createCandidate(principal, body);
      return { body: candidate, location: `/api/v1/recruiter/candidates/${candidate.id}` };
    },
    'GET /api/v1/recruiter/candidates': async ({ principal, query }) => ({
      body: await listCandidates(principal, query),
    }),
    'GET /api/v1/recruiter/candidates/{id}': async ({ principal, path }) => ({
      body: await getCandidate(principal, path.id),
    }),
    'PATCH /api/v1/recruiter/candidates/{id}': async ({ principal, path, body, ifMatch }) => ({
      body: await updateCandidate(principal, path.id, body, ifMatch),
    }),
    'POST /api/v1/recruiter/candidates/{id}/erase': async ({ principal, path, body }) => ({
      body: await eraseCandidate(principal, path.id, body),
    }),
    'GET /api/v1/recruiter/candidates/{id}/export': async ({ principal, path }) => {
      const answer = await exportCandidate(principal, path.id);
      if ('inline' in answer) return { body: answer.inline };
      return {
        body: answer.queued,
        location: `/api/v1/recruiter/candidates/${path.id}/exports/${answer.queued.taskId}`,
        accepted: true,
      };
    },
    'GET /api/v1/recruiter/candidates/{id}/exports/{taskId}': async ({ principal, path }) => ({
      body: await getExportStatus(principal, path.id, path.taskId),
    }),
  },
  { sealer: { seal: sealText, open: openText } },
);
