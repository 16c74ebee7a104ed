import { QuestionContent } from '@assist-ten/core/assessments/question.content';
import { DIFFICULTIES, QUESTION_TYPES } from '@assist-ten/core/assessments/question.model';
import { BANK_ENTRIES, bankQuestions } from '@assist-ten/core/assessments/question-bank/index';
import { DEFAULT_SKILLS } from '@assist-ten/core/skills/default-skills';
import { describe, expect, it } from 'vitest';

const CANONICAL = new Set(DEFAULT_SKILLS.map(({ name }) => name));

const tagsOf = (entry: (typeof BANK_ENTRIES)[number]) => entry.question.skillTags ?? [];

const difficultiesBySkill = (): Map<string, Set<string>> => {
  const bySkill = new Map<string, Set<string>>();
  for (const entry of BANK_ENTRIES) {
    for (const tag of tagsOf(entry)) {
      bySkill.set(tag, new Set([...(bySkill.get(tag) ?? []), entry.question.difficulty ?? 'medium']));
    }
  }
  return bySkill;
};

describe('question bank', () => {
  it('holds only questions that are valid QuestionContent', () => {
    // Act
    const invalid = BANK_ENTRIES.flatMap(({ id, question }) => {
      const result = QuestionContent.safeParse(question);
      return result.success ? [] : [`${id}: ${result.error.issues.map((issue) => issue.message).join('; ')}`];
    });

    // Assert
    expect(invalid).toEqual([]);
  });

  it('gives every entry a unique, stable id of the form <skill>-<n>', () => {
    // Arrange
    const ids = BANK_ENTRIES.map(({ id }) => id);

    // Assert
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z0-9]+-\d+$/.test(id))).toEqual([]);
  });

  it('holds at least 300 questions over at least 40 skills', () => {
    // Act
    const skills = difficultiesBySkill();

    // Assert
    expect(BANK_ENTRIES.length).toBeGreaterThanOrEqual(300);
    expect(skills.size).toBeGreaterThanOrEqual(40);
  });

  it('has easy, medium and hard questions for every skill it covers', () => {
    // Act
    const incomplete = [...difficultiesBySkill()]
      .filter(([, difficulties]) => DIFFICULTIES.some((difficulty) => !difficulties.has(difficulty)))
      .map(([skill, difficulties]) => `${skill}: ${[...difficulties].join(', ')}`);

    // Assert
    expect(incomplete).toEqual([]);
  });

  it('tags every question with canonical names of the default taxonomy, at least one each', () => {
    // Act
    const untagged = BANK_ENTRIES.filter((entry) => tagsOf(entry).length === 0).map(({ id }) => id);
    const unknown = BANK_ENTRIES.flatMap((entry) => tagsOf(entry).filter((tag) => !CANONICAL.has(tag)));

    // Assert
    expect(untagged).toEqual([]);
    expect(unknown).toEqual([]);
  });

  it('uses short option ids (a, b, c, ...), each once per question', () => {
    // Act
    const misnamed = BANK_ENTRIES.flatMap(({ id, question }) =>
      'options' in question
        ? question.options.filter((option) => !/^[a-z0-9]{1,2}$/.test(option.id)).map((option) => `${id}:${option.id}`)
        : [],
    );

    // Assert
    expect(misnamed).toEqual([]);
  });

  it('is mostly choice and true/false questions, with every other type present too', () => {
    // Arrange
    const countOf = (type: string) => BANK_ENTRIES.filter(({ question }) => question.type === type).length;

    // Act
    const objective = countOf('single_choice') + countOf('multiple_choice') + countOf('true_false');

    // Assert
    expect(objective / BANK_ENTRIES.length).toBeGreaterThan(0.75);
    expect(QUESTION_TYPES.filter((type) => countOf(type) === 0)).toEqual([]);
  });

  it('gives written questions a rubric, keywords and a model answer', () => {
    // Act
    const incomplete = BANK_ENTRIES.filter(
      ({ question }) =>
        (question.type === 'long_text' || question.type === 'coding') &&
        !(question.rubric && question.expectedAnswer && (question.keywords?.length ?? 0) > 0),
    ).map(({ id }) => id);

    // Assert
    expect(incomplete).toEqual([]);
  });

  it('never asks the same prompt twice', () => {
    // Arrange
    const prompts = BANK_ENTRIES.map(({ question }) => question.prompt.trim().toLowerCase());

    // Assert
    expect(new Set(prompts).size).toBe(prompts.length);
  });

  it('parses once into questions with their defaults filled in', () => {
    // Act
    const first = bankQuestions();
    const second = bankQuestions();

    // Assert
    expect(second).toBe(first);
    expect(first.map(({ id }) => id)).toEqual(BANK_ENTRIES.map(({ id }) => id));
    expect(first.every(({ question }) => question.points >= 0.5 && question.skillTags.length > 0)).toBe(true);
  });
});
