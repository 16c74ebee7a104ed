import { QuestionContent } from '@assist-ten/core/assessments/question.content';
import type { QuestionItem } from '@assist-ten/core/assessments/question.entity';
import { newQuestionWrite } from '@assist-ten/core/assessments/question.item';
import { questionContentOf, toCandidateQuestion, toQuestion } from '@assist-ten/core/assessments/question.view';
import { describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const SET = 'qset_01JABCDEFGHJKMNPQRSTVWXYZ0';

const itemOf = (content: unknown, order = 1): QuestionItem =>
  newQuestionWrite(aPrincipal(), {
    questionId: 'qst_01JABCDEFGHJKMNPQRSTVWXYZ0',
    questionSetId: SET,
    content: QuestionContent.parse(content),
    order,
  }).item;

const choice = itemOf({
  type: 'multiple_choice',
  prompt: 'Pick the primes',
  explanation: 'Two and three are primes.',
  options: [
    { id: 'a', text: '2' },
    { id: 'b', text: '3' },
    { id: 'c', text: '4' },
  ],
  correctOptionIds: ['a', 'b'],
});

const coding = itemOf({
  type: 'coding',
  prompt: 'Reverse a string',
  language: 'typescript',
  starterCode: '',
  rubric: 'Handles unicode',
  keywords: [{ term: 'reverse' }],
});

describe('questionContentOf', () => {
  it('gives back the content the question was written with, answer key included', () => {
    expect(questionContentOf(choice)).toEqual(
      QuestionContent.parse({
        type: 'multiple_choice',
        prompt: 'Pick the primes',
        explanation: 'Two and three are primes.',
        options: [
          { id: 'a', text: '2' },
          { id: 'b', text: '3' },
          { id: 'c', text: '4' },
        ],
        correctOptionIds: ['a', 'b'],
      }),
    );
  });
});

describe('toQuestion', () => {
  it('shows the content with its key, the place and the history, and no key attributes', () => {
    const question = toQuestion(choice);

    expect(question).toMatchObject({ id: choice.questionId, questionSetId: SET, order: 1, revision: 1, version: 1 });
    expect(question.correctOptionIds).toEqual(['a', 'b']);
    expect(
      Object.keys(question).filter((key) => /^(pk|sk|gsi\d(pk|sk)|tenantId|ownerId|liveIndexKey)$/.test(key)),
    ).toEqual([]);
  });
});

describe('toCandidateQuestion', () => {
  it('drops the answer key and the explanation', () => {
    const shown = toCandidateQuestion(choice) as Record<string, unknown>;

    expect(shown).toMatchObject({
      id: choice.questionId,
      type: 'multiple_choice',
      prompt: 'Pick the primes',
      points: 1,
    });
    for (const secret of ['correctOptionIds', 'explanation', 'rubric', 'keywords', 'expectedAnswer']) {
      expect(shown).not.toHaveProperty(secret);
    }
  });

  it('shows the options in the order given, any it does not name after them', () => {
    const shown = toCandidateQuestion(choice, ['c', 'a']);

    expect(shown.options?.map((option) => option.id)).toEqual(['c', 'a', 'b']);
  });

  it('keeps the stored order without an option order', () => {
    expect(toCandidateQuestion(choice).options?.map((option) => option.id)).toEqual(['a', 'b', 'c']);
  });

  it('gives a coding question its language and starter code, not its rubric or keywords', () => {
    const shown = toCandidateQuestion(coding) as Record<string, unknown>;

    expect(shown).toMatchObject({ language: 'typescript', starterCode: '' });
    expect(shown).not.toHaveProperty('rubric');
    expect(shown).not.toHaveProperty('keywords');
    expect(shown).not.toHaveProperty('options');
  });
});
