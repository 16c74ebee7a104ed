import { rankCandidates } from '@assist-ten/core/matching/ranking';
import {
  createRequisition,
  getRequisition,
  listRequisitions,
  transitionRequisition,
  updateRequisition,
} from '@assist-ten/core/requisitions/requisition.service';
import type { RequisitionAction } from '@assist-ten/core/requisitions/requisition.status';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import type { RouteRequest } from '@assist-ten/lambda-kit/http/operation';
import { requisitionRoutes } from './routes.ts';

type TransitionRoute = Extract<(typeof requisitionRoutes)[number], { path: `${string}/{id}/${RequisitionAction}` }>;

const transition = (action: RequisitionAction) => async (request: RouteRequest<TransitionRoute>) => ({
  body: await transitionRequisition(request.principal, request.path.id, action, request.body, request.ifMatch),
});

export const handler = createHttpHandler(requisitionRoutes, {
  'POST /api/v1/recruiter/requisitions': async ({ principal, body }) => {
    const requisition = await createRequisition(principal, body);
    return { body: requisition, location: `/api/v1/recruiter/requisitions/${requisition.id}` };
  },
  'GET /api/v1/recruiter/requisitions': async ({ principal, query }) => ({
    body: await listRequisitions(principal, query),
  }),
  'GET /api/v1/recruiter/requisitions/{id}': async ({ principal, path }) => ({
    body: await getRequisition(principal, path.id),
  }),
  'PATCH /api/v1/recruiter/requisitions/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateRequisition(principal, path.id, body, ifMatch),
  }),
  'POST /api/v1/recruiter/requisitions/{id}/publish': transition('publish'),
  'POST /api/v1/recruiter/requisitions/{id}/pause': transition('pause'),
  'POST /api/v1/recruiter/requisitions/{id}/resume': transition('resume'),
  'POST /api/v1/recruiter/requisitions/{id}/close': transition('close'),
  'POST /api/v1/recruiter/requisitions/{id}/fill': transition('fill'),
  'POST /api/v1/recruiter/requisitions/{id}/cancel': transition('cancel'),
  'GET /api/v1/recruiter/requisitions/{id}/matches': async ({ principal, path, query }) => ({
    body: await rankCandidates(principal, path.id, query),
  }),
});
