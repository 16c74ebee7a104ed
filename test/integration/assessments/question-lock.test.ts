import { CreateQuestionBody } from '@assist-ten/core/assessments/question.schema';
import { ConflictError, NotFoundError, ValidationError } from '@assist-ten/core/shared/errors';
import { newId } from '@assist-ten/core/shared/ids';
import type { Principal } from '@assist-ten/core/shared/principal';
import { describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const {
  createQuestionSet,
  createQuestionSetWithQuestions,
  getQuestionSet,
  archiveQuestionSet,
  lockQuestionSetsWrites,
  liveQuestionsOf,
  liveSnapshotOf,
  getQuestionsByIds,
} = await import('@assist-ten/core/assessments/question-set.service');
const { addQuestion, deleteQuestion, getQuestion, updateQuestion, reorderQuestions } = await import(
  '@assist-ten/core/assessments/question.service'
);
const { QuestionContent } = await import('@assist-ten/core/assessments/question.content');
const { transactWrite } = await import('@assist-ten/core/shared/transaction');

const seeded = findLocalUser('recruiter@demo.test');
if (!seeded) throw new Error('seed user missing');
const recruiter: Principal = principalOf(seeded);

const trueFalseContent = (prompt: string) => ({ type: 'true_false', prompt, correctAnswer: true, skillTags: ['HTTP'] });

const trueFalse = (prompt: string, order?: number) =>
  CreateQuestionBody.parse({ ...trueFalseContent(prompt), ...(order === undefined ? {} : { order }) });

const setWith = async (count: number) => {
  const set = await createQuestionSet(recruiter, { title: `Set of ${count}` });
  const questions = [];
  for (let index = 0; index < count; index++) {
    questions.push(await addQuestion(recruiter, set.id, trueFalse(`Question ${index + 1}`)));
  }
  return { set, questions };
};

const lock = (questionSetId: string) => transactWrite(lockQuestionSetsWrites(recruiter.tenantId, [questionSetId]));

const idsOf = (items: { questionId: string }[]) => items.map((item) => item.questionId);

const generated = (count: number) =>
  Array.from({ length: count }, (_, index) => QuestionContent.parse(trueFalseContent(`Generated ${index + 1}`)));

describe('a locked question set (DynamoDB Local)', () => {
  it('is locked by the lock writes, version + 1', async () => {
    const { set } = await setWith(1);

    await lock(set.id);

    expect(await getQuestionSet(recruiter, set.id)).toMatchObject({ locked: true, version: set.version + 2 });
  });

  it('turns an edit into a new revision in the same place and retires the old question', async () => {
    // Arrange
    const { set, questions } = await setWith(3);
    const [, old] = questions;
    if (!old) throw new Error('no question');
    await lock(set.id);

    // Act
    const revised = await updateQuestion(recruiter, set.id, old.id, { prompt: 'Reworded', points: 3 });

    // Assert
    expect(revised).toMatchObject({
      revision: 2,
      previousQuestionId: old.id,
      replacedQuestionId: old.id,
      order: old.order,
      prompt: 'Reworded',
      points: 3,
      version: 1,
    });
    expect(revised.id).not.toBe(old.id);
    const retired = await getQuestion(recruiter, set.id, old.id);
    expect(retired).toMatchObject({ prompt: 'Question 2', points: 1, replacedByQuestionId: revised.id });
    expect(retired.retiredAt).toEqual(expect.any(String));
    expect(idsOf(await liveQuestionsOf(recruiter.tenantId, set.id))).toEqual([
      questions[0]?.id,
      revised.id,
      questions[2]?.id,
    ]);
    expect(await getQuestionSet(recruiter, set.id)).toMatchObject({ questionCount: 3, totalPoints: 5 });
  });

  it('retires a deleted question instead of deleting it, still readable by id', async () => {
    const { set, questions } = await setWith(2);
    const [gone, kept] = questions;
    if (!gone || !kept) throw new Error('no questions');
    await lock(set.id);

    await deleteQuestion(recruiter, set.id, gone.id);

    expect((await getQuestion(recruiter, set.id, gone.id)).retiredAt).toEqual(expect.any(String));
    expect(idsOf(await liveQuestionsOf(recruiter.tenantId, set.id))).toEqual([kept.id]);
    expect(idsOf(await getQuestionsByIds(recruiter.tenantId, [gone.id, kept.id, gone.id]))).toEqual([
      gone.id,
      kept.id,
      gone.id,
    ]);
    expect(await getQuestionSet(recruiter, set.id)).toMatchObject({ questionCount: 1, totalPoints: 1 });
  });

  it('refuses to edit or delete a retired question', async () => {
    const { set, questions } = await setWith(1);
    const [question] = questions;
    if (!question) throw new Error('no question');
    await lock(set.id);
    await deleteQuestion(recruiter, set.id, question.id);

    const edit = await updateQuestion(recruiter, set.id, question.id, { prompt: 'Again' }).catch((error) => error);
    const removal = await deleteQuestion(recruiter, set.id, question.id).catch((error) => error);

    expect(edit).toBeInstanceOf(ConflictError);
    expect(removal).toBeInstanceOf(ConflictError);
  });

  it('still edits in place before it is locked', async () => {
    const { set, questions } = await setWith(1);
    const [question] = questions;
    if (!question) throw new Error('no question');

    const edited = await updateQuestion(recruiter, set.id, question.id, { prompt: 'In place' }, 1);

    expect(edited).toMatchObject({ id: question.id, version: 2, revision: 1 });
    expect(edited.replacedQuestionId).toBeUndefined();
  });

  it('is not locked when a question changed after the snapshot the lock names', async () => {
    const { set, questions } = await setWith(1);
    const snapshot = await liveSnapshotOf(recruiter.tenantId, set.id);
    await updateQuestion(recruiter, set.id, questions[0]?.id ?? '', { prompt: 'Changed after the snapshot' });

    const error = await transactWrite(
      lockQuestionSetsWrites(recruiter.tenantId, [set.id], { [set.id]: snapshot.set.version }),
    ).catch((caught) => caught);

    expect(error).toBeInstanceOf(ConflictError);
    expect(snapshot.questions.map((question) => question.prompt)).toEqual(['Question 1']);
    expect((await getQuestionSet(recruiter, set.id)).locked).toBe(false);
  });

  it('cannot be locked once archived', async () => {
    const { set } = await setWith(1);
    await archiveQuestionSet(recruiter, set.id);

    const error = await lock(set.id).catch((caught) => caught);

    expect(error).toBeInstanceOf(ConflictError);
  });
});

describe('questions by id', () => {
  it('throws NotFoundError when one of the ids names no question', async () => {
    const { questions } = await setWith(1);

    const error = await getQuestionsByIds(recruiter.tenantId, [
      questions[0]?.id ?? '',
      'qst_01JDEM0000000000000000000A',
    ]).catch((caught) => caught);

    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("does not read another tenant's question", async () => {
    const { questions } = await setWith(1);

    const error = await getQuestionsByIds('tnt_someone_else', [questions[0]?.id ?? '']).catch((caught) => caught);

    expect(error).toBeInstanceOf(NotFoundError);
  });
});

describe('question set writes under concurrency and at size (DynamoDB Local)', () => {
  it('loses no count when questions are added at the same time', async () => {
    const set = await createQuestionSet(recruiter, { title: 'Racing adds' });

    const results = await Promise.allSettled(
      Array.from({ length: 4 }, (_, index) => addQuestion(recruiter, set.id, trueFalse(`Racer ${index}`))),
    );

    const added = results.filter((result) => result.status === 'fulfilled').length;
    const after = await getQuestionSet(recruiter, set.id);
    expect(added).toBeGreaterThan(0);
    expect(after.questionCount).toBe(added);
    const live = await liveQuestionsOf(recruiter.tenantId, set.id);
    expect(live).toHaveLength(added);
    expect(new Set(live.map((question) => question.order)).size).toBe(added);
  });

  it('creates a set with more questions than one transaction holds, totals matching', async () => {
    const created = await createQuestionSetWithQuestions(recruiter, {
      title: 'Generated',
      source: 'generated_from_skills',
      questions: generated(150),
    });

    expect(created).toMatchObject({ source: 'generated_from_skills', questionCount: 150, totalPoints: 150 });
    const live = await liveQuestionsOf(recruiter.tenantId, created.id);
    expect(live.map((question) => question.prompt)).toEqual(generated(150).map((question) => question.prompt));
  });

  it('refuses to create the same set twice (a redelivered generation)', async () => {
    const input = {
      questionSetId: newId('questionSet'),
      title: 'Once',
      source: 'generated_from_jd' as const,
      questions: generated(2),
    };
    await createQuestionSetWithQuestions(recruiter, input);

    const error = await createQuestionSetWithQuestions(recruiter, input).catch((caught) => caught);

    expect(error).toBeInstanceOf(ConflictError);
  });

  it('holds at most 200 live questions', async () => {
    const full = await createQuestionSetWithQuestions(recruiter, {
      title: 'Full',
      source: 'manual',
      questions: generated(200),
    });

    const error = await addQuestion(recruiter, full.id, trueFalse('One too many')).catch((caught) => caught);
    const tooMany = await createQuestionSetWithQuestions(recruiter, {
      title: 'Too many',
      source: 'manual',
      questions: generated(201),
    }).catch((caught) => caught);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.extensions).toEqual({ limit: 200 });
    expect(tooMany).toBeInstanceOf(ValidationError);
  });

  it('reorders a set of 200 questions in steps, ending in exactly the order asked', async () => {
    const set = await createQuestionSetWithQuestions(recruiter, {
      title: 'Large reorder',
      source: 'manual',
      questions: generated(200),
    });
    const reversed = idsOf(await liveQuestionsOf(recruiter.tenantId, set.id)).reverse();

    const reordered = await reorderQuestions(recruiter, set.id, { questionIds: reversed });

    expect(idsOf(await liveQuestionsOf(recruiter.tenantId, set.id))).toEqual(reversed);
    // 200 moves (all but none stay): three steps of at most 96, each one version.
    expect(reordered.version).toBe(set.version + 3);
  });

  it('inserts at the front of a large set, moving every question down once', async () => {
    const set = await createQuestionSetWithQuestions(recruiter, {
      title: 'Large insert',
      source: 'manual',
      questions: generated(120),
    });
    const before = idsOf(await liveQuestionsOf(recruiter.tenantId, set.id));

    const inserted = await addQuestion(recruiter, set.id, trueFalse('First', 1));

    const live = await liveQuestionsOf(recruiter.tenantId, set.id);
    expect(idsOf(live)).toEqual([inserted.id, ...before]);
    expect(live.map((question) => question.order)).toEqual(Array.from({ length: 121 }, (_, index) => index + 1));
  });
});
