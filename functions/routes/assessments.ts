import {
  Assessment,
  AssessmentPage,
  AssessmentPath,
  CreateAssessmentBody,
  ListAssessmentsQuery,
  UpdateAssessmentBody,
} from '@assist-ten/core/assessments/assessment.schema';
import {
  Invitation,
  InvitationPage,
  InvitationPath,
  InviteCandidatesBody,
  InviteResults,
  ListInvitationsQuery,
} from '@assist-ten/core/assessments/invitation.schema';
import { Task } from '@assist-ten/core/platform/task.schema';
import { NoFieldsBody } from '@assist-ten/core/shared/schema';
import { route } from './define.ts';

const ASSESSMENTS = '/api/v1/recruiter/assessments';
const managers = { type: 'staff', roles: ['recruiter', 'admin'] } as const;

export const assessmentRoutes = [
  route({
    method: 'POST',
    path: ASSESSMENTS,
    context: 'assessments',
    auth: managers,
    summary: 'Create a draft assessment for a requisition from question sets',
    request: { body: CreateAssessmentBody },
    response: { status: 201, body: Assessment, description: 'The new assessment, a draft' },
    idempotent: true,
    versioned: true,
  }),
  route({
    method: 'GET',
    path: ASSESSMENTS,
    context: 'assessments',
    auth: managers,
    summary: "List the tenant's assessments, or one requisition's, newest first",
    request: { query: ListAssessmentsQuery },
    response: { status: 200, body: AssessmentPage, description: 'One page of assessments' },
  }),
  route({
    method: 'GET',
    path: `${ASSESSMENTS}/{id}`,
    context: 'assessments',
    auth: managers,
    summary: 'Get an assessment; a published one lists its frozen questions',
    request: { path: AssessmentPath },
    response: { status: 200, body: Assessment, description: 'The assessment' },
    versioned: true,
    resource: 'assessment',
  }),
  route({
    method: 'PATCH',
    path: `${ASSESSMENTS}/{id}`,
    context: 'assessments',
    auth: managers,
    summary: 'Change an assessment; what it tests only while a draft (If-Match honoured)',
    request: { path: AssessmentPath, body: UpdateAssessmentBody },
    response: { status: 200, body: Assessment, description: 'The updated assessment' },
    versioned: true,
    resource: 'assessment',
  }),
  route({
    method: 'POST',
    path: `${ASSESSMENTS}/{id}/publish`,
    context: 'assessments',
    auth: managers,
    summary: 'Publish a complete draft: its questions are frozen and it takes invitations (If-Match honoured)',
    request: { path: AssessmentPath, body: NoFieldsBody },
    response: { status: 200, body: Assessment, description: 'The published assessment' },
    versioned: true,
    resource: 'assessment',
  }),
  route({
    method: 'DELETE',
    path: `${ASSESSMENTS}/{id}`,
    context: 'assessments',
    auth: managers,
    summary: 'Archive an assessment: no new invitations; sessions already started run to the end',
    request: { path: AssessmentPath },
    response: { status: 204, description: 'Archived' },
    resource: 'assessment',
  }),
  route({
    method: 'POST',
    path: `${ASSESSMENTS}/{id}/invitations`,
    context: 'assessments',
    auth: managers,
    summary:
      'Invite candidates (up to 500): each gets an application and an emailed single-use link; more than 10 are invited by a background task',
    request: { path: AssessmentPath, body: InviteCandidatesBody },
    response: {
      status: 200,
      body: InviteResults,
      description: "Each candidate's outcome (invited, already invited, failed and why)",
    },
    accepted: { body: Task, description: 'The invitations are sent by a background task: follow it at the Location' },
    resource: 'assessment',
  }),
  route({
    method: 'GET',
    path: `${ASSESSMENTS}/{id}/invitations`,
    context: 'assessments',
    auth: managers,
    summary:
      "An assessment's invitations, newest first, with their status (pending, expired, used, revoked) and email status",
    request: { path: AssessmentPath, query: ListInvitationsQuery },
    response: { status: 200, body: InvitationPage, description: 'One page of invitations' },
    resource: 'assessment',
  }),
  route({
    method: 'POST',
    path: `${ASSESSMENTS}/{id}/invitations/{invitationId}/resend`,
    context: 'assessments',
    auth: managers,
    summary:
      'Send a new link (the old one stops working); after a finished attempt, only if the assessment allows another',
    request: { path: InvitationPath, body: NoFieldsBody },
    response: { status: 200, body: Invitation, description: 'The invitation with its new validity' },
    resource: 'assessment',
  }),
  route({
    method: 'DELETE',
    path: `${ASSESSMENTS}/{id}/invitations/{invitationId}`,
    context: 'assessments',
    auth: managers,
    summary: 'Revoke an invitation: its link stops working at once (409 once a session was started with it)',
    request: { path: InvitationPath },
    response: { status: 204, description: 'Revoked' },
    resource: 'assessment',
  }),
] as const;
