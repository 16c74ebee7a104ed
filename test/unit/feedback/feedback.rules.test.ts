import {
  allSubmittedWith,
  assertFeedbackOpen,
  assertStillDraft,
  colleaguesStillOpen,
  FEEDBACK_OPEN_STATUSES,
  feedbackErrors,
} from '@assist-ten/core/feedback/feedback.rules';
import { INTERVIEW_STATUSES } from '@assist-ten/core/interviews/interview.model';
import { ConflictError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const fields = (errors: { field: string; code: string }[]) => errors.map(({ field, code }) => `${field}:${code}`);
const draft = { submit: false, followUpRequired: false };
const panel = { interviewerId: 'usr_lead', additionalInterviewers: ['usr_p1', 'usr_p2'] };

describe('feedbackErrors', () => {
  it('lets a draft be empty', () => {
    expect(feedbackErrors(draft)).toEqual([]);
  });

  it('requires an overall rating and a recommendation to submit, naming each missing one', () => {
    expect(fields(feedbackErrors({ ...draft, submit: true }))).toEqual([
      'overallRating:required_to_submit',
      'recommendation:required_to_submit',
    ]);
    expect(fields(feedbackErrors({ ...draft, submit: true, overallRating: 4 }))).toEqual([
      'recommendation:required_to_submit',
    ]);
    expect(feedbackErrors({ ...draft, submit: true, overallRating: 4, recommendation: 'hire' })).toEqual([]);
  });

  it('takes follow-up notes only with followUpRequired, in a draft as in a submission', () => {
    expect(fields(feedbackErrors({ ...draft, followUpNotes: 'Ask again' }))).toEqual(['followUpNotes:needs_follow_up']);
    expect(feedbackErrors({ ...draft, followUpRequired: true, followUpNotes: 'Ask again' })).toEqual([]);
    expect(feedbackErrors({ ...draft, followUpRequired: true })).toEqual([]);
  });
});

describe('assertFeedbackOpen', () => {
  it.each(FEEDBACK_OPEN_STATUSES)('lets feedback be written on a %s interview', (status) => {
    expect(thrownBy(() => assertFeedbackOpen({ interviewId: 'int_1', status }), { orNothing: true })).toBeUndefined();
  });

  it.each([
    ['scheduled', 'interview_not_started', 'has not started'],
    ['cancelled', 'interview_cancelled', 'was cancelled'],
    ['no_show', 'interview_no_show', 'was a no-show'],
  ] as const)('refuses a %s interview with a 409 saying why', (status, reason, why) => {
    // Act
    const error = thrownBy(() => assertFeedbackOpen({ interviewId: 'int_1', status }));

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).statusCode).toBe(409);
    expect((error as ConflictError).message).toContain(why);
    expect((error as ConflictError).extensions).toEqual({
      reason,
      interviewStatus: status,
      feedbackOpensIn: ['in_progress', 'completed'],
    });
  });

  it('has a decision for every interview status', () => {
    const open = INTERVIEW_STATUSES.filter(
      (status) => !thrownBy(() => assertFeedbackOpen({ interviewId: 'int_1', status }), { orNothing: true }),
    );

    expect(open).toEqual(['in_progress', 'completed']);
  });
});

describe('assertStillDraft', () => {
  it('lets a first save and a draft through', () => {
    expect(thrownBy(() => assertStillDraft(undefined), { orNothing: true })).toBeUndefined();
    expect(thrownBy(() => assertStillDraft({ status: 'draft' }), { orNothing: true })).toBeUndefined();
  });

  it('refuses anything on a submitted feedback with a 409 saying it is final', () => {
    // Act
    const error = thrownBy(() => assertStillDraft({ status: 'submitted', submittedAt: '2026-11-24T10:00:00.000Z' }));

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toContain('final');
    expect((error as ConflictError).extensions).toEqual({
      reason: 'feedback_submitted',
      submittedAt: '2026-11-24T10:00:00.000Z',
    });
  });

  it('refuses anything on an excused feedback with a 409 saying none is expected, worded for who asks', () => {
    // Act
    const own = thrownBy(() => assertStillDraft({ status: 'excused', excusedAt: '2026-11-24T11:00:00.000Z' }));
    const theirs = thrownBy(() => assertStillDraft({ status: 'excused' }, 'Their'));

    // Assert
    expect(own).toBeInstanceOf(ConflictError);
    expect((own as ConflictError).message).toBe(
      'Your feedback on this interview was excused: none is expected any more.',
    );
    expect((own as ConflictError).extensions).toEqual({
      reason: 'feedback_excused',
      excusedAt: '2026-11-24T11:00:00.000Z',
    });
    expect((theirs as ConflictError).message).toMatch(/^Their feedback/);
    expect((theirs as ConflictError).extensions).toEqual({ reason: 'feedback_excused' });
  });
});

describe('allSubmittedWith', () => {
  it('is true only when every interviewer but the submitter has submitted', () => {
    const p1 = { interviewerId: 'usr_p1', status: 'submitted' as const };
    const p2 = { interviewerId: 'usr_p2', status: 'submitted' as const };

    expect(allSubmittedWith(panel, [p1, p2], 'usr_lead')).toBe(true);
    expect(allSubmittedWith(panel, [p1], 'usr_lead')).toBe(false);
    expect(allSubmittedWith(panel, [p1, { ...p2, status: 'draft' }], 'usr_lead')).toBe(false);
  });

  it('counts the submitter whatever their own item said when read', () => {
    expect(allSubmittedWith({ interviewerId: 'usr_lead', additionalInterviewers: [] }, [], 'usr_lead')).toBe(true);
    expect(
      allSubmittedWith(
        { interviewerId: 'usr_lead', additionalInterviewers: [] },
        [{ interviewerId: 'usr_lead', status: 'draft' }],
        'usr_lead',
      ),
    ).toBe(true);
  });

  it('counts an excused interviewer as settled, and the one being excused too', () => {
    const p1 = { interviewerId: 'usr_p1', status: 'excused' as const };
    const p2 = { interviewerId: 'usr_p2', status: 'submitted' as const };

    expect(allSubmittedWith(panel, [p1, p2], 'usr_lead')).toBe(true);
    expect(allSubmittedWith(panel, [{ interviewerId: 'usr_lead', status: 'submitted' }, p2], 'usr_p1')).toBe(true);
    expect(allSubmittedWith(panel, [p1], 'usr_lead')).toBe(false);
  });

  it('ignores feedback of people not on the panel', () => {
    expect(allSubmittedWith(panel, [{ interviewerId: 'usr_gone', status: 'submitted' }], 'usr_lead')).toBe(false);
  });
});

describe('colleaguesStillOpen', () => {
  it('names the other interviewers who had not submitted when read, drafts included', () => {
    const read = [
      { interviewerId: 'usr_p1', status: 'draft' as const },
      { interviewerId: 'usr_p2', status: 'submitted' as const },
    ];

    expect(colleaguesStillOpen(panel, read, 'usr_lead')).toEqual(['usr_p1']);
    expect(colleaguesStillOpen(panel, [], 'usr_p1')).toEqual(['usr_lead', 'usr_p2']);
    expect(
      colleaguesStillOpen(
        panel,
        read.map((item) => ({ ...item, status: 'submitted' as const })),
        'usr_lead',
      ),
    ).toEqual([]);
  });

  it('leaves out colleagues who were excused', () => {
    expect(colleaguesStillOpen(panel, [{ interviewerId: 'usr_p1', status: 'excused' }], 'usr_lead')).toEqual([
      'usr_p2',
    ]);
  });
});
