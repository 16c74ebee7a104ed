import { AssessmentEntity, type AssessmentItem } from '../assessments/assessment.entity.ts';
import { InvitationEntity, type InvitationItem } from '../assessments/invitation.entity.ts';
import type { AnswerResponse } from '../assessments/question.content.ts';
import { TenantEntity } from '../identity/tenant.entity.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, GoneError, NotFoundError, UnauthorizedError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { CandidatePrincipal } from '../shared/principal.ts';
import { seededOrder, seededRank } from '../shared/seeded-order.ts';
import { check, put, transactWrite, update } from '../shared/transaction.ts';
import { AnswerEntity, type AnswerItem } from './answer.entity.ts';
import type { SessionTokens } from './refresh-token.model.ts';
import { isFamilyRevoked, prepareFamily, rotateRefreshToken } from './refresh-token.service.ts';
import { answersCutoff, candidateActor, finishSession, isPastDeadline } from './session-finish.ts';
import { assertAnswerFits, candidateQuestionsOf, sessionQuestion } from './session-questions.ts';
import { TestSessionEntity, type TestSessionItem } from './test-session.entity.ts';
import { DEADLINE_GRACE_SECONDS, DUE_SHARDS, REFRESH_MARGIN_SECONDS } from './test-session.model.ts';
import { type CandidateSessionState, type InvitationLanding, SubmittedSession } from './test-session.schema.ts';
import { hashSecret } from './token-secrets.ts';

const linkNotValid = () =>
  new NotFoundError('This invitation link is not valid. Open the whole link from your invitation email.');

/**
 * The invitation a link's secret names, read again by key: the hash index may lag a
 * rotation or a use by a moment, the item does not. A rotated-away secret names nothing.
 */
export const invitationBySecret = async (secret: string): Promise<InvitationItem> => {
  const tokenHash = hashSecret(secret);
  const { data } = await InvitationEntity.query.byTokenHash({ tokenHash }).go({ limit: 1 });
  const found = data[0];
  if (!found) throw linkNotValid();
  const { data: item } = await InvitationEntity.get({ tenantId: found.tenantId, invitationId: found.invitationId }).go({
    consistent: true,
  });
  if (!item || item.tokenHash !== tokenHash) throw linkNotValid();
  return item;
};

const readAssessment = async (tenantId: string, assessmentId: string): Promise<AssessmentItem> => {
  const { data } = await AssessmentEntity.get({ tenantId, assessmentId }).go();
  if (!data) throw linkNotValid();
  return data;
};

/** Why a link no longer starts anything, said plainly and without revealing more. */
const assertUsable = (invitation: InvitationItem, assessment: AssessmentItem, now: string): void => {
  if (invitation.status === 'revoked') {
    throw new GoneError('This invitation was withdrawn.', { extensions: { reason: 'invitation_revoked' } });
  }
  if (invitation.status === 'used') {
    throw new ConflictError('This invitation was already used to start the assessment. Each link works once.', {
      extensions: { reason: 'invitation_used' },
    });
  }
  if (invitation.validUntil <= now) {
    throw new GoneError('This invitation has expired. Ask the recruiter for a new link.', {
      extensions: { reason: 'invitation_expired' },
    });
  }
  if (assessment.status !== 'published' || (assessment.availableUntil && assessment.availableUntil <= now)) {
    throw new GoneError('This assessment is closed.', { extensions: { reason: 'assessment_closed' } });
  }
};

const proctoringOf = (assessment: AssessmentItem) => ({
  required: assessment.proctoring.required,
  snapshotIntervalSeconds: assessment.proctoring.snapshotIntervalSeconds,
  allowedEvents: assessment.proctoring.allowedEvents as CandidateSessionState['proctoring']['allowedEvents'],
});

/** What the landing page shows before the candidate starts. */
export const invitationLanding = async (secret: string): Promise<InvitationLanding> => {
  const now = isoNow();
  const invitation = await invitationBySecret(secret);
  const [assessment, tenant] = await Promise.all([
    readAssessment(invitation.tenantId, invitation.assessmentId),
    TenantEntity.get({ tenantId: invitation.tenantId }).go({ attributes: ['name'] }),
  ]);
  assertUsable(invitation, assessment, now);
  return {
    organisation: tenant.data?.name ?? 'Assist-Ten',
    assessmentTitle: assessment.title,
    description: assessment.description,
    instructions: assessment.instructions,
    durationMinutes: assessment.durationMinutes,
    questionCount: assessment.questionCount ?? 0,
    availableFrom: assessment.availableFrom,
    availableUntil: assessment.availableUntil,
    invitationValidUntil: invitation.validUntil,
    opensLater: Boolean(assessment.availableFrom && assessment.availableFrom > now),
    proctoring: proctoringOf(assessment),
  };
};

/** The session ends at its duration or when the assessment closes, whichever is first. */
export const deadlineOf = (assessment: Pick<AssessmentItem, 'durationMinutes' | 'availableUntil'>, now: string) => {
  const byDuration = new Date(Date.parse(now) + assessment.durationMinutes * 60_000).toISOString();
  return assessment.availableUntil && assessment.availableUntil < byDuration ? assessment.availableUntil : byDuration;
};

const dueShardOf = (testSessionId: string): string =>
  `s${Number.parseInt(seededRank('due', testSessionId).slice(0, 8), 16) % DUE_SHARDS}`;

const invitationUsed = () =>
  new ConflictError('This invitation was already used to start the assessment. Each link works once.', {
    extensions: { reason: 'invitation_used' },
  });

/**
 * Exchanges an invitation's secret for a new test session and its tokens, in one
 * transaction that consumes the invitation (only if it is still pending, unexpired and
 * still this secret), creates the session and starts its refresh-token family: two
 * concurrent exchanges of one link cannot both start a session.
 */
export const startSession = async (
  secret: string,
  requestId: string,
): Promise<SessionTokens & { session: CandidateSessionState }> => {
  const now = isoNow();
  const invitation = await invitationBySecret(secret);
  const assessment = await readAssessment(invitation.tenantId, invitation.assessmentId);
  assertUsable(invitation, assessment, now);
  if (assessment.availableFrom && assessment.availableFrom > now) {
    throw new ConflictError(`This assessment opens at ${assessment.availableFrom}.`, {
      extensions: { reason: 'not_open_yet', availableFrom: assessment.availableFrom },
    });
  }
  const { tenantId, invitationId, candidateId } = invitation;
  const testSessionId = newId('testSession');
  const deadline = deadlineOf(assessment, now);
  const frozen = assessment.questionIds ?? [];
  const questionIds = assessment.shuffleQuestions ? seededOrder(testSessionId, frozen, (id) => id) : frozen;
  const { tokens, writes: familyWrites } = await prepareFamily(
    { tenantId, testSessionId, assessmentId: assessment.assessmentId, candidateId },
    { lifetimeSeconds: (Date.parse(deadline) - Date.parse(now)) / 1000 + REFRESH_MARGIN_SECONDS },
  );
  const params = TestSessionEntity.create({
    tenantId,
    testSessionId,
    kind: 'assessment',
    scopeId: assessment.assessmentId,
    ownerId: candidateId,
    assessmentId: assessment.assessmentId,
    invitationId,
    applicationId: invitation.applicationId,
    requisitionId: invitation.requisitionId,
    attempt: invitation.attemptsUsed + 1,
    status: 'in_progress',
    questionIds,
    shuffleOptions: assessment.shuffleOptions,
    startedAt: now,
    deadline,
    familyId: tokens.familyId,
    dueShard: dueShardOf(testSessionId),
    createdAt: now,
    updatedAt: now,
  }).params<{ Item: TestSessionItem }>();
  await transactWrite([
    update(
      InvitationEntity.patch({ tenantId, invitationId })
        .set({ status: 'used', usedAt: now, testSessionId, updatedBy: candidateId })
        .add({ attemptsUsed: 1, version: 1 })
        .where(
          ({ status, tokenHash, validUntil }, { eq, gt }) =>
            `${eq(status, 'pending')} AND ${eq(tokenHash, invitation.tokenHash)} AND ${gt(validUntil, now)}`,
        )
        .params(),
      invitationUsed,
    ),
    put(params),
    ...familyWrites,
    auditWrite(candidateActor(tenantId, candidateId, requestId), {
      action: 'test_session.started',
      entityType: 'test_session',
      entityId: testSessionId,
      after: { assessmentId: assessment.assessmentId, invitationId, attempt: params.Item.attempt, deadline },
    }),
  ]);
  return { ...tokens, session: await stateOf(params.Item, assessment, []) };
};

/** A new access token and refresh token for the old refresh token (rotation; a reused one revokes its family). */
export const refreshSession = (refreshToken: string): Promise<SessionTokens> => rotateRefreshToken(refreshToken);

const sessionEnded = () => new UnauthorizedError('This test session has ended.');

/**
 * The caller's session, as the token scopes it, read consistently. A revoked family (reuse
 * of a refresh token, or a session already over) ends the token's access at once. A session
 * found past its deadline is submitted now, so no session stays open forever.
 */
export const loadCandidateSession = async (principal: CandidatePrincipal): Promise<TestSessionItem> => {
  const { tenantId, testSessionId, familyId } = principal;
  const [{ data: session }, revoked] = await Promise.all([
    TestSessionEntity.get({ tenantId, testSessionId }).go({ consistent: true }),
    isFamilyRevoked(tenantId, familyId),
  ]);
  if (!session || session.familyId !== familyId || session.ownerId !== principal.candidateId) {
    throw new NotFoundError('This test session was not found.');
  }
  // A finished session is read-only, so its owner may still see how it ended (its family
  // was revoked when it ended); an open one answers only to a family that still stands.
  if (session.status !== 'in_progress') return session;
  if (revoked) throw sessionEnded();
  const now = isoNow();
  if (!isPastDeadline(session, now)) return session;
  await finishSession(session, 'deadline', { now, requestId: principal.requestId });
  const { data: finished } = await TestSessionEntity.get({ tenantId, testSessionId }).go({ consistent: true });
  return finished ?? session;
};

const answersOf = async (session: TestSessionItem): Promise<AnswerItem[]> => {
  const { data } = await AnswerEntity.query
    .bySession({ tenantId: session.tenantId, testSessionId: session.testSessionId })
    .go({ pages: 'all' });
  return data;
};

/** Answers that count: none saved after the session's end (a save racing the submission loses). */
export const countedAnswers = (session: TestSessionItem, answers: readonly AnswerItem[]): AnswerItem[] => {
  const cutoff = answersCutoff(session);
  return cutoff ? answers.filter((answer) => answer.answeredAt <= cutoff) : [...answers];
};

const remainingSeconds = (deadline: string, now: string): number =>
  Math.max(0, Math.floor((Date.parse(deadline) - Date.parse(now)) / 1000));

const stateOf = async (
  session: TestSessionItem,
  assessment: AssessmentItem,
  answers: readonly AnswerItem[],
): Promise<CandidateSessionState> => {
  const now = isoNow();
  const open = session.status === 'in_progress';
  const counted = countedAnswers(session, answers);
  const byQuestion = new Map(counted.map((answer) => [answer.questionId, answer]));
  const questions = open ? await candidateQuestionsOf(session) : [];
  const deadline = session.deadline ?? now;
  return {
    id: session.testSessionId,
    status: session.status,
    assessmentTitle: assessment.title,
    instructions: assessment.instructions,
    startedAt: session.startedAt,
    deadline,
    serverTime: now,
    remainingSeconds: open ? remainingSeconds(deadline, now) : 0,
    submittedAt: session.submittedAt,
    submission: session.submission,
    proctoring: proctoringOf(assessment),
    questions: questions.map((question, index) => {
      const answer = byQuestion.get(question.id);
      return {
        ...question,
        number: index + 1,
        ...(answer ? { answer: answer.response as AnswerResponse, answeredAt: answer.answeredAt } : {}),
      };
    }),
    answeredCount: counted.filter((answer) => session.questionIds.includes(answer.questionId)).length,
    questionCount: session.questionIds.length,
  };
};

/** The session as the candidate sees it: same order and same answers after every reload. */
export const getCandidateSession = async (principal: CandidatePrincipal): Promise<CandidateSessionState> => {
  const session = await loadCandidateSession(principal);
  const [assessment, answers] = await Promise.all([
    readAssessment(session.tenantId, principal.assessmentId),
    answersOf(session),
  ]);
  return stateOf(session, assessment, answers);
};

const sessionOver = (session: TestSessionItem) =>
  new ConflictError('This session is over: answers can no longer change.', {
    extensions: { reason: session.submission === 'deadline' ? 'deadline_passed' : 'session_submitted' },
  });

/**
 * Saves the answer to one question, replacing the one saved before: the same request twice
 * leaves the same answer. The write is conditional on the session being open and within its
 * deadline by the server's clock, in one transaction, so nothing is saved once it is over.
 */
export const saveAnswer = async (principal: CandidatePrincipal, questionId: string, response: AnswerResponse) => {
  const session = await loadCandidateSession(principal);
  if (session.status !== 'in_progress') throw sessionOver(session);
  if (!session.questionIds.includes(questionId)) {
    throw new NotFoundError(`Question ${questionId} is not part of this session.`);
  }
  assertAnswerFits(await sessionQuestion(session, questionId), response);
  const answeredAt = isoNow();
  if (isPastDeadline(session, answeredAt)) throw sessionOver({ ...session, submission: 'deadline' });
  const key = { tenantId: session.tenantId, testSessionId: session.testSessionId };
  const { TableName, Key } = TestSessionEntity.get(key).params<{ TableName: string; Key: object }>();
  const graceStart = new Date(Date.parse(answeredAt) - DEADLINE_GRACE_SECONDS * 1000).toISOString();
  // The session must still be open, by the same clock reading, when the answer is written:
  // a save racing the submission or the deadline fails instead of replacing a counted answer.
  await transactWrite([
    check(
      {
        TableName,
        Key,
        ConditionExpression: '#status = :open AND #deadline >= :graceStart',
        ExpressionAttributeNames: { '#status': 'status', '#deadline': 'deadline' },
        ExpressionAttributeValues: { ':open': 'in_progress', ':graceStart': graceStart },
      },
      () => sessionOver({ ...session, submission: isPastDeadline(session, isoNow()) ? 'deadline' : 'candidate' }),
    ),
    put(AnswerEntity.put({ ...key, questionId, response, answeredAt }).params()),
  ]);
  return { questionId, answeredAt, remainingSeconds: remainingSeconds(session.deadline ?? answeredAt, answeredAt) };
};

/** Submits the session; submitting a session that is already over returns how it ended. */
export const submitCandidateSession = async (principal: CandidatePrincipal) => {
  const session = await loadCandidateSession(principal);
  if (session.status === 'in_progress') {
    await finishSession(session, 'candidate', { now: isoNow(), requestId: principal.requestId });
  }
  const { data: finished } = await TestSessionEntity.get({
    tenantId: session.tenantId,
    testSessionId: session.testSessionId,
  }).go({ consistent: true });
  const current = finished ?? session;
  const answers = countedAnswers(current, await answersOf(current));
  return SubmittedSession.parse({
    id: current.testSessionId,
    status: current.status,
    submittedAt: current.submittedAt,
    submission: current.submission,
    answeredCount: answers.filter((answer) => current.questionIds.includes(answer.questionId)).length,
    questionCount: current.questionIds.length,
  });
};
