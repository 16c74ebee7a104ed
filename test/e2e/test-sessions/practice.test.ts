import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { publishedAssessment } from '../../support/fixtures/assessments.ts';
import { inviteUser, userBody } from '../../support/fixtures/identity.ts';
import { PRACTICE, practiceSet, startPractice } from '../../support/fixtures/practice.ts';
import { createQuestionSet, QUESTION_BODIES } from '../../support/fixtures/question-sets.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';

const SINGLE = { ...QUESTION_BODIES.single_choice, explanation: '201 Created says a new resource exists.' };
const TRUE_FALSE = QUESTION_BODIES.true_false;
const LONG = QUESTION_BODIES.long_text;

/** A user of the home tenant nobody else practises as, so their streak is this test's alone. */
const freshPractitioner = async (role = 'interviewer') => {
  const body = userBody([role]);
  await inviteUser(body);
  return { email: body.email, token: await tokenFor(body.email) };
};

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

/** Today's calendar date in a zone, as the streak records it. */
const todayIn = (timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('practice over HTTP', () => {
  it('starts a practice on a live set: its questions in order, numbered, without their answer keys', async () => {
    // Arrange
    const set = await practiceSet([SINGLE, TRUE_FALSE, LONG]);

    // Act
    const response = await call('POST', PRACTICE, {
      token: await tokenFor(HOME.recruiter),
      body: { questionSetId: set.id },
    });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body.id).toMatch(/^tses_[0-9A-Z]{26}$/);
    expect(response.headers.get('location')).toBe(`${PRACTICE}/${response.body.id}`);
    expect(response.body).toMatchObject({
      questionSetId: set.id,
      questionSetTitle: 'Practice set',
      status: 'in_progress',
      questionCount: 3,
      answeredCount: 0,
    });
    expect(response.body.questions.map((question: { id: string }) => question.id)).toEqual(set.questionIds);
    expect(response.body.questions.map((question: { number: number }) => question.number)).toEqual([1, 2, 3]);
    expect(response.body.questions[0].options.map((option: { id: string }) => option.id).sort()).toEqual([
      'a',
      'b',
      'c',
    ]);
    const text = JSON.stringify(response.body);
    for (const secret of ['correctOptionIds', 'correctAnswer', 'explanation', 'rubric', 'keywords', 'feedback']) {
      expect(text).not.toContain(secret);
    }
  });

  it('refuses a set that does not exist, or is another tenant’s, as a 400 on questionSetId', async () => {
    // Arrange
    const theirs = await createQuestionSet({ title: 'Theirs' }, OTHER.recruiter);
    const token = await tokenFor(HOME.recruiter);

    // Act
    const missing = await call('POST', PRACTICE, { token, body: { questionSetId: 'qset_01JDEM0000000000000000000A' } });
    const foreign = await call('POST', PRACTICE, { token, body: { questionSetId: theirs.id } });

    // Assert
    for (const response of [missing, foreign]) {
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'questionSetId', code: 'not_found' })]);
    }
  });

  it('refuses a set without questions with 409', async () => {
    // Arrange
    const empty = await createQuestionSet({ title: 'Nothing yet' });

    // Act
    const response = await call('POST', PRACTICE, {
      token: await tokenFor(HOME.recruiter),
      body: { questionSetId: empty.id },
    });

    // Assert
    expect(response.status).toBe(409);
    expect(response.body.reason).toBe('no_questions');
  });

  it('scores each answer at once: feedback, explanation and answer key, right or wrong', async () => {
    // Arrange
    const set = await practiceSet([SINGLE, TRUE_FALSE]);
    const session = await startPractice(HOME.recruiter, set.id);
    const token = await tokenFor(HOME.recruiter);
    const [single, trueFalse] = set.questionIds;

    // Act
    const right = await call('PUT', `${PRACTICE}/${session.id}/answers/${single}`, {
      token,
      body: { type: 'single_choice', optionId: 'b' },
    });
    const wrong = await call('PUT', `${PRACTICE}/${session.id}/answers/${trueFalse}`, {
      token,
      body: { type: 'true_false', value: false },
    });

    // Assert
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({
      questionId: single,
      score: { earned: 1, possible: 1, correct: true, feedback: 'Correct' },
      explanation: SINGLE.explanation,
      correctAnswer: { type: 'single_choice', optionId: 'b' },
    });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({
      questionId: trueFalse,
      score: { earned: 0, possible: 1, correct: false, feedback: 'Incorrect' },
      correctAnswer: { type: 'true_false', value: true },
    });
    expect(wrong.body.explanation).toBeUndefined();
  });

  it('never shows the rubric or keywords of a text question, only its score', async () => {
    // Arrange
    const set = await practiceSet([LONG]);
    const session = await startPractice(HOME.recruiter, set.id);

    // Act
    const response = await call('PUT', `${PRACTICE}/${session.id}/answers/${set.questionIds[0]}`, {
      token: await tokenFor(HOME.recruiter),
      body: { type: 'long_text', text: 'Each write names the version it read; a conflict means someone wrote first.' },
    });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body.score).toMatchObject({ possible: 5, correct: expect.any(Boolean) });
    expect(response.body.correctAnswer).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toContain(LONG.rubric);
  });

  it('lets the user change their mind, and a reload shows the last answer with its feedback', async () => {
    // Arrange
    const set = await practiceSet([SINGLE, TRUE_FALSE]);
    const session = await startPractice(HOME.recruiter, set.id);
    const token = await tokenFor(HOME.recruiter);
    const single = set.questionIds[0];
    await call('PUT', `${PRACTICE}/${session.id}/answers/${single}`, {
      token,
      body: { type: 'single_choice', optionId: 'a' },
    });

    // Act
    const changed = await call('PUT', `${PRACTICE}/${session.id}/answers/${single}`, {
      token,
      body: { type: 'single_choice', optionId: 'b' },
    });
    const reloaded = await call('GET', `${PRACTICE}/${session.id}`, { token });

    // Assert
    expect(changed.status).toBe(200);
    expect(reloaded.status).toBe(200);
    expect(reloaded.body).toMatchObject({ status: 'in_progress', answeredCount: 1, questionCount: 2 });
    const [first, second] = reloaded.body.questions;
    expect(first).toMatchObject({
      id: single,
      answer: { type: 'single_choice', optionId: 'b' },
      answeredAt: changed.body.answeredAt,
      feedback: { score: { correct: true }, correctAnswer: { type: 'single_choice', optionId: 'b' } },
    });
    expect(first.options).toEqual(session.questions[0]?.options);
    expect(second.answer).toBeUndefined();
    expect(second.feedback).toBeUndefined();
  });

  it('refuses an answer of the wrong type with 400 and a question outside the session with 404', async () => {
    // Arrange
    const session = await startPractice(HOME.recruiter);
    const token = await tokenFor(HOME.recruiter);
    const single = session.questions[0]?.id;

    // Act
    const mistyped = await call('PUT', `${PRACTICE}/${session.id}/answers/${single}`, {
      token,
      body: { type: 'true_false', value: true },
    });
    const unknownOption = await call('PUT', `${PRACTICE}/${session.id}/answers/${single}`, {
      token,
      body: { type: 'single_choice', optionId: 'z' },
    });
    const elsewhere = await call('PUT', `${PRACTICE}/${session.id}/answers/qst_01JDEM0000000000000000000A`, {
      token,
      body: { type: 'true_false', value: true },
    });

    // Assert
    expect(mistyped.status).toBe(400);
    expect(fieldsOf(mistyped.body)).toEqual(['type']);
    expect(unknownOption.status).toBe(400);
    expect(fieldsOf(unknownOption.body)).toEqual(['optionId']);
    expect(elsewhere.status).toBe(404);
  });

  it('completes with the result, starts the streak at 1 in /me, and freezes the answers', async () => {
    // Arrange
    const user = await freshPractitioner('interviewer');
    const set = await practiceSet([SINGLE, TRUE_FALSE]);
    const session = await startPractice(user.email, set.id);
    await call('PUT', `${PRACTICE}/${session.id}/answers/${set.questionIds[0]}`, {
      token: user.token,
      body: { type: 'single_choice', optionId: 'b' },
    });
    const before = await call('GET', '/api/v1/me', { token: user.token });

    // Act
    const completed = await call('POST', `${PRACTICE}/${session.id}/complete`, { token: user.token });
    const me = await call('GET', '/api/v1/me', { token: user.token });
    const late = await call('PUT', `${PRACTICE}/${session.id}/answers/${set.questionIds[1]}`, {
      token: user.token,
      body: { type: 'true_false', value: true },
    });
    const again = await call('POST', `${PRACTICE}/${session.id}/complete`, { token: user.token, body: {} });
    const read = await call('GET', `${PRACTICE}/${session.id}`, { token: user.token });

    // Assert
    const today = todayIn(me.body.timezone);
    expect(before.body.practice).toEqual({ currentStreak: 0, longestStreak: 0 });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      id: session.id,
      status: 'scored',
      result: { earned: 1, possible: 2, percentage: 50, passed: false, questionCount: 2, answeredCount: 1 },
      streak: { currentStreak: 1, longestStreak: 1, lastPracticeDate: today },
    });
    expect(completed.body.result.perSkill).toEqual([
      { skill: 'DynamoDB', earned: 0, possible: 1, percentage: 0 },
      { skill: 'HTTP', earned: 1, possible: 1, percentage: 100 },
    ]);
    expect(me.body.practice).toEqual({ currentStreak: 1, longestStreak: 1, lastPracticeDate: today });
    expect(me.body.version).toBe(before.body.version);
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('practice_completed');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(completed.body);
    expect(read.body).toMatchObject({ status: 'scored', completedAt: completed.body.completedAt, answeredCount: 1 });
    expect(read.body.result).toEqual(completed.body.result);
  });

  it('counts a day once however many practices are completed on it', async () => {
    // Arrange
    const user = await freshPractitioner('recruiter');
    const first = await startPractice(user.email);
    const second = await startPractice(user.email);
    await call('POST', `${PRACTICE}/${first.id}/complete`, { token: user.token });

    // Act
    const response = await call('POST', `${PRACTICE}/${second.id}/complete`, { token: user.token });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body.streak).toMatchObject({ currentStreak: 1, longestStreak: 1 });
  });

  it('counts a day once when two practices complete at the same moment', async () => {
    // Arrange
    const user = await freshPractitioner('admin');
    const sessions = await Promise.all([startPractice(user.email), startPractice(user.email)]);

    // Act
    const responses = await Promise.all(
      sessions.map((session) => call('POST', `${PRACTICE}/${session.id}/complete`, { token: user.token })),
    );
    const me = await call('GET', '/api/v1/me', { token: user.token });

    // Assert
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(me.body.practice).toMatchObject({ currentStreak: 1, longestStreak: 1 });
  });

  it('lists only my practice sessions, newest first, a page at a time', async () => {
    // Arrange
    const user = await freshPractitioner();
    const older = await startPractice(user.email);
    const newer = await startPractice(user.email);
    await startPractice(HOME.recruiter);

    // Act
    const firstPage = await call('GET', `${PRACTICE}?limit=1`, { token: user.token });
    const secondPage = await call('GET', `${PRACTICE}?limit=5&cursor=${firstPage.body.nextCursor}`, {
      token: user.token,
    });

    // Assert
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.items).toEqual([
      expect.objectContaining({
        id: newer.id,
        status: 'in_progress',
        questionCount: 2,
        questionSetTitle: 'Practice set',
      }),
    ]);
    expect(secondPage.body.items.map((item: { id: string }) => item.id)).toEqual([older.id]);
    expect(secondPage.body.nextCursor).toBeNull();
  });

  it("answers 404 to another user's session, in the same tenant or another", async () => {
    // Arrange
    const session = await startPractice(HOME.recruiter);
    const question = session.questions[0]?.id;

    // Act
    const responses = await Promise.all(
      [HOME.interviewer, HOME.admin, OTHER.recruiter].flatMap((email) => [
        tokenFor(email).then((token) => call('GET', `${PRACTICE}/${session.id}`, { token })),
        tokenFor(email).then((token) =>
          call('PUT', `${PRACTICE}/${session.id}/answers/${question}`, {
            token,
            body: { type: 'single_choice', optionId: 'b' },
          }),
        ),
        tokenFor(email).then((token) => call('POST', `${PRACTICE}/${session.id}/complete`, { token })),
      ]),
    );
    const mine = await call('GET', `${PRACTICE}/${session.id}`, { token: await tokenFor(HOME.recruiter) });

    // Assert
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 404));
    expect(mine.body).toMatchObject({ status: 'in_progress', answeredCount: 0 });
  });

  it("keeps the answer keys of a published assessment's sets from interviewers, not from recruiters", async () => {
    // Arrange: a set locked by publishing an assessment that uses it
    const { questionSetId } = await publishedAssessment();

    // Act
    const asInterviewer = await call('POST', PRACTICE, {
      token: await tokenFor(HOME.interviewer),
      body: { questionSetId },
    });
    const asRecruiter = await call('POST', PRACTICE, {
      token: await tokenFor(HOME.recruiter),
      body: { questionSetId },
    });

    // Assert
    expect(asInterviewer.status).toBe(409);
    expect(asInterviewer.body.reason).toBe('set_in_use');
    expect(asRecruiter.status).toBe(201);
  });
});
