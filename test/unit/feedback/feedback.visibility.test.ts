import type { FeedbackStatus } from '@assist-ten/core/feedback/feedback.model';
import { seatsOf } from '@assist-ten/core/feedback/feedback.policy';
import { visibleFeedback } from '@assist-ten/core/feedback/feedback.visibility';
import type { StaffRole } from '@assist-ten/core/shared/principal';
import { describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const panel = { interviewerId: 'usr_lead', additionalInterviewers: ['usr_p1', 'usr_p2'] };
const item = (interviewerId: string, status: FeedbackStatus) => ({ interviewerId, status, id: `fb_${interviewerId}` });
const as = (userId: string, roles: StaffRole[] = ['interviewer']) => aPrincipal({ userId, roles });
const shown = (view: ReturnType<typeof visibleFeedback> | undefined) =>
  view?.feedback.map((feedback) => `${feedback.interviewerId}:${feedback.status}`);

describe('visibleFeedback', () => {
  it('shows a panel interviewer who has not submitted only their own draft and a count of submissions', () => {
    // Arrange
    const feedback = [item('usr_lead', 'submitted'), item('usr_p1', 'draft'), item('usr_p2', 'submitted')];

    // Act
    const view = visibleFeedback(as('usr_p1'), panel, feedback);

    // Assert
    expect(view?.visibility).toBe('own_only');
    expect(shown(view)).toEqual(['usr_p1:draft']);
    expect(view?.submittedCount).toBe(2);
  });

  it('shows a panel interviewer with nothing written yet no feedback at all', () => {
    const view = visibleFeedback(as('usr_p1'), panel, [item('usr_lead', 'submitted')]);

    expect(view?.visibility).toBe('own_only');
    expect(shown(view)).toEqual([]);
    expect(view?.submittedCount).toBe(1);
  });

  it("shows an interviewer who submitted their own and colleagues' submitted feedback, never colleagues' drafts", () => {
    // Arrange
    const feedback = [item('usr_p2', 'submitted'), item('usr_p1', 'draft'), item('usr_lead', 'submitted')];

    // Act
    const view = visibleFeedback(as('usr_p2'), panel, feedback);

    // Assert
    expect(view?.visibility).toBe('all');
    expect(shown(view)).toEqual(['usr_lead:submitted', 'usr_p2:submitted']);
  });

  it.each([['recruiter'], ['admin']] as const)(
    'shows a %s not on the panel every submitted feedback, and drafts only as a status',
    (role) => {
      // Arrange
      const feedback = [item('usr_lead', 'draft'), item('usr_p2', 'submitted')];

      // Act
      const view = visibleFeedback(as('usr_manager', [role]), panel, feedback);

      // Assert
      expect(view?.visibility).toBe('all');
      expect(shown(view)).toEqual(['usr_p2:submitted']);
      expect(view?.interviewers).toEqual([
        { interviewerId: 'usr_lead', role: 'lead', status: 'draft' },
        { interviewerId: 'usr_p1', role: 'panel', status: 'pending' },
        { interviewerId: 'usr_p2', role: 'panel', status: 'submitted' },
      ]);
    },
  );

  it('holds a recruiter on the panel to the panel rule until they submit', () => {
    // Arrange
    const recruiter = as('usr_p1', ['recruiter', 'interviewer']);
    const before = [item('usr_lead', 'submitted')];
    const after = [...before, item('usr_p1', 'submitted')];

    // Act
    const beforeView = visibleFeedback(recruiter, panel, before);
    const afterView = visibleFeedback(recruiter, panel, after);

    // Assert
    expect([beforeView?.visibility, shown(beforeView)]).toEqual(['own_only', []]);
    expect([afterView?.visibility, shown(afterView)]).toEqual(['all', ['usr_lead:submitted', 'usr_p1:submitted']]);
  });

  it("shows where an excused interviewer stands, never their item, and keeps the excused one's own view", () => {
    // Arrange
    const feedback = [item('usr_lead', 'submitted'), item('usr_p1', 'excused'), item('usr_p2', 'submitted')];

    // Act
    const recruiter = visibleFeedback(as('usr_rec', ['recruiter']), panel, feedback);
    const excused = visibleFeedback(as('usr_p1'), panel, feedback);

    // Assert
    expect(recruiter?.interviewers.map((seat) => seat.status)).toEqual(['submitted', 'excused', 'submitted']);
    expect(shown(recruiter)).toEqual(['usr_lead:submitted', 'usr_p2:submitted']);
    expect(excused?.visibility).toBe('own_only');
    expect(shown(excused)).toEqual(['usr_p1:excused']);
  });

  it('hides the interview from an interviewer not on it, whatever was submitted', () => {
    expect(visibleFeedback(as('usr_stranger'), panel, [item('usr_lead', 'submitted')])).toBeUndefined();
    expect(visibleFeedback(as('usr_stranger', ['interviewer']), panel, [])).toBeUndefined();
  });

  it('hides it from a superadmin, who runs the platform, not the hiring', () => {
    expect(visibleFeedback(as('usr_root', ['superadmin']), panel, [item('usr_lead', 'submitted')])).toBeUndefined();
  });

  it('lists the lead first, then the panel, each person once', () => {
    // Arrange
    const messy = { interviewerId: 'usr_lead', additionalInterviewers: ['usr_p1', 'usr_lead', 'usr_p1'] };

    // Act
    const view = visibleFeedback(as('usr_lead'), messy, []);

    // Assert
    expect(view?.interviewers.map(({ interviewerId, role }) => `${role}:${interviewerId}`)).toEqual([
      'lead:usr_lead',
      'panel:usr_p1',
    ]);
    expect(seatsOf(messy)).toHaveLength(2);
  });
});
