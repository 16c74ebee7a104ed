import type { InterviewItem } from '@assist-ten/core/interviews/interview.entity';

/** A stored interview of a lead (`usr_lead`) and no panel, an hour long, for the interview unit tests. */
export const anInterview = (overrides: Partial<InterviewItem> = {}): InterviewItem => ({
  tenantId: 'tnt_demo',
  interviewId: 'int_1',
  candidateId: 'cand_1',
  applicationId: 'app_1',
  requisitionId: 'req_1',
  requisitionTitle: 'Staff Engineer',
  interviewType: 'technical',
  interviewMode: 'video',
  status: 'scheduled',
  scheduledAt: '2030-03-04T09:00:00.000Z',
  durationMinutes: 60,
  endsAt: '2030-03-04T10:00:00.000Z',
  timeZone: 'UTC',
  candidateTimeZone: 'UTC',
  interviewerId: 'usr_lead',
  additionalInterviewers: [],
  round: 1,
  sequence: 0,
  createdAt: '2030-03-01T00:00:00.000Z',
  updatedAt: '2030-03-01T00:00:00.000Z',
  createdBy: 'usr_r',
  updatedBy: 'usr_r',
  version: 1,
  ...overrides,
});
