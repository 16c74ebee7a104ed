import { type Summary, summarise } from './stats.ts';

/** A candidate's test, measured against the local cloud (docs/benchmarks.md). */
export interface AssessmentTimings {
  questions: number;
  sessions: number;
  /** PUT .../answers/{questionId} over HTTP, each a conditional transaction. */
  autosave: Summary;
  /** POST .../submit over HTTP: the session ends, its family is revoked, the event is written. */
  submit: Summary;
  /** Scoring a submitted session as the tasks consumer does: reads, 50 scores, writes, the move. */
  scoring: Summary;
}

export interface Principal {
  userId: string;
  tenantId: string;
  email: string;
  roles: readonly ('recruiter' | 'admin' | 'interviewer' | 'superadmin')[];
  requestId: string;
}

/** A mix like a real screen: mostly objective questions, some text ones the local scorer reads. */
const question = (index: number) => {
  const common = { prompt: `Bench question ${index}: which one is right?`, skillTags: ['TypeScript'] };
  switch (index % 5) {
    case 0:
      return {
        ...common,
        type: 'multiple_choice',
        options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id })),
        correctOptionIds: ['a', 'c'],
      };
    case 1:
      return { ...common, type: 'true_false', correctAnswer: true };
    case 2:
      return { ...common, type: 'numeric', correctNumber: 42, tolerance: 0.5 };
    case 3:
      return { ...common, type: 'long_text', keywords: [{ term: 'idempotent' }, { term: 'retry' }] };
    default:
      return {
        ...common,
        type: 'single_choice',
        options: ['a', 'b', 'c'].map((id) => ({ id, text: id })),
        correctOptionIds: ['b'],
      };
  }
};

/** Below the pass mark on purpose: a pass would move the application, which the bench's invitations do not have. */
const answerFor = (type: string) => {
  switch (type) {
    case 'multiple_choice':
      return { type, optionIds: ['a', 'b'] };
    case 'true_false':
      return { type, value: false };
    case 'numeric':
      return { type, value: 42.2 };
    case 'long_text':
      return { type, text: 'Make the handler idempotent so a retry changes nothing; deduplicate by key.' };
    default:
      return { type, optionId: 'a' };
  }
};

/** A published assessment of `questions` questions, made through the services. */
export const createBenchAssessment = async (actor: Principal, questions: number) => {
  const { QuestionContent } = await import('@assist-ten/core/assessments/question.content');
  const { createQuestionSetWithQuestions } = await import('@assist-ten/core/assessments/question-set.service');
  const { createRequisition } = await import('@assist-ten/core/requisitions/requisition.service');
  const { createAssessment, publishAssessment } = await import('@assist-ten/core/assessments/assessment.service');
  const set = await createQuestionSetWithQuestions(actor, {
    title: 'Bench screen',
    source: 'manual',
    questions: Array.from({ length: questions }, (_, index) => QuestionContent.parse(question(index))),
  });
  const requisition = await createRequisition(actor, { title: 'Bench assessment' });
  const draft = await createAssessment(actor, {
    title: 'Bench assessment',
    requisitionId: requisition.id,
    questionSetIds: [set.id],
    durationMinutes: 120,
    passingScore: 60,
    attemptsAllowed: 1,
    shuffleQuestions: true,
    shuffleOptions: true,
    invitationValidDays: 7,
    proctoring: { required: false, snapshotIntervalSeconds: 30, allowedEvents: [] },
  });
  await publishAssessment(actor, draft.id);
  return { assessmentId: draft.id, requisitionId: requisition.id };
};

/** A JSON call to the local API that fails the bench on an error status, with its time. */
export const benchCaller =
  (baseUrl: string) => async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300)
      throw new Error(`${method} ${path} answered ${response.status} ${JSON.stringify(json)}`);
    return { json, ms: performance.now() - started };
  };

/** A candidate's started session: an invitation with a secret the bench knows stands in for the emailed one. */
export const startBenchSession = async (
  baseUrl: string,
  actor: Principal,
  assessment: { assessmentId: string; requisitionId: string },
) => {
  const { InvitationEntity } = await import('@assist-ten/core/assessments/invitation.entity');
  const { invitationIdOf } = await import('@assist-ten/core/assessments/invitation.service');
  const { hashSecret, newSecret } = await import('@assist-ten/core/test-sessions/token-secrets');
  const { newId } = await import('@assist-ten/core/shared/ids');
  const candidateId = newId('candidate');
  const secret = newSecret();
  await InvitationEntity.create({
    tenantId: actor.tenantId,
    invitationId: invitationIdOf(assessment.assessmentId, candidateId),
    assessmentId: assessment.assessmentId,
    candidateId,
    requisitionId: assessment.requisitionId,
    applicationId: newId('application'),
    tokenHash: hashSecret(secret),
    status: 'pending',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).go();
  const { json } = await benchCaller(baseUrl)('POST', '/api/v1/candidate/sessions', undefined, { token: secret });
  return {
    token: String(json.accessToken),
    state: json.session as { id: string; questions: { id: string; type: string }[] },
  };
};

export const measureAssessment = async (
  baseUrl: string,
  actor: Principal,
  { questions = 50, sessions = 5, autosaves = 200 } = {},
): Promise<AssessmentTimings> => {
  const { scoreSession } = await import('@assist-ten/core/test-sessions/session-scoring');
  const { localTextScorer } = await import('@assist-ten/core/test-sessions/scoring/local-text-scorer');
  const assessment = await createBenchAssessment(actor, questions);
  const call = benchCaller(baseUrl);

  const autosave: number[] = [];
  const submit: number[] = [];
  const scoring: number[] = [];
  for (let session = 0; session < sessions; session++) {
    const { token, state } = await startBenchSession(baseUrl, actor, assessment);
    const rounds = session === 0 ? Math.max(autosaves, state.questions.length) : state.questions.length;
    for (let index = 0; index < rounds; index++) {
      const target = state.questions[index % state.questions.length];
      if (!target) continue;
      const { ms } = await call(
        'PUT',
        `/api/v1/candidate/test-session/answers/${target.id}`,
        token,
        answerFor(target.type),
      );
      autosave.push(ms);
    }
    submit.push((await call('POST', '/api/v1/candidate/test-session/submit', token)).ms);
    const started = performance.now();
    await scoreSession(actor.tenantId, state.id, { scorer: localTextScorer() });
    scoring.push(performance.now() - started);
  }
  return {
    questions,
    sessions,
    autosave: summarise(autosave),
    submit: summarise(submit),
    scoring: summarise(scoring),
  };
};
