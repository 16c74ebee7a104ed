import { localQuestionGenerator } from '@assist-ten/core/assessments/local-question-generator';
import { QuestionContent } from '@assist-ten/core/assessments/question.content';
import { BANK_ENTRIES, BANK_VERSION } from '@assist-ten/core/assessments/question-bank/index';
import { apportion, type GenerationInput, planGeneration } from '@assist-ten/core/assessments/question-generator';
import { describe, expect, it } from 'vitest';

const anInput = (overrides: Partial<GenerationInput> = {}): GenerationInput => ({
  skills: [{ skill: 'TypeScript' }, { skill: 'React' }],
  count: 8,
  difficultyMix: { easy: 1, medium: 2, hard: 1 },
  seed: 'task_01JSEED',
  ...overrides,
});

const generate = (overrides: Partial<GenerationInput> = {}) => localQuestionGenerator().generate(anInput(overrides));

const bankCountOf = (skill: string) =>
  BANK_ENTRIES.filter(({ question }) => question.skillTags?.includes(skill)).length;

const tagsOf = (questions: readonly QuestionContent[]) => questions.map(({ skillTags }) => skillTags[0]);

describe('apportion', () => {
  it('shares a total by weight, largest remainders first, ties to the earlier index', () => {
    // Act
    const even = apportion(10, [1, 1, 1]);
    const weighted = apportion(8, [3, 1]);

    // Assert
    expect(even).toEqual([4, 3, 3]);
    expect(weighted).toEqual([6, 2]);
  });

  it('gives what a full index cannot take to the others, and nothing to a zero weight', () => {
    // Act
    const capped = apportion(10, [1, 1, 0], [2, 100, 100]);

    // Assert
    expect(capped).toEqual([2, 8, 0]);
  });

  it('stops short of the total only when every index is full', () => {
    // Act
    const shares = apportion(10, [1, 1], [3, 2]);

    // Assert
    expect(shares).toEqual([3, 2]);
  });
});

describe('planGeneration', () => {
  it('plans the count over skills by weight and over difficulties by the mix', () => {
    // Act
    const plan = planGeneration(anInput({ skills: [{ skill: 'A', weight: 3 }, { skill: 'B' }], count: 8 }));

    // Assert
    const total = (filter: (entry: (typeof plan)[number]) => boolean) =>
      plan.filter(filter).reduce((sum, entry) => sum + entry.count, 0);
    expect(total(({ skill }) => skill === 'A')).toBe(6);
    expect(total(({ skill }) => skill === 'B')).toBe(2);
    expect([
      total((p) => p.difficulty === 'easy'),
      total((p) => p.difficulty === 'medium'),
      total((p) => p.difficulty === 'hard'),
    ]).toEqual([2, 4, 2]);
  });

  it('moves a skill to another difficulty when it has no more of the one the mix wants', () => {
    // Act
    const plan = planGeneration(
      anInput({ skills: [{ skill: 'A' }], count: 3, difficultyMix: { easy: 1, medium: 0, hard: 0 } }),
      {
        available: (_skill, difficulty) => (difficulty === 'easy' ? 1 : 5),
      },
    );

    // Assert
    expect(plan.reduce((sum, entry) => sum + entry.count, 0)).toBe(3);
    expect(plan.find(({ difficulty }) => difficulty === 'easy')?.count).toBe(1);
  });
});

describe('local question generator', () => {
  it('draws the asked number of valid questions of the asked skills from the bank', async () => {
    // Act
    const output = await generate();

    // Assert
    expect(output.questions).toHaveLength(8);
    expect(output.questions.every((question) => QuestionContent.safeParse(question).success)).toBe(true);
    expect(new Set(tagsOf(output.questions))).toEqual(new Set(['TypeScript', 'React']));
    expect(output).toMatchObject({ generator: 'local', promptVersion: BANK_VERSION });
    expect(output.shortfall).toBeUndefined();
  });

  it('draws the same questions for the same input and seed, and others for another seed', async () => {
    // Arrange
    const input = { skills: [{ skill: 'TypeScript' }, { skill: 'JavaScript' }, { skill: 'Python' }], count: 6 };

    // Act
    const first = await generate(input);
    const again = await generate(input);
    const other = await generate({ ...input, seed: 'task_01JOTHER' });

    // Assert
    expect(again.questions).toEqual(first.questions);
    expect(other.questions.map(({ prompt }) => prompt)).not.toEqual(first.questions.map(({ prompt }) => prompt));
  });

  it('shares the questions by skill weight', async () => {
    // Act
    const output = await generate({
      skills: [
        { skill: 'TypeScript', weight: 3 },
        { skill: 'JavaScript', weight: 1 },
      ],
    });

    // Assert
    const tags = tagsOf(output.questions);
    expect(tags.filter((tag) => tag === 'TypeScript')).toHaveLength(6);
    expect(tags.filter((tag) => tag === 'JavaScript')).toHaveLength(2);
  });

  it('follows the difficulty mix, easy questions first', async () => {
    // Act
    const onlyEasy = await generate({ count: 4, difficultyMix: { easy: 1, medium: 0, hard: 0 } });
    const mixed = await generate({ count: 8 });

    // Assert
    expect(onlyEasy.questions.map(({ difficulty }) => difficulty)).toEqual(['easy', 'easy', 'easy', 'easy']);
    const levels = mixed.questions.map(({ difficulty }) => ['easy', 'medium', 'hard'].indexOf(difficulty));
    expect(levels).toEqual([...levels].sort());
    expect(levels.filter((level) => level === 1).length).toBeGreaterThanOrEqual(3);
  });

  it('draws only the allowed types', async () => {
    // Act
    const output = await generate({ types: ['true_false'], count: 2 });

    // Assert
    expect(output.questions.map(({ type }) => type)).toEqual(['true_false', 'true_false']);
  });

  it('never draws the same entry twice, and reports the shortfall when the bank has too few', async () => {
    // Act
    const output = await generate({ skills: [{ skill: 'Rust' }], count: 50 });

    // Assert
    const available = bankCountOf('Rust');
    expect(output.questions).toHaveLength(available);
    expect(new Set(output.questions.map(({ prompt }) => prompt)).size).toBe(available);
    expect(output.shortfall).toEqual({ asked: 50, produced: available });
  });

  it("serves a skill the bank lacks from its category's skills, and names it as uncovered", async () => {
    // Act
    const output = await generate({ skills: [{ skill: 'Zig' }], count: 4 });

    // Assert
    expect(output.questions).toHaveLength(4);
    expect(output.uncoveredSkills).toEqual(['Zig']);
    expect(tagsOf(output.questions).every((tag) => tag !== 'Zig')).toBe(true);
  });

  it('invents nothing for a skill outside the default taxonomy', async () => {
    // Act
    const output = await generate({ skills: [{ skill: 'Underwater basket weaving' }], count: 3 });

    // Assert
    expect(output.questions).toEqual([]);
    expect(output.shortfall).toEqual({ asked: 3, produced: 0 });
    expect(output.uncoveredSkills).toEqual(['Underwater basket weaving']);
  });

  it('hands out copies: changing a drawn question leaves the bank as it was', async () => {
    // Arrange
    const first = await generate({ count: 1 });
    const [question] = first.questions;
    if (!question) throw new Error('no question drawn');

    // Act
    question.prompt = 'changed';
    const again = await generate({ count: 1 });

    // Assert
    expect(again.questions[0]?.prompt).not.toBe('changed');
  });
});
