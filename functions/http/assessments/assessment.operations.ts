import {
  archiveAssessment,
  createAssessment,
  getAssessment,
  listAssessments,
  publishAssessment,
  updateAssessment,
} from '@assist-ten/core/assessments/assessment.service';
import {
  inviteCandidates,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from '@assist-ten/core/assessments/invitation.service';
import { isoNow } from '@assist-ten/core/shared/clock';
import { isSessionOver } from '@assist-ten/core/test-sessions/session-finish';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { assessmentRoutes } from '../../routes/assessments.ts';

const ASSESSMENTS = '/api/v1/recruiter/assessments';

export const assessmentOperations: Operations<(typeof assessmentRoutes)[number]> = {
  'POST /api/v1/recruiter/assessments': async ({ principal, body }) => {
    const assessment = await createAssessment(principal, body);
    return { body: assessment, location: `${ASSESSMENTS}/${assessment.id}` };
  },
  'GET /api/v1/recruiter/assessments': async ({ principal, query }) => ({
    body: await listAssessments(principal, query),
  }),
  'GET /api/v1/recruiter/assessments/{id}': async ({ principal, path }) => ({
    body: await getAssessment(principal, path.id),
  }),
  'PATCH /api/v1/recruiter/assessments/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateAssessment(principal, path.id, body, ifMatch),
  }),
  'POST /api/v1/recruiter/assessments/{id}/publish': async ({ principal, path, ifMatch }) => ({
    body: await publishAssessment(principal, path.id, ifMatch),
  }),
  'DELETE /api/v1/recruiter/assessments/{id}': async ({ principal, path }) => {
    await archiveAssessment(principal, path.id);
    return {};
  },
  'POST /api/v1/recruiter/assessments/{id}/invitations': async ({ principal, path, body }) => {
    const outcome = await inviteCandidates(principal, path.id, body);
    return outcome.kind === 'done'
      ? { body: { results: outcome.results } }
      : { body: outcome.task, accepted: true, location: `/api/v1/tasks/${outcome.task.id}` };
  },
  'GET /api/v1/recruiter/assessments/{id}/invitations': async ({ principal, path, query }) => ({
    body: await listInvitations(principal, path.id, query),
  }),
  'POST /api/v1/recruiter/assessments/{id}/invitations/{invitationId}/resend': async ({ principal, path }) => ({
    body: await resendInvitation(principal, path.id, path.invitationId, (tenantId, sessionId) =>
      isSessionOver(tenantId, sessionId, isoNow()),
    ),
  }),
  'DELETE /api/v1/recruiter/assessments/{id}/invitations/{invitationId}': async ({ principal, path }) => {
    await revokeInvitation(principal, path.id, path.invitationId);
    return {};
  },
};
