import { setTimeout as pause } from 'node:timers/promises';
import { DEFAULT_PASSING_SCORE } from '../assessments/assessment.model.ts';
import { ASSESSMENT_MANAGERS } from '../assessments/assessment.policy.ts';
import type { AnswerResponse, QuestionContent } from '../assessments/question.content.ts';
import type { QuestionItem } from '../assessments/question.entity.ts';
import { QuestionSetEntity } from '../assessments/question-set.entity.ts';
import {
  getQuestionsByIds,
  liveQuestionsOf,
  loadQuestionSet,
  questionContentOf,
  toCandidateQuestion,
} from '../assessments/question-set.service.ts';
import { nextStreak, type PracticeStreak, streakOnRead, type UpdatedStreak } from '../identity/practice-streak.ts';
import { UserEntity, type UserItem } from '../identity/user.entity.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import { hasAnyRole, type Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import { versionedPatch, versionedUpdate, writeVersioned } from '../shared/versioned-write.ts';
import { AnswerEntity, type AnswerItem } from './answer.entity.ts';
import {
  CompletedPractice,
  type CorrectAnswer,
  type ListPracticeSessions,
  PRACTICE_ROLES,
  type PracticeAnswerResult,
  type PracticeFeedback,
  PracticeSession,
  PracticeSessionSummary,
  type StartPractice,
} from './practice.schema.ts';
import { localTextScorer } from './scoring/local-text-scorer.ts';
import { aggregateResult } from './scoring/result.ts';
import { QuestionScore, type Result } from './scoring/score.schema.ts';
import { scoreAnswer } from './scoring/score-answer.ts';
import { type TextScorer, textScorerFromEnv } from './scoring/text-scorer.ts';
import { assertAnswerFits, optionOrderFor } from './session-questions.ts';
import { TestSessionEntity, type TestSessionItem } from './test-session.entity.ts';

/**
 * Practice (docs/practice.md): a staff user answers a live question set of their tenant one
 * question at a time, sees how each answer scored at once, and completes the session; the
 * first completed practice of a day (in the user's zone) keeps their streak going.
 */

/** Nothing depends on passing a practice: it is the bar a new assessment starts with, shown as a hint. */
export const PRACTICE_PASSING_SCORE = DEFAULT_PASSING_SCORE;

export const assertCanPractise = (actor: Principal): void => {
  if (!hasAnyRole(actor, PRACTICE_ROLES)) {
    throw new ForbiddenError('Practice is for the staff of a tenant: recruiters, interviewers and admins.');
  }
};

/** A practice session is its owner's alone: anyone else's, or a candidate's session, is as good as missing. */
export const isOwnPractice = (session: Pick<TestSessionItem, 'kind' | 'ownerId'>, actor: Pick<Principal, 'userId'>) =>
  session.kind === 'practice' && session.ownerId === actor.userId;

/** Answers may change until the session is completed, never after. */
export const assertPracticeOpen = (session: Pick<TestSessionItem, 'testSessionId' | 'status'>): void => {
  if (session.status === 'in_progress') return;
  throw new ConflictError(`Practice session ${session.testSessionId} is completed: its answers can no longer change.`, {
    extensions: { reason: 'practice_completed' },
  });
};

/** Full marks, the only way to be "correct": a partly right multiple choice is not. */
const isCorrect = (score: Pick<QuestionScore, 'earned' | 'possible'>): boolean =>
  score.possible > 0 && score.earned >= score.possible;

/** The answer key a practising user may see after answering; long text and coding keys are for graders only. */
export const correctAnswerOf = (content: QuestionContent): CorrectAnswer | undefined => {
  switch (content.type) {
    case 'single_choice': {
      const [optionId] = content.correctOptionIds;
      return optionId === undefined ? undefined : { type: 'single_choice', optionId };
    }
    case 'multiple_choice':
      return { type: 'multiple_choice', optionIds: [...content.correctOptionIds] };
    case 'true_false':
      return { type: 'true_false', value: content.correctAnswer };
    case 'numeric':
      return { type: 'numeric', value: content.correctNumber, tolerance: content.tolerance };
    case 'short_text':
      return content.acceptedAnswers.length > 0
        ? { type: 'short_text', acceptedAnswers: [...content.acceptedAnswers] }
        : undefined;
    default:
      return undefined;
  }
};

/** What the user learns about one answer: its score and feedback, the author's explanation, the key. */
export const practiceFeedback = (content: QuestionContent, score: QuestionScore): PracticeFeedback => {
  const correct = isCorrect(score);
  const correctAnswer = correctAnswerOf(content);
  return {
    score: {
      earned: score.earned,
      possible: score.possible,
      correct,
      feedback: score.feedback ?? (correct ? 'Correct' : score.earned > 0 ? 'Partly correct' : 'Incorrect'),
    },
    ...(content.explanation === undefined ? {} : { explanation: content.explanation }),
    ...(correctAnswer ? { correctAnswer } : {}),
  };
};

/** A stored score, or none when the answer has none or an unreadable one (it is then scored again). */
const storedScoreOf = (answer: AnswerItem | undefined): QuestionScore | undefined => {
  const parsed = QuestionScore.safeParse(answer?.score);
  return parsed.success ? parsed.data : undefined;
};

/** Blanks settle without a scorer (docs/scoring.md): the local one is enough to say so, and calls no model. */
const blankScorer = localTextScorer();

/**
 * The result of a practice from the scores its answers got when they were given (what the
 * user saw); an unanswered question scores 0 without reaching the configured scorer.
 */
export const practiceResult = async (
  questions: readonly QuestionItem[],
  answers: ReadonlyMap<string, AnswerItem>,
  scorer: TextScorer,
): Promise<Result> => {
  const scored = await Promise.all(
    questions.map(async (question) => {
      const content = questionContentOf(question);
      const answer = answers.get(question.questionId);
      const score =
        storedScoreOf(answer) ??
        (await scoreAnswer(
          { ...content, id: question.questionId },
          answer?.response as AnswerResponse | undefined,
          answer ? scorer : blankScorer,
        ));
      return {
        question: { id: question.questionId, points: content.points, skillTags: content.skillTags },
        score,
        answered: answer !== undefined,
      };
    }),
  );
  return aggregateResult(scored, PRACTICE_PASSING_SCORE);
};

/** The user's streak as stored; users from before practice existed have no counters yet. */
export const storedStreakOf = (user: Pick<UserItem, 'currentStreak' | 'longestStreak' | 'lastPracticeDate'>) => ({
  currentStreak: user.currentStreak ?? 0,
  longestStreak: user.longestStreak ?? 0,
  lastPracticeDate: user.lastPracticeDate,
});

/** The streak after a practice completed at `completedAt`, and whether it must be written at all. */
export const streakAfterPractice = (
  user: Pick<UserItem, 'currentStreak' | 'longestStreak' | 'lastPracticeDate' | 'timezone'>,
  completedAt: Date,
): { before: PracticeStreak; after: UpdatedStreak; changed: boolean } => {
  const before = storedStreakOf(user);
  const after = nextStreak(before, completedAt, user.timezone);
  const changed =
    after.currentStreak !== user.currentStreak ||
    after.longestStreak !== user.longestStreak ||
    after.lastPracticeDate !== user.lastPracticeDate;
  return { before, after, changed };
};

/**
 * The streak's write, only if the streak is still the one the decision was made on: of two
 * completions at once, the second finds it changed and decides again on the first one's
 * outcome, so a day is never counted twice. The user's version is left alone: the streak is
 * no part of the profile an If-Match protects, and a practice must not make a profile edit fail.
 */
const streakWrite = (user: UserItem, after: UpdatedStreak): TransactionWrite =>
  versionedUpdate(
    UserEntity.patch({ tenantId: user.tenantId, userId: user.userId })
      .set({
        currentStreak: after.currentStreak,
        longestStreak: after.longestStreak,
        lastPracticeDate: after.lastPracticeDate,
      })
      .where(({ currentStreak, lastPracticeDate }, { eq, notExists }) => {
        const sameDate =
          user.lastPracticeDate === undefined
            ? notExists(lastPracticeDate)
            : eq(lastPracticeDate, user.lastPracticeDate);
        const sameCount =
          user.currentStreak === undefined ? notExists(currentStreak) : eq(currentStreak, user.currentStreak);
        return `${sameDate} AND ${sameCount}`;
      })
      .params(),
  );

// Read once per container: the configuration does not change while it runs.
let configuredScorer: TextScorer | undefined;
const practiceScorer = (): TextScorer => {
  configuredScorer ??= textScorerFromEnv();
  return configuredScorer;
};

const notFound = (id: string) => new NotFoundError(`Practice session ${id} was not found.`);

const loadOwn = async (actor: Principal, id: string): Promise<TestSessionItem> => {
  const { data } = await TestSessionEntity.get({ tenantId: actor.tenantId, testSessionId: id }).go({
    consistent: true,
  });
  if (!data || !isOwnPractice(data, actor)) throw notFound(id);
  return data;
};

const loadUser = async (actor: Principal): Promise<UserItem> => {
  const { data } = await UserEntity.get({ tenantId: actor.tenantId, userId: actor.userId }).go({ consistent: true });
  // The access gate read this user a moment ago; only a hard delete since could lose it.
  if (!data) throw new Error(`User ${actor.userId} of tenant ${actor.tenantId} is missing`);
  return data;
};

const answersOf = async (session: TestSessionItem): Promise<Map<string, AnswerItem>> => {
  const { data } = await AnswerEntity.query
    .bySession({ tenantId: session.tenantId, testSessionId: session.testSessionId })
    .go({ pages: 'all', consistent: true });
  return new Map(data.map((answer) => [answer.questionId, answer]));
};

/**
 * The session's questions that still exist, in its order. A question deleted from a set that
 * no assessment locked drops out of the practice instead of breaking it.
 */
const questionsStillThere = async (session: TestSessionItem): Promise<QuestionItem[]> => {
  try {
    return await getQuestionsByIds(session.tenantId, session.questionIds);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const each = await Promise.all(
      session.questionIds.map((questionId) =>
        getQuestionsByIds(session.tenantId, [questionId]).then(
          ([question]) => question,
          (failure: unknown) => {
            if (failure instanceof NotFoundError) return undefined;
            throw failure;
          },
        ),
      ),
    );
    return each.filter((question): question is QuestionItem => question !== undefined);
  }
};

const TITLE_READS = 3;
const TITLE_PAUSE_MS = 50;

/** The titles of sets, as they are called now (archived ones too); one BatchGet per page. */
const titlesOf = async (tenantId: string, questionSetIds: readonly string[]): Promise<Map<string, string>> => {
  const titles = new Map<string, string>();
  let keys = [...new Set(questionSetIds)].map((questionSetId) => ({ tenantId, questionSetId }));
  for (let attempt = 1; keys.length > 0; attempt++) {
    const { data, unprocessed } = await QuestionSetEntity.get(keys).go({ attributes: ['questionSetId', 'title'] });
    for (const set of data) titles.set(set.questionSetId, set.title);
    keys = unprocessed.map(({ questionSetId }) => ({ tenantId, questionSetId }));
    // A title is a convenience: after a few tries the view goes without it rather than fail.
    if (attempt >= TITLE_READS) break;
    if (keys.length > 0) await pause(TITLE_PAUSE_MS * attempt);
  }
  return titles;
};

const summaryOf = (session: TestSessionItem, title: string | undefined): PracticeSessionSummary =>
  PracticeSessionSummary.parse({
    id: session.testSessionId,
    questionSetId: session.scopeId,
    questionSetTitle: title,
    status: session.status,
    startedAt: session.startedAt,
    completedAt: session.scoredAt,
    questionCount: session.questionIds.length,
    result: session.result,
  });

const sessionView = (
  session: TestSessionItem,
  questions: readonly QuestionItem[],
  answers: ReadonlyMap<string, AnswerItem>,
  title: string | undefined,
): PracticeSession =>
  PracticeSession.parse({
    ...summaryOf(session, title),
    answeredCount: questions.filter((question) => answers.has(question.questionId)).length,
    questions: questions.map((question, index) => {
      const answer = answers.get(question.questionId);
      const score = storedScoreOf(answer);
      return {
        ...toCandidateQuestion(question, optionOrderFor(session, question)),
        number: index + 1,
        ...(answer ? { answer: answer.response, answeredAt: answer.answeredAt } : {}),
        ...(score ? { feedback: practiceFeedback(questionContentOf(question), score) } : {}),
      };
    }),
  });

const unknownQuestionSet = () =>
  new ValidationError('There is no question set with this id.', {
    errors: [
      { field: 'questionSetId', code: 'not_found', message: 'No question set of your organisation has this id' },
    ],
  });

/** The set's live questions, in its order; a missing or archived set is a 400 on the body's reference. */
const setToPractise = async (tenantId: string, questionSetId: string) => {
  try {
    const set = await loadQuestionSet(tenantId, questionSetId);
    return { set, questions: await liveQuestionsOf(tenantId, questionSetId) };
  } catch (error) {
    if (error instanceof NotFoundError) throw unknownQuestionSet();
    throw error;
  }
};

/**
 * Starts a practice on a live set: its live questions in the set's order, options shuffled
 * per session. A practice has no deadline (out of the due index) and is never ranked.
 */
export const startPractice = async (actor: Principal, input: StartPractice): Promise<PracticeSession> => {
  assertCanPractise(actor);
  const { tenantId } = actor;
  const { set, questions } = await setToPractise(tenantId, input.questionSetId);
  // Practice shows answer keys: a set a published assessment uses is open only to those who
  // may read its keys anyway (recruiters, admins), never to an interviewer.
  if (set.locked && !hasAnyRole(actor, ASSESSMENT_MANAGERS)) {
    throw new ConflictError(
      `Question set ${set.questionSetId} is used by a published assessment: practise on another set.`,
      { extensions: { reason: 'set_in_use' } },
    );
  }
  if (questions.length === 0) {
    throw new ConflictError(`Question set ${set.questionSetId} has no questions to practise on yet.`, {
      extensions: { reason: 'no_questions' },
    });
  }
  const testSessionId = newId('testSession');
  const now = isoNow();
  const params = TestSessionEntity.create({
    tenantId,
    testSessionId,
    kind: 'practice',
    scopeId: set.questionSetId,
    ownerId: actor.userId,
    questionSetId: set.questionSetId,
    // Attempts count the tries an invitation allows; practice is unlimited, so each one is a first.
    attempt: 1,
    status: 'in_progress',
    questionIds: questions.map((question) => question.questionId),
    shuffleOptions: true,
    startedAt: now,
    createdAt: now,
    updatedAt: now,
  }).params<{ Item: TestSessionItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Practice session ${testSessionId} already exists.`)),
    auditWrite(actor, {
      action: 'practice.started',
      entityType: 'test_session',
      entityId: testSessionId,
      after: { kind: 'practice', questionSetId: set.questionSetId, questionCount: questions.length },
    }),
  ]);
  return sessionView(params.Item, questions, new Map(), set.title);
};

/** The caller's practice sessions, newest first (byOwner holds only theirs: candidates' owner ids are candidate ids). */
export const listPracticeSessions = async (
  actor: Principal,
  { limit, cursor }: ListPracticeSessions,
): Promise<Page<PracticeSessionSummary>> => {
  assertCanPractise(actor);
  const { tenantId } = actor;
  const page = await pageOf(
    TestSessionEntity.query.byOwner({ tenantId, ownerId: actor.userId }),
    'gsi4pk',
    { limit, cursor },
    (item) => item,
  );
  const titles = await titlesOf(
    tenantId,
    page.items.map((session) => session.scopeId),
  );
  return {
    items: page.items.map((session) => summaryOf(session, titles.get(session.scopeId))),
    nextCursor: page.nextCursor,
  };
};

/** The session with its questions, the answers so far and how each one scored. */
export const getPracticeSession = async (actor: Principal, id: string): Promise<PracticeSession> => {
  assertCanPractise(actor);
  const session = await loadOwn(actor, id);
  const [questions, answers, titles] = await Promise.all([
    questionsStillThere(session),
    answersOf(session),
    titlesOf(session.tenantId, [session.scopeId]),
  ]);
  return sessionView(session, questions, answers, titles.get(session.scopeId));
};

const assertAnswerable = (session: TestSessionItem, questionId: string): void => {
  assertPracticeOpen(session);
  if (!session.questionIds.includes(questionId)) {
    throw new NotFoundError(`Question ${questionId} is not part of this practice session.`);
  }
};

/**
 * Scores an answer at once and stores it with its score, replacing the one before. The
 * session's version moves with it, so a completion decided on the answers as they were read
 * is decided again instead of leaving this answer out of a result it should count in.
 */
export const answerPractice = async (
  actor: Principal,
  id: string,
  questionId: string,
  response: AnswerResponse,
  { scorer = practiceScorer() }: { scorer?: TextScorer } = {},
): Promise<PracticeAnswerResult> => {
  assertCanPractise(actor);
  assertAnswerable(await loadOwn(actor, id), questionId);
  const [question] = await getQuestionsByIds(actor.tenantId, [questionId]);
  if (!question) throw new NotFoundError(`Question ${questionId} was not found.`);
  const content = questionContentOf(question);
  assertAnswerFits(content, response);
  const score = await scoreAnswer({ ...content, id: questionId }, response, scorer);
  const answeredAt = isoNow();
  await writeVersioned(undefined, {
    label: `Practice session ${id}`,
    load: () => loadOwn(actor, id),
    decide: (session) => {
      assertAnswerable(session, questionId);
      return [
        put(
          AnswerEntity.put({
            tenantId: actor.tenantId,
            testSessionId: id,
            questionId,
            response,
            answeredAt,
            score,
            scoredAt: answeredAt,
          }).params(),
        ),
        versionedPatch(
          TestSessionEntity.patch({ tenantId: actor.tenantId, testSessionId: id }).set({ updatedAt: answeredAt }),
          session.version,
        ),
      ];
    },
  });
  return { questionId, answeredAt, ...practiceFeedback(content, score) };
};

/** Raised by a completion's decision when someone (this user, in another tab) completed it first. */
class PracticeAlreadyCompletedError extends Error {}

const completionWrites = async (
  actor: Principal,
  session: TestSessionItem,
  scorer: TextScorer,
): Promise<TransactionWrite[]> => {
  if (session.status !== 'in_progress') throw new PracticeAlreadyCompletedError();
  const [questions, answers, user] = await Promise.all([
    questionsStillThere(session),
    answersOf(session),
    loadUser(actor),
  ]);
  const result = await practiceResult(questions, answers, scorer);
  const completedAt = new Date();
  const at = completedAt.toISOString();
  const streak = streakAfterPractice(user, completedAt);
  return [
    // Submitted and scored at once: practice has nothing to wait for.
    versionedPatch(
      TestSessionEntity.patch({ tenantId: session.tenantId, testSessionId: session.testSessionId }).set({
        status: 'scored',
        submittedAt: at,
        submission: 'candidate',
        scoredAt: at,
        result,
        updatedAt: at,
      }),
      session.version,
    ),
    ...(streak.changed ? [streakWrite(user, streak.after)] : []),
    auditWrite(actor, {
      action: 'practice.completed',
      entityType: 'test_session',
      entityId: session.testSessionId,
      before: { status: session.status, ...streak.before },
      after: {
        status: 'scored',
        percentage: result.percentage,
        answeredCount: result.answeredCount,
        questionCount: result.questionCount,
        ...streak.after,
      },
    }),
  ];
};

/**
 * Completes the session: its result from the answers' scores, and the user's streak, in one
 * transaction. Completing a completed session again writes nothing and answers the same
 * result, so a retry after a lost response is safe.
 */
export const completePractice = async (
  actor: Principal,
  id: string,
  { scorer = practiceScorer() }: { scorer?: TextScorer } = {},
): Promise<CompletedPractice> => {
  assertCanPractise(actor);
  try {
    await writeVersioned(undefined, {
      label: `Practice session ${id}`,
      load: () => loadOwn(actor, id),
      decide: (session) => completionWrites(actor, session, scorer),
    });
  } catch (error) {
    if (!(error instanceof PracticeAlreadyCompletedError)) throw error;
  }
  const [session, user] = await Promise.all([loadOwn(actor, id), loadUser(actor)]);
  return CompletedPractice.parse({
    id: session.testSessionId,
    status: session.status,
    completedAt: session.scoredAt,
    result: session.result,
    streak: streakOnRead(storedStreakOf(user), new Date(), user.timezone),
  });
};
