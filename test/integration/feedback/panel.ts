import type { InterviewStatus } from '@assist-ten/core/interviews/interview.model';
import type { Principal, StaffRole } from '@assist-ten/core/shared/principal';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { InterviewSessionEntity } = await import('@assist-ten/core/interviews/interview.entity');
const { newId } = await import('@assist-ten/core/shared/ids');

/**
 * Interviews written straight into the table, in the state a test needs, so feedback is
 * tested without going through booking: the interviewers are made-up users of a seeded tenant
 * (services trust the principal; no user item is read).
 */

export const seeded = (email: string): Principal => {
  const user = findLocalUser(email);
  if (!user) throw new Error(`seed user ${email} missing`);
  return { ...principalOf(user), requestId: `feedback-test-${email}` };
};

export const colleague = (tenantId: string, roles: StaffRole[] = ['interviewer']): Principal => {
  const userId = newId('user');
  return { userId, tenantId, email: `${userId.toLowerCase()}@demo.test`, roles, requestId: `feedback-test-${userId}` };
};

export interface PanelOptions {
  status?: InterviewStatus;
  /** The lead first. */
  interviewers: readonly Principal[];
  organizer: Principal;
  applicationId?: string;
  round?: number;
  scheduledAt?: string;
}

/** An interview of the organizer's tenant with these interviewers, in `status` (in progress by default). */
export const interviewWith = async ({
  status = 'in_progress',
  interviewers,
  organizer,
  applicationId = newId('application'),
  round = 1,
  scheduledAt = new Date(Date.now() - 30 * 60_000).toISOString(),
}: PanelOptions) => {
  const [lead, ...panel] = interviewers;
  if (!lead) throw new Error('an interview needs a lead interviewer');
  const { data } = await InterviewSessionEntity.create({
    tenantId: organizer.tenantId,
    interviewId: newId('interview'),
    candidateId: newId('candidate'),
    applicationId,
    requisitionId: newId('requisition'),
    interviewType: 'technical',
    interviewMode: 'video',
    status,
    scheduledAt,
    durationMinutes: 60,
    endsAt: new Date(Date.parse(scheduledAt) + 60 * 60_000).toISOString(),
    timeZone: 'Europe/Lisbon',
    candidateTimeZone: 'America/New_York',
    interviewerId: lead.userId,
    additionalInterviewers: panel.map((interviewer) => interviewer.userId),
    round,
    requisitionTitle: 'Feedback Engineer',
    createdBy: organizer.userId,
    updatedBy: organizer.userId,
  }).go();
  return data;
};

/** A form that can be submitted. */
export const submission = (interviewId: string, overrides: Record<string, unknown> = {}) => ({
  interviewId,
  submit: true,
  overallRating: 4,
  recommendation: 'hire' as const,
  skillRatings: [],
  followUpRequired: false,
  ...overrides,
});
