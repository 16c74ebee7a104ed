import type { QuestionContent } from '@assist-ten/core/assessments/question.content';
import { newQuestionWrite } from '@assist-ten/core/assessments/question.item';
import { LISTED, QuestionSetEntity } from '@assist-ten/core/assessments/question-set.entity';
import { UserEntity } from '@assist-ten/core/identity/user.entity';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@assist-ten/core/identity/user.model';
import { ConflictError, NotFoundError, ValidationError } from '@assist-ten/core/shared/errors';
import type { Principal } from '@assist-ten/core/shared/principal';
import {
  answerPractice,
  completePractice,
  getPracticeSession,
  startPractice,
} from '@assist-ten/core/test-sessions/practice.service';
import type { TextScorer } from '@assist-ten/core/test-sessions/scoring/text-scorer';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aPrincipal } from '../support/factories.ts';
import { aLongText, aSingleChoice, aTrueFalse } from './scoring/question-fixtures.ts';

type Item = Record<string, unknown>;

/**
 * A table in memory, enough for the reads and writes practice makes: items by key, Query on
 * the table or an index by partition and sort-key prefix, and transactions whose Puts and
 * Updates (SET / ADD / REMOVE) apply as written. Conditions are not evaluated.
 */
const dynamo = mockClient(DynamoDBDocumentClient);
const table = new Map<string, Item>();
const keyOf = (item: Item) => `${item.pk}|${item.sk}`;
const store = (item: Item) => table.set(keyOf(item), structuredClone(item));

const applyUpdate = (item: Item, update: Record<string, unknown>): Item => {
  const names = update.ExpressionAttributeNames as Record<string, string>;
  const values = (update.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const next = { ...item };
  const clauses = String(update.UpdateExpression).matchAll(/(SET|ADD|REMOVE)\s+(.*?)(?=\s+(?:SET|ADD|REMOVE)\s|$)/g);
  for (const [, verb, body = ''] of clauses) {
    for (const part of body.split(/,\s*/)) {
      const [name = '', value = ''] = part.trim().split(/\s*=\s*|\s+/);
      const field = names[name] ?? name;
      if (verb === 'SET') next[field] = values[value];
      if (verb === 'ADD') next[field] = Number(next[field] ?? 0) + Number(values[value]);
      if (verb === 'REMOVE') delete next[field];
    }
  }
  return next;
};

const transactions = (): Item[][] =>
  dynamo.commandCalls(TransactWriteCommand).map((call) => (call.args[0].input.TransactItems ?? []) as Item[]);

const putsOf = (writes: Item[], entity: string): Item[] =>
  writes.flatMap((write) => {
    const item = (write.Put as { Item?: Item } | undefined)?.Item;
    return item?.__edb_e__ === entity ? [item] : [];
  });

const updatesOf = (writes: Item[], pkPart: string) =>
  writes.flatMap((write) => {
    const update = write.Update as { Key: Item; ConditionExpression?: string } | undefined;
    return update && String(update.Key.pk).includes(pkPart) ? [update] : [];
  });

beforeEach(() => {
  table.clear();
  dynamo.on(GetCommand).callsFake((input) => ({ Item: table.get(keyOf(input.Key)) }));
  dynamo.on(BatchGetCommand).callsFake((input) => {
    const [[name, request]] = Object.entries(input.RequestItems as Record<string, { Keys: Item[] }>) as [
      [string, { Keys: Item[] }],
    ];
    const found = request.Keys.flatMap((key) => table.get(keyOf(key)) ?? []);
    return { Responses: { [name]: found }, UnprocessedKeys: {} };
  });
  dynamo.on(QueryCommand).callsFake((input) => {
    const names = input.ExpressionAttributeNames as Record<string, string>;
    const values = input.ExpressionAttributeValues as Record<string, string>;
    const items = [...table.values()]
      .filter((item) => item[names['#pk'] ?? 'pk'] === values[':pk'])
      .filter((item) => String(item[names['#sk1'] ?? 'sk'] ?? '').startsWith(values[':sk1'] ?? ''))
      .sort((a, b) => String(a[names['#sk1'] ?? 'sk']).localeCompare(String(b[names['#sk1'] ?? 'sk'])));
    return { Items: input.ScanIndexForward === false ? items.reverse() : items };
  });
  dynamo.on(TransactWriteCommand).callsFake((input) => {
    for (const write of input.TransactItems as Item[]) {
      const put = write.Put as { Item: Item } | undefined;
      const update = write.Update as ({ Key: Item } & Record<string, unknown>) | undefined;
      if (put) store(put.Item);
      if (update) store(applyUpdate(table.get(keyOf(update.Key)) ?? { ...update.Key }, update));
    }
    return {};
  });
});

afterEach(() => {
  dynamo.reset();
  vi.useRealTimers();
});

const TENANT = 'tnt_practice';
const alice = aPrincipal({ userId: 'usr_alice', tenantId: TENANT, roles: ['interviewer'] });
const bob = aPrincipal({ userId: 'usr_bob', tenantId: TENANT, roles: ['recruiter'] });

/** A text scorer the tests may not reach: the objective questions here never need one. */
const noScorer: TextScorer = {
  kind: 'local',
  score: async () => {
    throw new Error('the text scorer was called');
  },
};

/** A live set of the tenant with these questions in order; its count matches, as the live read checks. */
const aSet = (questionSetId: string, contents: QuestionContent[]) => {
  const questionIds = contents.map((content, index) => {
    const questionId = `qst_${questionSetId}_${index + 1}`;
    store(newQuestionWrite(bob, { questionId, questionSetId, content, order: index + 1 }).item as unknown as Item);
    return questionId;
  });
  store(
    QuestionSetEntity.create({
      tenantId: TENANT,
      questionSetId,
      title: `Set ${questionSetId}`,
      source: 'manual',
      listIndexKey: LISTED,
      questionCount: contents.length,
      createdBy: bob.userId,
      updatedBy: bob.userId,
    }).params<{ Item: Item }>().Item,
  );
  return questionIds;
};

/** A user as stored; without streak fields, as users from before practice existed are. */
const aUser = (principal: Principal, streak: Item = {}) => {
  const {
    currentStreak: _current,
    longestStreak: _longest,
    ...item
  } = UserEntity.create({
    tenantId: principal.tenantId,
    userId: principal.userId,
    email: principal.email,
    name: 'Practising Person',
    roles: [...principal.roles],
    identityUsername: principal.userId,
    timezone: 'UTC',
    notificationPreferences: DEFAULT_NOTIFICATION_PREFERENCES,
    createdBy: 'usr_admin',
    updatedBy: 'usr_admin',
  }).params<{ Item: Item }>().Item;
  store({ ...item, ...streak });
};

const userItem = (principal: Principal) =>
  [...table.values()].find((item) => item.__edb_e__ === 'user' && item.userId === principal.userId) as Item;

const RIGHT = { type: 'single_choice', optionId: 'b' } as const;

describe('startPractice', () => {
  it('refuses a set that is not the tenant’s as a 400 naming questionSetId, writing nothing', async () => {
    // Act
    const thrown = await startPractice(alice, { questionSetId: 'qset_missing' }).catch((error: unknown) => error);

    // Assert
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).errors).toEqual([expect.objectContaining({ field: 'questionSetId' })]);
    expect(transactions()).toEqual([]);
  });

  it('refuses a set without live questions with 409', async () => {
    // Arrange
    aSet('qset_empty', []);

    // Act
    const thrown = await startPractice(alice, { questionSetId: 'qset_empty' }).catch((error: unknown) => error);

    // Assert
    expect(thrown).toBeInstanceOf(ConflictError);
    expect((thrown as ConflictError).extensions).toEqual({ reason: 'no_questions' });
    expect(transactions()).toEqual([]);
  });

  it('writes an unranked practice with no deadline, owned by the caller, and its audit entry, in one transaction', async () => {
    // Arrange
    const questionIds = aSet('qset_one', [aSingleChoice(), aTrueFalse()]);

    // Act
    const session = await startPractice(alice, { questionSetId: 'qset_one' });

    // Assert
    const [writes = []] = transactions();
    expect(transactions()).toHaveLength(1);
    const [stored] = putsOf(writes, 'test_session');
    expect(stored).toMatchObject({
      kind: 'practice',
      scopeId: 'qset_one',
      questionSetId: 'qset_one',
      ownerId: alice.userId,
      status: 'in_progress',
      questionIds,
      shuffleOptions: true,
      rankKey: 'none',
    });
    expect(stored).not.toHaveProperty('deadline');
    expect(stored).not.toHaveProperty('dueShard');
    expect(Object.keys(stored ?? {}).filter((key) => /^gsi[23]/.test(key))).toEqual([]);
    expect(putsOf(writes, 'auditlog')).toEqual([
      expect.objectContaining({ action: 'practice.started', entityType: 'test_session', entityId: session.id }),
    ]);
    expect(session.questions.map((question) => [question.id, question.number])).toEqual([
      [questionIds[0], 1],
      [questionIds[1], 2],
    ]);
    expect(JSON.stringify(session)).not.toContain('correctOptionIds');
  });
});

describe('answerPractice', () => {
  it('stores the answer with its score and moves the session version in the same transaction', async () => {
    // Arrange
    const [single] = aSet('qset_a', [aSingleChoice({ explanation: 'Because.' }), aTrueFalse()]);
    const { id } = await startPractice(alice, { questionSetId: 'qset_a' });
    dynamo.resetHistory();

    // Act
    const result = await answerPractice(alice, id, single ?? '', RIGHT, { scorer: noScorer });

    // Assert
    expect(result).toMatchObject({
      questionId: single,
      score: { earned: 1, possible: 1, correct: true, feedback: 'Correct' },
      explanation: 'Because.',
      correctAnswer: RIGHT,
    });
    const [writes = []] = transactions();
    expect(putsOf(writes, 'answer')).toEqual([
      expect.objectContaining({ questionId: single, response: RIGHT, score: expect.objectContaining({ earned: 1 }) }),
    ]);
    expect(updatesOf(writes, id)).toEqual([
      expect.objectContaining({ ConditionExpression: expect.stringContaining('#version = :version0') }),
    ]);
  });

  it("answers 404 for another user's session and writes nothing", async () => {
    // Arrange
    const [single] = aSet('qset_b', [aSingleChoice()]);
    const { id } = await startPractice(alice, { questionSetId: 'qset_b' });
    dynamo.resetHistory();

    // Act
    const thrown = await answerPractice(bob, id, single ?? '', RIGHT, { scorer: noScorer }).catch(
      (error: unknown) => error,
    );

    // Assert
    expect(thrown).toBeInstanceOf(NotFoundError);
    expect(transactions()).toEqual([]);
  });

  it('answers 404 for a question that is not part of the session', async () => {
    // Arrange
    aSet('qset_c', [aSingleChoice()]);
    const [elsewhere] = aSet('qset_other', [aSingleChoice()]);
    const { id } = await startPractice(alice, { questionSetId: 'qset_c' });

    // Act
    const thrown = await answerPractice(alice, id, elsewhere ?? '', RIGHT, { scorer: noScorer }).catch(
      (error: unknown) => error,
    );

    // Assert
    expect(thrown).toBeInstanceOf(NotFoundError);
  });
});

describe('completePractice', () => {
  const startAnswered = async (setId: string) => {
    const [single] = aSet(setId, [aSingleChoice({ skillTags: ['HTTP'] }), aLongText({ points: 3 })]);
    const { id } = await startPractice(alice, { questionSetId: setId });
    await answerPractice(alice, id, single ?? '', RIGHT, { scorer: noScorer });
    dynamo.resetHistory();
    return id;
  };

  it('scores the session, starts the streak and audits it, all in one transaction', async () => {
    // Arrange
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
    aUser(alice);
    const id = await startAnswered('qset_d');

    // Act
    const completed = await completePractice(alice, id, { scorer: noScorer });

    // Assert
    expect(completed).toMatchObject({
      id,
      status: 'scored',
      result: { earned: 1, possible: 4, percentage: 25, passed: false, answeredCount: 1, questionCount: 2 },
      streak: { currentStreak: 1, longestStreak: 1, lastPracticeDate: '2026-03-02' },
    });
    expect(transactions()).toHaveLength(1);
    const [writes = []] = transactions();
    expect(updatesOf(writes, id)).toEqual([
      expect.objectContaining({ ConditionExpression: expect.stringContaining('#version = :version0') }),
    ]);
    const [streak] = updatesOf(writes, `userId_${alice.userId}`);
    expect(streak?.ConditionExpression).toContain('attribute_not_exists(#lastPracticeDate)');
    expect(streak?.ConditionExpression).toContain('attribute_not_exists(#currentStreak)');
    const [audit] = putsOf(writes, 'auditlog');
    expect(audit).toMatchObject({ action: 'practice.completed', entityType: 'test_session', entityId: id });
    expect(JSON.stringify(audit)).not.toContain('single_choice');
    expect(userItem(alice)).toMatchObject({ currentStreak: 1, longestStreak: 1, lastPracticeDate: '2026-03-02' });
  });

  it('leaves the user item alone for a second practice on the same day', async () => {
    // Arrange
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T21:00:00Z'));
    aUser(alice, { currentStreak: 4, longestStreak: 6, lastPracticeDate: '2026-03-02' });
    const id = await startAnswered('qset_e');

    // Act
    const completed = await completePractice(alice, id, { scorer: noScorer });

    // Assert
    expect(completed.streak).toEqual({ currentStreak: 4, longestStreak: 6, lastPracticeDate: '2026-03-02' });
    const [writes = []] = transactions();
    expect(updatesOf(writes, `userId_${alice.userId}`)).toEqual([]);
  });

  it('answers the same result again, writing nothing, when the session is already completed', async () => {
    // Arrange
    aUser(alice);
    const id = await startAnswered('qset_f');
    const first = await completePractice(alice, id, { scorer: noScorer });
    dynamo.resetHistory();

    // Act
    const again = await completePractice(alice, id, { scorer: noScorer });

    // Assert
    expect(again).toEqual(first);
    expect(transactions()).toEqual([]);
  });

  it('refuses answers once completed with 409', async () => {
    // Arrange
    aUser(alice);
    const id = await startAnswered('qset_g');
    await completePractice(alice, id, { scorer: noScorer });
    const [single] = (await getPracticeSession(alice, id)).questions;

    // Act
    const thrown = await answerPractice(alice, id, single?.id ?? '', RIGHT, { scorer: noScorer }).catch(
      (error: unknown) => error,
    );

    // Assert
    expect(thrown).toBeInstanceOf(ConflictError);
    expect((thrown as ConflictError).extensions).toEqual({ reason: 'practice_completed' });
  });
});

describe('getPracticeSession', () => {
  it('shows the answers so far with their feedback', async () => {
    // Arrange
    const [single] = aSet('qset_h', [aSingleChoice(), aTrueFalse()]);
    const { id } = await startPractice(alice, { questionSetId: 'qset_h' });
    await answerPractice(alice, id, single ?? '', RIGHT, { scorer: noScorer });

    // Act
    const session = await getPracticeSession(alice, id);

    // Assert
    expect(session).toMatchObject({ answeredCount: 1, questionCount: 2, questionSetTitle: 'Set qset_h' });
    expect(session.questions[0]).toMatchObject({ answer: RIGHT, feedback: { score: { correct: true } } });
    expect(session.questions[1]?.feedback).toBeUndefined();
  });

  it("answers 404 for another user's session", async () => {
    // Arrange
    aSet('qset_i', [aSingleChoice()]);
    const { id } = await startPractice(alice, { questionSetId: 'qset_i' });

    // Act
    const thrown = await getPracticeSession(bob, id).catch((error: unknown) => error);

    // Assert
    expect(thrown).toBeInstanceOf(NotFoundError);
  });
});
