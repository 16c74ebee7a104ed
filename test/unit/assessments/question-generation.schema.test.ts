import { canonicalWeightedSkills } from '@assist-ten/core/assessments/question-generation';
import {
  DEFAULT_DIFFICULTY_MIX,
  DEFAULT_GENERATED_QUESTIONS,
  GenerateQuestionsBody,
  MAX_GENERATED_QUESTIONS,
  MAX_GENERATION_SKILLS,
  QuestionGenerationMessage,
} from '@assist-ten/core/assessments/question-generation.schema';
import type { TaxonomyEntry } from '@assist-ten/core/extraction/extracted-skill';
import { ValidationError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const JD = 'jd_01JABCDEFGHJKMNPQRSTVWXYZ0';

const issuesOf = (body: unknown) => {
  const result = GenerateQuestionsBody.safeParse(body);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
};

const fieldsOf = (body: unknown) => issuesOf(body).map(({ field }) => field);

describe('GenerateQuestionsBody', () => {
  it('fills in the defaults of a skills request: 10 questions, the default mix, weight 1', () => {
    // Act
    const body = GenerateQuestionsBody.parse({ skills: [{ skill: 'TypeScript' }] });

    // Assert
    expect(body).toEqual({
      skills: [{ skill: 'TypeScript', weight: 1 }],
      count: DEFAULT_GENERATED_QUESTIONS,
      difficultyMix: DEFAULT_DIFFICULTY_MIX,
    });
  });

  it('accepts a job description request with every option', () => {
    // Act
    const result = GenerateQuestionsBody.safeParse({
      jobDescriptionId: JD,
      count: MAX_GENERATED_QUESTIONS,
      difficultyMix: { easy: 0, medium: 1, hard: 3 },
      types: ['single_choice', 'coding'],
      title: 'Backend screening',
    });

    // Assert
    expect(result.success).toBe(true);
  });

  it('asks for skills when neither skills nor a job description is given', () => {
    // Act
    const issues = issuesOf({ count: 5 });

    // Assert
    expect(issues).toEqual([{ field: 'skills', message: 'Give skills, or a jobDescriptionId to take them from' }]);
  });

  it('refuses skills and a job description together', () => {
    // Act
    const fields = fieldsOf({ jobDescriptionId: JD, skills: [{ skill: 'Go' }] });

    // Assert
    expect(fields).toEqual(['jobDescriptionId']);
  });

  it.each([0, MAX_GENERATED_QUESTIONS + 1, 2.5])('refuses a count of %s', (count) => {
    // Act
    const fields = fieldsOf({ skills: [{ skill: 'Go' }], count });

    // Assert
    expect(fields).toEqual(['count']);
  });

  it('refuses an empty skill list, too many skills, and a skill listed twice', () => {
    // Arrange
    const many = Array.from({ length: MAX_GENERATION_SKILLS + 1 }, (_, index) => ({ skill: `Skill ${index}` }));

    // Act
    const empty = fieldsOf({ skills: [] });
    const tooMany = fieldsOf({ skills: many });
    const twice = fieldsOf({ skills: [{ skill: 'Go' }, { skill: 'go' }] });

    // Assert
    expect(empty).toContain('skills');
    expect(tooMany).toContain('skills');
    expect(twice).toEqual(['skills']);
  });

  it('refuses a weight outside 0.1 to 10, naming the skill', () => {
    // Act
    const fields = fieldsOf({
      skills: [
        { skill: 'Go', weight: 0 },
        { skill: 'Rust', weight: 11 },
      ],
    });

    // Assert
    expect(fields).toEqual(['skills.0.weight', 'skills.1.weight']);
  });

  it('refuses a difficulty mix with no weight above 0, or a negative weight', () => {
    // Act
    const zero = issuesOf({ skills: [{ skill: 'Go' }], difficultyMix: { easy: 0, medium: 0, hard: 0 } });
    const negative = fieldsOf({ skills: [{ skill: 'Go' }], difficultyMix: { easy: -1, medium: 1, hard: 1 } });

    // Assert
    expect(zero).toEqual([{ field: 'difficultyMix', message: 'Give at least one difficulty a weight above 0' }]);
    expect(negative).toEqual(['difficultyMix.easy']);
  });

  it('refuses unknown or repeated question types, and an empty list of them', () => {
    // Act
    const unknown = fieldsOf({ skills: [{ skill: 'Go' }], types: ['essay'] });
    const repeated = fieldsOf({ skills: [{ skill: 'Go' }], types: ['coding', 'coding'] });
    const empty = fieldsOf({ skills: [{ skill: 'Go' }], types: [] });

    // Assert
    expect(unknown).toEqual(['types.0']);
    expect(repeated).toEqual(['types']);
    expect(empty).toEqual(['types']);
  });

  it('refuses a malformed job description id, a long title and unknown fields', () => {
    // Act
    const badId = fieldsOf({ jobDescriptionId: 'req_01JABCDEFGHJKMNPQRSTVWXYZ0' });
    const longTitle = fieldsOf({ skills: [{ skill: 'Go' }], title: 'x'.repeat(201) });
    const unknown = issuesOf({ skills: [{ skill: 'Go' }], questions: [] });

    // Assert
    expect(badId).toContain('jobDescriptionId');
    expect(longTitle).toEqual(['title']);
    expect(unknown).toHaveLength(1);
  });
});

describe('QuestionGenerationMessage', () => {
  it('reads back the message a request sends', () => {
    // Arrange
    const message = {
      kind: 'question_generation',
      tenantId: 'tnt_demo',
      taskId: 'task_01JABCDEFGHJKMNPQRSTVWXYZ0',
      actorId: 'usr_alice',
      request: {
        skills: [{ skill: 'TypeScript', weight: 1 }],
        count: 10,
        difficultyMix: { easy: 1, medium: 2, hard: 1 },
        title: 'TypeScript questions',
      },
    };

    // Act
    const parsed = QuestionGenerationMessage.parse(JSON.parse(JSON.stringify(message)));

    // Assert
    expect(parsed).toEqual(message);
  });

  it('refuses a message of another kind', () => {
    // Act
    const result = QuestionGenerationMessage.safeParse({ kind: 'candidate_export', tenantId: 't', taskId: 't' });

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('canonicalWeightedSkills', () => {
  const TAXONOMY: TaxonomyEntry[] = [
    { skillId: 'skl_ts', name: 'TypeScript', category: 'languages', aliases: ['ts'] },
    { skillId: 'skl_js', name: 'JavaScript', category: 'languages', aliases: ['js'] },
  ];

  it('names each skill canonically and keeps its weight', () => {
    // Act
    const skills = canonicalWeightedSkills(TAXONOMY, [
      { skill: 'TS', weight: 2 },
      { skill: 'javascript', weight: 1 },
    ]);

    // Assert
    expect(skills).toEqual([
      { skill: 'TypeScript', weight: 2 },
      { skill: 'JavaScript', weight: 1 },
    ]);
  });

  it('refuses unknown skills and a second name for a listed one, naming each field', () => {
    // Act
    const error = thrownBy(() =>
      canonicalWeightedSkills(TAXONOMY, [
        { skill: 'TypeScript', weight: 1 },
        { skill: 'Cobol', weight: 1 },
        { skill: 'ts', weight: 1 },
      ]),
    );

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      { field: 'skills.1.skill', code: 'unknown_skill', message: 'Not a skill or alias of your skill taxonomy' },
      { field: 'skills.2.skill', code: 'duplicate', message: 'TypeScript is already listed' },
    ]);
  });
});
