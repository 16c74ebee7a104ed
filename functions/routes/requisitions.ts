import { ListMatchesQuery, RankedCandidatePage } from '@assist-ten/core/matching/ranking.schema';
import {
  CreateRequisitionBody,
  ListRequisitionsQuery,
  Requisition,
  RequisitionPage,
  RequisitionPath,
  TransitionRequisitionBody,
  UpdateRequisitionBody,
} from '@assist-ten/core/requisitions/requisition.schema';
import type { RequisitionAction } from '@assist-ten/core/requisitions/requisition.status';
import { route } from './define.ts';

const REQUISITIONS = '/api/v1/recruiter/requisitions';
const requisitionWriters = { type: 'staff', roles: ['recruiter', 'admin'] } as const;
const requisitionReaders = { type: 'staff', roles: ['recruiter', 'admin', 'interviewer'] } as const;

const transition = <const A extends RequisitionAction>(action: A, summary: string) =>
  route({
    method: 'POST',
    path: `${REQUISITIONS}/{id}/${action}`,
    context: 'requisitions',
    auth: requisitionWriters,
    summary,
    request: { path: RequisitionPath, body: TransitionRequisitionBody },
    response: { status: 200, body: Requisition, description: 'The requisition in its new status' },
    versioned: true,
    resource: 'requisition',
  });

export const requisitionRoutes = [
  route({
    method: 'POST',
    path: REQUISITIONS,
    context: 'requisitions',
    auth: requisitionWriters,
    summary: 'Create a requisition (as a draft)',
    request: { body: CreateRequisitionBody },
    response: { status: 201, body: Requisition, description: 'The new draft requisition' },
    idempotent: true,
    versioned: true,
  }),
  route({
    method: 'GET',
    path: REQUISITIONS,
    context: 'requisitions',
    auth: requisitionReaders,
    summary: 'List requisitions, newest first (interviewers see open ones only)',
    request: { query: ListRequisitionsQuery },
    response: { status: 200, body: RequisitionPage, description: 'One page of requisitions' },
  }),
  route({
    method: 'GET',
    path: `${REQUISITIONS}/{id}`,
    context: 'requisitions',
    auth: requisitionReaders,
    summary: 'Get a requisition',
    request: { path: RequisitionPath },
    response: { status: 200, body: Requisition, description: 'The requisition, with its version as ETag' },
    versioned: true,
    resource: 'requisition',
  }),
  route({
    method: 'PATCH',
    path: `${REQUISITIONS}/{id}`,
    context: 'requisitions',
    auth: requisitionWriters,
    summary: 'Change some fields of a requisition (If-Match honoured)',
    request: { path: RequisitionPath, body: UpdateRequisitionBody },
    response: { status: 200, body: Requisition, description: 'The updated requisition' },
    versioned: true,
    resource: 'requisition',
  }),
  transition('publish', 'Publish a draft: it opens for applications'),
  transition('pause', 'Pause an open requisition'),
  transition('resume', 'Reopen a paused requisition'),
  transition('close', 'Close a requisition without filling it'),
  transition('fill', 'Mark every position as filled'),
  transition('cancel', 'Cancel a requisition'),
  route({
    method: 'GET',
    path: `${REQUISITIONS}/{id}/matches`,
    context: 'requisitions',
    auth: requisitionWriters,
    summary: "Its applicants ranked by how well their skills match the requisition's, best first",
    request: { path: RequisitionPath, query: ListMatchesQuery },
    response: { status: 200, body: RankedCandidatePage, description: 'One page of the ranking' },
    resource: 'requisition',
  }),
] as const;
