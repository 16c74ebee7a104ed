import type { InterviewItem } from '@assist-ten/core/interviews/interview.entity';
import {
  allowedActionsFor,
  assertMayListOthers,
  assertScheduler,
  canSeeInterview,
  seatOf,
} from '@assist-ten/core/interviews/interview.policy';
import { ForbiddenError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';

const NOW = '2030-03-04T09:00:00.000Z';
const interview = (overrides: Partial<InterviewItem> = {}) => ({
  interviewerId: 'usr_lead',
  additionalInterviewers: ['usr_panel'],
  status: 'scheduled' as InterviewItem['status'],
  scheduledAt: '2030-03-04T09:10:00.000Z',
  ...overrides,
});

const recruiter = aPrincipal({ roles: ['recruiter'] });
const admin = aPrincipal({ roles: ['admin'] });
const lead = aPrincipal({ userId: 'usr_lead', roles: ['interviewer'] });
const panel = aPrincipal({ userId: 'usr_panel', roles: ['interviewer'] });
const stranger = aPrincipal({ userId: 'usr_other', roles: ['interviewer'] });

describe('interview policy', () => {
  it('lets recruiters and admins schedule, nobody else', () => {
    // Act / Assert
    expect(thrownBy(() => assertScheduler(recruiter), { orNothing: true })).toBeUndefined();
    expect(thrownBy(() => assertScheduler(admin), { orNothing: true })).toBeUndefined();
    expect(thrownBy(() => assertScheduler(lead))).toBeInstanceOf(ForbiddenError);
    expect(thrownBy(() => assertScheduler(aPrincipal({ roles: ['superadmin'] })))).toBeInstanceOf(ForbiddenError);
  });

  it('shows an interviewer only the interviews they sit in', () => {
    expect(canSeeInterview(lead, interview())).toBe(true);
    expect(canSeeInterview(panel, interview())).toBe(true);
    expect(canSeeInterview(stranger, interview())).toBe(false);
    expect(canSeeInterview(recruiter, interview())).toBe(true);
  });

  it("names the caller's seat", () => {
    expect(seatOf(lead, interview())).toBe('lead');
    expect(seatOf(panel, interview())).toBe('panel');
    expect(seatOf(recruiter, interview())).toBeUndefined();
  });

  it('lets only schedulers list by candidate, application or requisition', () => {
    expect(thrownBy(() => assertMayListOthers(lead))).toBeInstanceOf(ForbiddenError);
    expect(thrownBy(() => assertMayListOthers(admin), { orNothing: true })).toBeUndefined();
  });
});

describe('allowedActionsFor', () => {
  it('offers a scheduler every move of an open, scheduled interview', () => {
    expect(allowedActionsFor(recruiter, interview(), NOW)).toEqual(['update', 'start', 'cancel', 'no_show']);
  });

  it('offers its interviewers start and no-show, never changes or cancelling', () => {
    expect(allowedActionsFor(panel, interview(), NOW)).toEqual(['start', 'no_show']);
  });

  it('offers nothing timed before the interview opens', () => {
    // Act
    const early = allowedActionsFor(recruiter, interview({ scheduledAt: '2030-03-04T10:00:00.000Z' }), NOW);

    // Assert
    expect(early).toEqual(['update', 'cancel']);
  });

  it('offers completion of an interview in progress, and nothing once it is over', () => {
    expect(allowedActionsFor(lead, interview({ status: 'in_progress' }), NOW)).toEqual(['complete']);
    for (const status of ['completed', 'cancelled', 'no_show'] as const) {
      expect(allowedActionsFor(recruiter, interview({ status }), NOW)).toEqual([]);
    }
  });

  it('offers a stranger nothing', () => {
    expect(allowedActionsFor(stranger, interview(), NOW)).toEqual([]);
  });
});
