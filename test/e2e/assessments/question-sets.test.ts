import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createJobDescription } from '../../support/fixtures/job-descriptions.ts';
import {
  addQuestion,
  createQuestionSet,
  QUESTION_BODIES,
  QUESTION_SETS,
  questionSetWithQuestions,
} from '../../support/fixtures/question-sets.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';

const recruiter = () => tokenFor(HOME.recruiter);
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

const liveIds = async (setId: string): Promise<string[]> => {
  const page = await call('GET', `${QUESTION_SETS}/${setId}/questions?limit=100`, { token: await recruiter() });
  expect(page.status).toBe(200);
  return page.body.items.map((question: { id: string }) => question.id);
};

describe('question sets over HTTP', () => {
  it('creates an empty manual set, answers with Location and ETag, and reads it back', async () => {
    const created = await call('POST', QUESTION_SETS, {
      token: await recruiter(),
      body: { title: 'Backend basics', description: 'For backend roles' },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Backend basics',
      source: 'manual',
      questionCount: 0,
      totalPoints: 0,
      skills: [],
      difficultyMix: { easy: 0, medium: 0, hard: 0 },
      locked: false,
      version: 1,
    });
    expect(created.body.id).toMatch(/^qset_[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`${QUESTION_SETS}/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await call('GET', `${QUESTION_SETS}/${created.body.id}`, { token: await recruiter() });
    expect(read.body).toEqual(created.body);
  });

  it('adds a question of every type and lists them in order with their answer keys and totals', async () => {
    const { id } = await createQuestionSet();

    const added = [];
    for (const body of Object.values(QUESTION_BODIES)) added.push(await addQuestion(id, body));

    expect(added.map((question) => question.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(added.map((question) => question.revision)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const list = await call('GET', `${QUESTION_SETS}/${id}/questions`, { token: await recruiter() });
    expect(list.body.items.map((question: { type: string }) => question.type)).toEqual(Object.keys(QUESTION_BODIES));
    expect(list.body.items[0]).toMatchObject({ correctOptionIds: ['b'], questionSetId: id });
    expect(list.body.items[2]).toMatchObject({ correctAnswer: true });
    expect(list.body.items[3]).toMatchObject({ correctNumber: 8, tolerance: 0 });
    expect(list.body.items[6]).toMatchObject({ language: 'typescript', expectedAnswer: expect.any(String) });
    const set = await call('GET', `${QUESTION_SETS}/${id}`, { token: await recruiter() });
    expect(set.body).toMatchObject({
      questionCount: 7,
      totalPoints: 20.5,
      difficultyMix: { easy: 2, medium: 3, hard: 2 },
      skills: ['DynamoDB', 'HTTP', 'TypeScript'],
      version: 8,
    });
  });

  it('inserts a question at an order, moving the ones from there on down', async () => {
    const { id, questionIds } = await questionSetWithQuestions(3);

    const inserted = await addQuestion(id, { ...QUESTION_BODIES.true_false, order: 2 });

    expect(inserted.order).toBe(2);
    expect(await liveIds(id)).toEqual([questionIds[0], inserted.id, questionIds[1], questionIds[2]]);
    const list = await call('GET', `${QUESTION_SETS}/${id}/questions`, { token: await recruiter() });
    expect(list.body.items.map((question: { order: number }) => question.order)).toEqual([1, 2, 3, 4]);
  });

  it('reorders the live questions in one request', async () => {
    const { id, questionIds } = await questionSetWithQuestions(3);
    const reversed = [...questionIds].reverse();

    const response = await call('PUT', `${QUESTION_SETS}/${id}/questions/order`, {
      token: await recruiter(),
      body: { questionIds: reversed },
      headers: { 'if-match': '"4"' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, questionCount: 3, version: 5 });
    expect(await liveIds(id)).toEqual(reversed);
  });

  it('refuses an order that is not exactly the live questions, naming what is wrong', async () => {
    const { id, questionIds } = await questionSetWithQuestions(2);
    const [first = '', second = ''] = questionIds;
    const token = await recruiter();

    const duplicate = await call('PUT', `${QUESTION_SETS}/${id}/questions/order`, {
      token,
      body: { questionIds: [first, first] },
    });
    const unknown = await call('PUT', `${QUESTION_SETS}/${id}/questions/order`, {
      token,
      body: { questionIds: [first, second, 'qst_01JDEM0000000000000000000A'] },
    });

    expect(duplicate.status).toBe(400);
    expect(fieldsOf(duplicate.body)).toEqual(['questionIds.1', 'questionIds']);
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['questionIds.2']);
    expect(await liveIds(id)).toEqual(questionIds);
  });

  it('edits a question of an unlocked set in place and honours If-Match', async () => {
    const { id, questionIds } = await questionSetWithQuestions(1);
    const path = `${QUESTION_SETS}/${id}/questions/${questionIds[0]}`;
    const token = await recruiter();

    const edited = await call('PATCH', path, {
      token,
      body: { prompt: 'Which code means Created, again?', points: 3, skillTags: ['REST'] },
      headers: { 'if-match': '"1"' },
    });
    const stale = await call('PATCH', path, { token, body: { points: 4 }, headers: { 'if-match': '"1"' } });

    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: questionIds[0], version: 2, revision: 1, points: 3 });
    expect(edited.body.replacedQuestionId).toBeUndefined();
    expect(edited.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(412);
    const set = await call('GET', `${QUESTION_SETS}/${id}`, { token });
    expect(set.body).toMatchObject({ totalPoints: 3, skills: ['REST'] });
  });

  it('names the field that makes a question invalid', async () => {
    const { id, questionIds } = await questionSetWithQuestions(1);
    const token = await recruiter();

    const wrongKey = await call('POST', `${QUESTION_SETS}/${id}/questions`, {
      token,
      body: { ...QUESTION_BODIES.single_choice, correctOptionIds: ['z'] },
    });
    const typeChange = await call('PATCH', `${QUESTION_SETS}/${id}/questions/${questionIds[0]}`, {
      token,
      body: { type: 'true_false' },
    });
    const foreignField = await call('PATCH', `${QUESTION_SETS}/${id}/questions/${questionIds[0]}`, {
      token,
      body: { correctAnswer: true },
    });
    const badOption = await call('PATCH', `${QUESTION_SETS}/${id}/questions/${questionIds[0]}`, {
      token,
      body: { correctOptionIds: ['a', 'c'] },
    });

    expect([wrongKey.status, typeChange.status, foreignField.status, badOption.status]).toEqual([400, 400, 400, 400]);
    expect(fieldsOf(wrongKey.body)).toEqual(['correctOptionIds']);
    expect(fieldsOf(typeChange.body)).toEqual(['type']);
    expect(fieldsOf(foreignField.body)).toEqual(['correctAnswer']);
    expect(fieldsOf(badOption.body)).toEqual(['correctOptionIds']);
  });

  it('deletes a question of an unlocked set for good and updates the totals', async () => {
    const { id } = await createQuestionSet();
    const kept = await addQuestion(id, QUESTION_BODIES.true_false);
    const removed = await addQuestion(id, QUESTION_BODIES.coding);
    const token = await recruiter();

    const response = await call('DELETE', `${QUESTION_SETS}/${id}/questions/${removed.id}`, { token });

    expect(response.status).toBe(204);
    expect((await call('GET', `${QUESTION_SETS}/${id}/questions/${removed.id}`, { token })).status).toBe(404);
    expect(await liveIds(id)).toEqual([kept.id]);
    const set = await call('GET', `${QUESTION_SETS}/${id}`, { token });
    expect(set.body).toMatchObject({ questionCount: 1, totalPoints: 1, skills: ['DynamoDB'] });
  });

  it('archives a set: a 404 from then on and out of the list', async () => {
    const { id } = await createQuestionSet({ title: 'To archive' });
    const token = await recruiter();

    const archived = await call('DELETE', `${QUESTION_SETS}/${id}`, { token });

    expect(archived.status).toBe(204);
    expect((await call('GET', `${QUESTION_SETS}/${id}`, { token })).status).toBe(404);
    const list = await call('GET', `${QUESTION_SETS}?limit=100`, { token });
    expect(list.body.items.map((set: { id: string }) => set.id)).not.toContain(id);
  });

  it('lists the sets newest first, by source, one page at a time', async () => {
    const older = await createQuestionSet({ title: 'Older' });
    const newer = await createQuestionSet({ title: 'Newer' });
    const token = await recruiter();

    // Other test files add sets meanwhile: page until both are seen, one set per page.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await call(
        'GET',
        `${QUESTION_SETS}?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((set) => set.id));
      cursor = page.body.nextCursor;
    } while (cursor && !seen.includes(older.id) && seen.length < 50);
    const manual = await call('GET', `${QUESTION_SETS}?source=manual&limit=100`, { token });
    const generated = await call('GET', `${QUESTION_SETS}?source=generated_from_jd&limit=100`, { token });

    expect(seen.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf(newer.id)).toBeLessThan(seen.indexOf(older.id));
    expect(new Set(seen).size).toBe(seen.length);
    const manualIds = manual.body.items.map((set: { id: string }) => set.id);
    expect(manualIds.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(manualIds.indexOf(newer.id)).toBeLessThan(manualIds.indexOf(older.id));
    expect(generated.body.items.map((set: { id: string }) => set.id)).not.toContain(newer.id);
  });

  it('takes a job description of the tenant and refuses an unknown one on its field', async () => {
    const jobDescription = await createJobDescription();
    const token = await recruiter();

    const linked = await call('POST', QUESTION_SETS, {
      token,
      body: { title: 'For the posting', jobDescriptionId: jobDescription.id },
    });
    const unknown = await call('POST', QUESTION_SETS, {
      token,
      body: { title: 'For nothing', jobDescriptionId: 'jd_01JDEM0000000000000000000A' },
    });

    expect(linked.status).toBe(201);
    expect(linked.body.jobDescriptionId).toBe(jobDescription.id);
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['jobDescriptionId']);
  });

  it("answers 404 for another tenant's set and its questions", async () => {
    const { id, questionIds } = await questionSetWithQuestions(1);
    const token = await tokenFor(OTHER.recruiter);

    const responses = await Promise.all([
      call('GET', `${QUESTION_SETS}/${id}`, { token }),
      call('GET', `${QUESTION_SETS}/${id}/questions`, { token }),
      call('GET', `${QUESTION_SETS}/${id}/questions/${questionIds[0]}`, { token }),
      call('POST', `${QUESTION_SETS}/${id}/questions`, { token, body: QUESTION_BODIES.true_false }),
    ]);

    expect(responses.map((response) => response.status)).toEqual([404, 404, 404, 404]);
    expect(await liveIds(id)).toEqual(questionIds);
  });

  it("answers 404 for a question id that is not one of the set's", async () => {
    const { id } = await questionSetWithQuestions(1);
    const other = await questionSetWithQuestions(1);

    const response = await call('GET', `${QUESTION_SETS}/${id}/questions/${other.questionIds[0]}`, {
      token: await recruiter(),
    });

    expect(response.status).toBe(404);
  });
});
