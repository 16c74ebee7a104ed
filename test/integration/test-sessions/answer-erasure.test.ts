import { describe, expect, it } from 'vitest';
import { storeSession } from '../../support/fixtures/test-session-results.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { eraseAnswersOf } = await import('@assist-ten/core/test-sessions/answer-erasure');
const { AnswerEntity } = await import('@assist-ten/core/test-sessions/answer.entity');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { newId } = await import('@assist-ten/core/shared/ids');
const { isFamilyRevoked, startFamily } = await import('@assist-ten/core/test-sessions/refresh-token.service');
const { RefreshFamilyEntity } = await import('@assist-ten/core/test-sessions/refresh-token.entity');
const { aPrincipal } = await import('../../unit/support/factories.ts');

const tenantId = newId('tenant');
const admin = aPrincipal({ tenantId, roles: ['admin'] });

/** A session of `candidateId` with a written, a coded, an overridden and a chosen answer. */
const answeredSession = async (candidateId: string, open?: { familyId: string }) => {
  const now = new Date().toISOString();
  const testSessionId = await storeSession(tenantId, candidateId, {
    questionIds: ['q1', 'q2', 'q3', 'q4'],
    ...(open ? { status: 'in_progress', familyId: open.familyId } : {}),
  });
  const answer = (questionId: string, response: object, score?: object) =>
    AnswerEntity.create({
      tenantId,
      testSessionId,
      questionId,
      response,
      answeredAt: now,
      ...(score ? { score } : {}),
    }).go();
  const machine = { earned: 3, possible: 5, method: 'model', confidence: 0.9, needsReview: false };
  await answer(
    'q1',
    { type: 'long_text', text: 'I am Ada, I led the Lisbon team.' },
    {
      ...machine,
      rationale: 'Mentions leading "the Lisbon team".',
      feedback: 'Clear.',
    },
  );
  await answer('q2', { type: 'coding', code: '// Ada Lovelace\nexport const f = () => 1;' });
  await answer(
    'q3',
    { type: 'short_text', text: 'sharding' },
    {
      ...machine,
      method: 'manual',
      earned: 5,
      override: {
        by: admin.userId,
        reason: 'Ada meant sharding',
        machine: { earned: 3, method: 'model', confidence: 0.9 },
      },
    },
  );
  await answer('q4', { type: 'single_choice', optionId: 'b' }, { ...machine, method: 'exact', earned: 1, possible: 1 });
  return testSessionId;
};

const answersOf = async (testSessionId: string) =>
  Object.fromEntries(
    (await AnswerEntity.query.bySession({ tenantId, testSessionId }).go({ consistent: true })).data.map((item) => [
      item.questionId,
      item,
    ]),
  );

describe('eraseAnswersOf (DynamoDB Local)', () => {
  it('empties what the person wrote and what scoring said of it, keeps choices and points, and a retry does nothing', async () => {
    // Arrange
    const candidateId = newId('candidate');
    const testSessionId = await answeredSession(candidateId);
    const otherSession = await answeredSession(newId('candidate'));

    // Act
    const erased = await eraseAnswersOf(admin, candidateId);
    const again = await eraseAnswersOf(admin, candidateId);

    // Assert
    expect(erased).toEqual({ answersAnonymised: 3 });
    expect(again).toEqual({ answersAnonymised: 0 });
    const answers = await answersOf(testSessionId);
    expect(answers.q1?.response).toEqual({ type: 'long_text', text: '' });
    expect(answers.q1?.score).toEqual({ earned: 3, possible: 5, method: 'model', confidence: 0.9, needsReview: false });
    expect(answers.q2?.response).toEqual({ type: 'coding', code: '' });
    expect(answers.q3?.response).toEqual({ type: 'short_text', text: '' });
    expect(answers.q3?.score).toMatchObject({ earned: 5, override: { by: admin.userId, reason: '' } });
    expect(answers.q4?.response).toEqual({ type: 'single_choice', optionId: 'b' });
    expect(JSON.stringify(answers)).not.toMatch(/Ada|Lisbon/);
    expect(JSON.stringify(await answersOf(otherSession))).toContain('Ada');
    const { data: trail } = await AuditLogEntity.query
      .byEntity({ tenantId, entityType: 'test_session', entityId: testSessionId })
      .go();
    expect(trail.map((entry) => entry.action)).toEqual(['test_session.answers_anonymised']);
    const changes = Object.fromEntries((trail[0]?.changes ?? []).map((change) => [change.field, change.after]));
    expect(changes).toMatchObject({ candidateId, answersAnonymised: 3, questionIds: ['q1', 'q2', 'q3'] });
    expect(JSON.stringify(trail)).not.toMatch(/Ada|Lisbon/);
  });

  it('stops the tokens of a session still open first, so no autosave writes the words back', async () => {
    // Arrange
    const candidateId = newId('candidate');
    const testSessionId = newId('testSession');
    const tokens = await startFamily(
      { tenantId, testSessionId, assessmentId: newId('assessment'), candidateId },
      { lifetimeSeconds: 3_600 },
    );
    await answeredSession(candidateId, { familyId: tokens.familyId });

    // Act
    const erased = await eraseAnswersOf(admin, candidateId);
    const again = await eraseAnswersOf(admin, candidateId);

    // Assert
    expect(erased.answersAnonymised).toBe(3);
    expect(again.answersAnonymised).toBe(0);
    expect(await isFamilyRevoked(tenantId, tokens.familyId)).toBe(true);
    const { data: head } = await RefreshFamilyEntity.get({ tenantId, familyId: tokens.familyId }).go({
      consistent: true,
    });
    expect(head?.revokedReason).toBe('access_withdrawn');
    const { data: trail } = await AuditLogEntity.query
      .byEntity({ tenantId, entityType: 'refresh_family', entityId: tokens.familyId })
      .go();
    expect(trail.map((entry) => entry.action)).toEqual(['refresh_family.revoked']);
  });
});
