import { type FeedbackStatus, RECOMMENDATIONS, type Recommendation } from '@assist-ten/core/feedback/feedback.model';
import { consolidate, type ScoredFeedback, type ScoredInterview } from '@assist-ten/core/feedback/scorecard';
import type { InterviewStatus } from '@assist-ten/core/interviews/interview.model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const APP = 'app_1';
/** A reader on no panel: sees every submitted feedback. */
const RECRUITER = 'usr_recruiter';

const anInterview = (interviewId: string, overrides: Partial<ScoredInterview> = {}): ScoredInterview => ({
  interviewId,
  round: 1,
  interviewType: 'technical',
  status: 'completed',
  scheduledAt: '2026-11-24T10:00:00.000Z',
  interviewerId: 'usr_lead',
  additionalInterviewers: [],
  ...overrides,
});

const aFeedback = (
  interviewId: string,
  interviewerId: string,
  overrides: Partial<ScoredFeedback> = {},
): ScoredFeedback => ({
  interviewId,
  interviewerId,
  status: 'submitted',
  overallRating: 4,
  recommendation: 'hire',
  followUpRequired: false,
  ...overrides,
});

describe('consolidate', () => {
  it('averages submitted feedback only, rounded to 2 decimals, null where nobody rated', () => {
    // Arrange
    const interviews = [anInterview('int_1', { additionalInterviewers: ['usr_p1', 'usr_p2', 'usr_p3'] })];
    const feedback = [
      aFeedback('int_1', 'usr_lead', { overallRating: 4, technicalSkillsRating: 5 }),
      aFeedback('int_1', 'usr_p1', { overallRating: 4.5 }),
      aFeedback('int_1', 'usr_p2', { overallRating: 3.5, technicalSkillsRating: 4.5 }),
      aFeedback('int_1', 'usr_p3', { status: 'draft', overallRating: 1, technicalSkillsRating: 1 }),
    ];

    // Act
    const { overall } = consolidate(APP, RECRUITER, interviews, feedback);

    // Assert
    expect(overall.feedbackCount).toBe(3);
    expect(overall.averages).toEqual({
      overallRating: 4,
      technicalSkillsRating: 4.75,
      communicationRating: null,
      problemSolvingRating: null,
      cultureFitRating: null,
    });
  });

  it('rounds a repeating mean to 2 decimals', () => {
    const feedback = ['usr_lead', 'usr_p1', 'usr_p2'].map((id, index) =>
      aFeedback('int_1', id, { overallRating: [4, 4, 4.5][index] }),
    );

    const { overall } = consolidate(APP, RECRUITER, [anInterview('int_1')], feedback);

    expect(overall.averages.overallRating).toBe(4.17);
  });

  it('counts every recommendation, zeros included', () => {
    const feedback = [
      aFeedback('int_1', 'usr_a', { recommendation: 'hire' }),
      aFeedback('int_1', 'usr_b', { recommendation: 'hire' }),
      aFeedback('int_1', 'usr_c', { recommendation: 'strong_no_hire' }),
    ];

    const { overall } = consolidate(APP, RECRUITER, [anInterview('int_1')], feedback);

    expect(overall.recommendations).toEqual({ strong_hire: 0, hire: 2, maybe: 0, no_hire: 0, strong_no_hire: 1 });
  });

  it('groups skills whatever their capitals, A to Z, with their average and count', () => {
    const feedback = [
      aFeedback('int_1', 'usr_a', {
        skillRatings: [
          { skill: 'TypeScript', rating: 4 },
          { skill: 'SQL', rating: 2 },
        ],
      }),
      aFeedback('int_2', 'usr_b', { skillRatings: [{ skill: 'typescript', rating: 5 }] }),
      aFeedback('int_2', 'usr_c', { skillRatings: [{ skill: 'Go', rating: 3 }], status: 'draft' }),
    ];

    const { overall } = consolidate(APP, RECRUITER, [anInterview('int_1'), anInterview('int_2')], feedback);

    expect(overall.skills).toEqual([
      { skill: 'SQL', average: 2, count: 1 },
      { skill: 'TypeScript', average: 4.5, count: 2 },
    ]);
  });

  it('counts follow-ups and names each interviewer who asked once', () => {
    const feedback = [
      aFeedback('int_1', 'usr_b', { followUpRequired: true }),
      aFeedback('int_2', 'usr_b', { followUpRequired: true }),
      aFeedback('int_2', 'usr_a', { followUpRequired: true }),
      aFeedback('int_2', 'usr_c'),
    ];

    const { overall } = consolidate(APP, RECRUITER, [anInterview('int_1'), anInterview('int_2')], feedback);

    expect(overall.followUps).toEqual({ count: 3, interviewerIds: ['usr_a', 'usr_b'] });
  });

  it('lists each interview with how many of its interviewers submitted', () => {
    // Arrange
    const interviews = [
      anInterview('int_1', { additionalInterviewers: ['usr_p1'], round: 1 }),
      anInterview('int_2', { round: 2, interviewType: 'behavioral', status: 'cancelled' }),
    ];
    const feedback = [aFeedback('int_1', 'usr_lead'), aFeedback('int_1', 'usr_p1', { status: 'draft' })];

    // Act
    const { interviews: rows } = consolidate(APP, RECRUITER, interviews, feedback);

    // Assert
    expect(rows).toEqual([
      {
        interviewId: 'int_1',
        round: 1,
        interviewType: 'technical',
        status: 'completed',
        scheduledAt: '2026-11-24T10:00:00.000Z',
        interviewers: 2,
        submitted: 1,
        excused: 0,
        complete: false,
        withheld: false,
      },
      {
        interviewId: 'int_2',
        round: 2,
        interviewType: 'behavioral',
        status: 'cancelled',
        scheduledAt: '2026-11-24T10:00:00.000Z',
        interviewers: 1,
        submitted: 0,
        excused: 0,
        complete: false,
        withheld: false,
      },
    ]);
  });

  describe('read by someone on a panel', () => {
    const interviews = [
      anInterview('int_1', { additionalInterviewers: ['usr_reader'] }),
      anInterview('int_2', { interviewerId: 'usr_other' }),
    ];
    const colleagues = [
      aFeedback('int_1', 'usr_lead', { overallRating: 1, recommendation: 'strong_no_hire', followUpRequired: true }),
      aFeedback('int_2', 'usr_other', { overallRating: 5, recommendation: 'strong_hire' }),
    ];

    it('leaves out the feedback of their interview until they submitted their own, and shows its progress', () => {
      // Act
      const card = consolidate(APP, 'usr_reader', interviews, [
        ...colleagues,
        aFeedback('int_1', 'usr_reader', { status: 'draft', overallRating: 3 }),
      ]);

      // Assert
      expect(
        card.interviews.map(({ interviewId, submitted, withheld }) => ({ interviewId, submitted, withheld })),
      ).toEqual([
        { interviewId: 'int_1', submitted: 1, withheld: true },
        { interviewId: 'int_2', submitted: 1, withheld: false },
      ]);
      expect(card.overall).toMatchObject({
        feedbackCount: 1,
        averages: { overallRating: 5 },
        recommendations: { strong_hire: 1, strong_no_hire: 0 },
        followUps: { count: 0, interviewerIds: [] },
      });
    });

    it('counts it all once their own is submitted', () => {
      const card = consolidate(APP, 'usr_reader', interviews, [
        ...colleagues,
        aFeedback('int_1', 'usr_reader', { overallRating: 3 }),
      ]);

      expect(card.interviews.map((row) => row.withheld)).toEqual([false, false]);
      expect(card.overall).toMatchObject({ feedbackCount: 3, averages: { overallRating: 3 } });
    });

    it('withholds nothing from a reader who was excused from their own', () => {
      const card = consolidate(APP, 'usr_reader', interviews, [
        ...colleagues,
        aFeedback('int_1', 'usr_reader', { status: 'excused', overallRating: undefined, recommendation: undefined }),
      ]);

      expect(card.interviews[0]).toMatchObject({ withheld: false, excused: 1, complete: true });
      expect(card.overall.feedbackCount).toBe(2);
    });

    it('withholds nothing of an interview that did not take place', () => {
      const card = consolidate(
        APP,
        'usr_reader',
        [anInterview('int_1', { additionalInterviewers: ['usr_reader'], status: 'cancelled' })],
        [],
      );

      expect(card.interviews[0]?.withheld).toBe(false);
    });
  });

  describe('is complete', () => {
    const done = (interviewId: string) => aFeedback(interviewId, 'usr_lead');

    it('when every completed interview has all its feedback, cancelled and no-show ones aside', () => {
      const interviews = [
        anInterview('int_1'),
        anInterview('int_2', { status: 'cancelled' }),
        anInterview('int_3', { status: 'no_show' }),
      ];

      expect(consolidate(APP, RECRUITER, interviews, [done('int_1')]).overall.complete).toBe(true);
    });

    it('when the interviewers who did not submit were excused, whose feedback counts for nothing', () => {
      // Arrange
      const interviews = [anInterview('int_1', { additionalInterviewers: ['usr_p1', 'usr_p2'] })];
      const feedback = [
        done('int_1'),
        aFeedback('int_1', 'usr_p1', { status: 'excused', overallRating: undefined, recommendation: undefined }),
        aFeedback('int_1', 'usr_p2', { status: 'draft' }),
      ];

      // Act
      const midway = consolidate(APP, RECRUITER, interviews, feedback);
      const settled = consolidate(APP, RECRUITER, interviews, [
        ...feedback.slice(0, 2),
        aFeedback('int_1', 'usr_p2', { status: 'excused', overallRating: undefined, recommendation: undefined }),
      ]);

      // Assert
      expect(midway.interviews[0]).toMatchObject({ interviewers: 3, submitted: 1, excused: 1, complete: false });
      expect(midway.overall.complete).toBe(false);
      expect(settled.interviews[0]).toMatchObject({ submitted: 1, excused: 2, complete: true });
      expect(settled.overall).toMatchObject({ complete: true, feedbackCount: 1 });
    });

    it('not while a completed interview lacks a submission', () => {
      const interviews = [anInterview('int_1'), anInterview('int_2', { additionalInterviewers: ['usr_p1'] })];

      expect(consolidate(APP, RECRUITER, interviews, [done('int_1'), done('int_2')]).overall.complete).toBe(false);
    });

    it.each(['scheduled', 'in_progress'] as const)('not while an interview is still %s', (status) => {
      const interviews = [anInterview('int_1'), anInterview('int_2', { status })];

      expect(consolidate(APP, RECRUITER, interviews, [done('int_1'), done('int_2')]).overall.complete).toBe(false);
    });

    it('not without any completed interview', () => {
      expect(consolidate(APP, RECRUITER, [], []).overall.complete).toBe(false);
      expect(consolidate(APP, RECRUITER, [anInterview('int_1', { status: 'cancelled' })], []).overall.complete).toBe(
        false,
      );
    });
  });

  it('gives an application without feedback zero counts and null averages', () => {
    const { overall } = consolidate(APP, RECRUITER, [], []);

    expect(overall).toMatchObject({
      feedbackCount: 0,
      skills: [],
      followUps: { count: 0, interviewerIds: [] },
      averages: { overallRating: null, cultureFitRating: null },
    });
    expect(Object.values(overall.recommendations)).toEqual([0, 0, 0, 0, 0]);
  });

  describe('over any feedback', () => {
    const halfStep = fc.integer({ min: 2, max: 10 }).map((halves) => halves / 2);
    const maybeRating = fc.option(halfStep, { nil: undefined });
    // One per interviewer per interview, as the key makes it.
    const feedbackArb = fc.uniqueArray(
      fc.record({
        interviewId: fc.constantFrom('int_1', 'int_2', 'int_3'),
        interviewerId: fc.constantFrom('usr_lead', 'usr_a', 'usr_b', 'usr_c'),
        status: fc.constantFrom<FeedbackStatus>('draft', 'submitted'),
        overallRating: maybeRating,
        recommendation: fc.option(fc.constantFrom<Recommendation>(...RECOMMENDATIONS), { nil: undefined }),
        technicalSkillsRating: maybeRating,
        communicationRating: maybeRating,
        problemSolvingRating: maybeRating,
        cultureFitRating: maybeRating,
        skillRatings: fc.array(fc.record({ skill: fc.constantFrom('Go', 'go', 'SQL', 'Rust'), rating: halfStep }), {
          maxLength: 4,
        }),
        followUpRequired: fc.boolean(),
      }),
      { maxLength: 12, selector: (item) => `${item.interviewId}|${item.interviewerId}` },
    );
    const interviewsArb = fc.tuple(
      fc.constantFrom<InterviewStatus>('scheduled', 'in_progress', 'completed', 'cancelled', 'no_show'),
      fc.constantFrom<InterviewStatus>('completed', 'cancelled'),
      fc.subarray(['usr_a', 'usr_b', 'usr_c']),
    );

    it('keeps every average within 1..5 and every count consistent with the submissions', () => {
      fc.assert(
        fc.property(feedbackArb, interviewsArb, (feedback, [first, second, panel]) => {
          // Act
          const card = consolidate(
            APP,
            RECRUITER,
            [
              anInterview('int_1', { status: first, additionalInterviewers: panel }),
              anInterview('int_2', { status: second }),
              anInterview('int_3'),
            ],
            feedback,
          );

          // Assert
          const submitted = feedback.filter((item) => item.status === 'submitted');
          const averages = [
            ...Object.values(card.overall.averages),
            ...card.overall.skills.map((skill) => skill.average),
          ];
          for (const average of averages) if (average !== null) expect(average).toBeGreaterThanOrEqual(1);
          for (const average of averages) if (average !== null) expect(average).toBeLessThanOrEqual(5);
          expect(card.overall.feedbackCount).toBe(submitted.length);
          const recommended = Object.values(card.overall.recommendations).reduce((sum, count) => sum + count, 0);
          expect(recommended).toBe(submitted.filter((item) => item.recommendation !== undefined).length);
          const skillCount = card.overall.skills.reduce((sum, skill) => sum + skill.count, 0);
          expect(skillCount).toBe(submitted.reduce((sum, item) => sum + item.skillRatings.length, 0));
          expect(card.overall.followUps.count).toBe(submitted.filter((item) => item.followUpRequired).length);
          for (const row of card.interviews) expect(row.submitted).toBeLessThanOrEqual(row.interviewers);
          if (card.overall.complete) expect(card.interviews.some((row) => row.status === 'completed')).toBe(true);
        }),
      );
    });
  });
});
