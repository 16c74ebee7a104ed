import { FEEDBACK_LIMITS } from '@assist-ten/core/feedback/feedback.model';
import {
  InterviewFeedbackPath,
  rating,
  SaveFeedbackBody,
  ScorecardPath,
} from '@assist-ten/core/feedback/feedback.schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const INTERVIEW = 'int_01JABCDEFGHJKMNPQRSTVWXYZ0';

const aForm = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  interviewId: INTERVIEW,
  submit: true,
  overallRating: 4.5,
  recommendation: 'hire',
  technicalSkillsRating: 4,
  communicationRating: 3.5,
  problemSolvingRating: 5,
  cultureFitRating: 1,
  skillRatings: [
    { skill: 'TypeScript', rating: 4, notes: 'Knows generics well' },
    { skill: 'DynamoDB', rating: 3 },
  ],
  strengths: 'Clear thinker.',
  weaknesses: 'Rushed the tests.',
  detailedNotes: 'Went through the design of a queue consumer.',
  followUpRequired: true,
  followUpNotes: 'Ask about on-call experience.',
  ...overrides,
});

const fieldsOf = (result: { success: boolean; error?: { issues: readonly { path: PropertyKey[] }[] } }) => {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join('.'));
};

const RATINGS = [
  'overallRating',
  'technicalSkillsRating',
  'communicationRating',
  'problemSolvingRating',
  'cultureFitRating',
];

describe('SaveFeedbackBody', () => {
  it('accepts a complete form and a bare draft, defaulting submit, skills and follow-up', () => {
    // Act
    const complete = SaveFeedbackBody.safeParse(aForm());
    const draft = SaveFeedbackBody.safeParse({ interviewId: INTERVIEW });

    // Assert
    expect(complete.success).toBe(true);
    expect(draft).toEqual({
      success: true,
      data: { interviewId: INTERVIEW, submit: false, skillRatings: [], followUpRequired: false },
    });
  });

  it.each(RATINGS)('names %s in the error for 3.3, 6, 0.5 and a string', (field) => {
    for (const value of [3.3, 6, 0.5, '4']) {
      // Act
      const fields = fieldsOf(SaveFeedbackBody.safeParse(aForm({ [field]: value })));

      // Assert
      expect(fields).toEqual([field]);
    }
  });

  it('names the rating of one skill by its position', () => {
    // Act
    const fields = fieldsOf(
      SaveFeedbackBody.safeParse(
        aForm({
          skillRatings: [
            { skill: 'Go', rating: 3 },
            { skill: 'Rust', rating: 2.25 },
          ],
        }),
      ),
    );

    // Assert
    expect(fields).toEqual(['skillRatings.1.rating']);
  });

  it('refuses the same skill twice, whatever its capitals or spaces', () => {
    // Act
    const fields = fieldsOf(
      SaveFeedbackBody.safeParse(
        aForm({
          skillRatings: [
            { skill: 'Go', rating: 3 },
            { skill: ' go ', rating: 4 },
          ],
        }),
      ),
    );

    // Assert
    expect(fields).toEqual(['skillRatings']);
  });

  it(`takes ${FEEDBACK_LIMITS.skillRatings} skills and refuses one more`, () => {
    // Arrange
    const skills = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ skill: `Skill ${index}`, rating: 3 }));

    // Act
    const most = SaveFeedbackBody.safeParse(aForm({ skillRatings: skills(FEEDBACK_LIMITS.skillRatings) }));
    const tooMany = fieldsOf(
      SaveFeedbackBody.safeParse(aForm({ skillRatings: skills(FEEDBACK_LIMITS.skillRatings + 1) })),
    );

    // Assert
    expect(most.success).toBe(true);
    expect(tooMany).toEqual(['skillRatings']);
  });

  it.each([
    ['strengths', FEEDBACK_LIMITS.strengthsLength],
    ['weaknesses', FEEDBACK_LIMITS.weaknessesLength],
    ['detailedNotes', FEEDBACK_LIMITS.detailedNotesLength],
    ['followUpNotes', FEEDBACK_LIMITS.followUpNotesLength],
  ])('bounds %s at %i characters after trimming', (field, max) => {
    // Act
    const longest = SaveFeedbackBody.safeParse(aForm({ [field]: ` ${'a'.repeat(max)} ` }));
    const tooLong = fieldsOf(SaveFeedbackBody.safeParse(aForm({ [field]: 'a'.repeat(max + 1) })));
    const blank = fieldsOf(SaveFeedbackBody.safeParse(aForm({ [field]: '   ' })));

    // Assert
    expect(longest.success).toBe(true);
    expect(tooLong).toEqual([field]);
    expect(blank).toEqual([field]);
  });

  it('bounds a skill name and its notes', () => {
    // Act
    const fields = fieldsOf(
      SaveFeedbackBody.safeParse(
        aForm({
          skillRatings: [
            {
              skill: 'a'.repeat(FEEDBACK_LIMITS.skillNameLength + 1),
              rating: 3,
              notes: 'a'.repeat(FEEDBACK_LIMITS.skillNotesLength + 1),
            },
          ],
        }),
      ),
    );

    // Assert
    expect(fields.sort()).toEqual(['skillRatings.0.notes', 'skillRatings.0.skill']);
  });

  it.each(['status', 'interviewerId', 'submittedAt', 'version', 'tenantId', 'feedbackId'])(
    'rejects the system-owned field %s',
    (field) => {
      // Act
      const result = SaveFeedbackBody.safeParse(aForm({ [field]: 'attacker-chosen' }));

      // Assert
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: [field] });
    },
  );

  it('refuses an interview id of another kind and an unknown recommendation', () => {
    // Act
    const fields = fieldsOf(
      SaveFeedbackBody.safeParse(aForm({ interviewId: 'app_01JABCDEFGHJKMNPQRSTVWXYZ0', recommendation: 'yes' })),
    );

    // Assert
    expect(fields.sort()).toEqual(['interviewId', 'recommendation']);
  });
});

describe('rating', () => {
  it('accepts exactly the half steps from 1 to 5, among quarters and tenths from -10 to 10', () => {
    const steps = fc.oneof(
      fc.integer({ min: -40, max: 40 }).map((quarters) => quarters / 4),
      fc.integer({ min: -100, max: 100 }).map((tenths) => tenths / 10),
    );

    fc.assert(
      fc.property(steps, (value) => {
        const halfStep = Number.isInteger(value * 2) && value >= 1 && value <= 5;

        expect(rating.safeParse(value).success).toBe(halfStep);
      }),
    );
  });
});

describe('feedback paths', () => {
  it('take an interview id for feedback and an application id for the scorecard', () => {
    expect(InterviewFeedbackPath.safeParse({ id: INTERVIEW }).success).toBe(true);
    expect(InterviewFeedbackPath.safeParse({ id: 'app_01JABCDEFGHJKMNPQRSTVWXYZ0' }).success).toBe(false);
    expect(ScorecardPath.safeParse({ id: 'app_01JABCDEFGHJKMNPQRSTVWXYZ0' }).success).toBe(true);
    expect(ScorecardPath.safeParse({ id: INTERVIEW }).success).toBe(false);
  });
});
