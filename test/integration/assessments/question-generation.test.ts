import type {
  GenerationRequest,
  QuestionGenerationMessage,
} from '@assist-ten/core/assessments/question-generation.schema';
import type { QuestionGenerator } from '@assist-ten/core/assessments/question-generator';
import { newId } from '@assist-ten/core/shared/ids';
import type { Principal } from '@assist-ten/core/shared/principal';
import { describe, expect, it } from 'vitest';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { requestQuestionGeneration } = await import('@assist-ten/core/assessments/question-generation');
const { runQuestionGeneration, questionSetIdFor } = await import(
  '@assist-ten/core/assessments/question-generation.run'
);
const { loadQuestionSet, liveQuestionsOf, questionContentOf, toQuestionSet } = await import(
  '@assist-ten/core/assessments/question-set.service'
);
const { BANK_VERSION } = await import('@assist-ten/core/assessments/question-bank/index');
const { listExtractions } = await import('@assist-ten/core/extraction/extraction-log.service');
const { JobDescriptionEntity } = await import('@assist-ten/core/job-descriptions/job-description.entity');
const { taskWrite } = await import('@assist-ten/core/platform/task.service');
const { transactWrite } = await import('@assist-ten/core/shared/transaction');
const { getTask } = await import('@assist-ten/core/platform/task.service');
const { runTask } = await import('@assist-ten/lambda-kit/sqs/task-runner');

const POSTING = 'Staff Engineer at Example Corp. You run PostgreSQL in production and ship with Docker.';

/** A recruiter of a tenant of its own, so each test reads only what it made. */
const aRecruiter = (): Principal => ({
  userId: newId('user'),
  tenantId: newId('tenant'),
  email: 'recruiter@example.test',
  roles: ['recruiter'],
  requestId: 'integration-test',
});

/** A queued task and its message, as the route makes them. */
const queued = async (actor: Principal, request: GenerationRequest): Promise<QuestionGenerationMessage> => {
  const task = taskWrite(actor, { kind: 'question_generation', input: { count: request.count, title: request.title } });
  await transactWrite(task.writes);
  return { kind: 'question_generation', tenantId: actor.tenantId, taskId: task.taskId, actorId: actor.userId, request };
};

const skillsRequest = (count = 6): GenerationRequest => ({
  skills: [
    { skill: 'TypeScript', weight: 1 },
    { skill: 'PostgreSQL', weight: 1 },
  ],
  count,
  difficultyMix: { easy: 1, medium: 2, hard: 1 },
  title: 'Backend screening',
});

const aJob = () => {
  const reports: [number, number | undefined][] = [];
  return { reports, progress: async (done: number, total?: number) => void reports.push([done, total]) };
};

/** A job description of the actor's tenant, written as its service would leave it once read. */
const aJobDescription = async (actor: Principal): Promise<string> => {
  const jobDescriptionId = newId('jobDescription');
  await JobDescriptionEntity.create({
    tenantId: actor.tenantId,
    jobDescriptionId,
    title: 'Staff Engineer',
    text: POSTING,
    status: 'ready',
    skillOverride: {
      required: [{ skill: 'PostgreSQL', proficiency: 'advanced' }],
      niceToHave: [{ skill: 'Docker', proficiency: 'intermediate' }],
    },
    isActive: true,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).go();
  return jobDescriptionId;
};

const logsOf = async (tenantId: string, questionSetId: string) =>
  (await listExtractions(tenantId, questionSetId, { limit: 10 })).items;

describe('question generation run (DynamoDB Local)', () => {
  it('saves the generated questions as one set owned by the requester, and reports its progress', async () => {
    // Arrange
    const actor = aRecruiter();
    const message = await queued(actor, skillsRequest());
    const job = aJob();

    // Act
    const ref = await runQuestionGeneration(message, job);

    // Assert
    expect(ref).toEqual({ type: 'question_set', id: questionSetIdFor(message.taskId) });
    const set = toQuestionSet(await loadQuestionSet(actor.tenantId, ref.id, { consistent: true }));
    expect(set).toMatchObject({
      title: 'Backend screening',
      source: 'generated_from_skills',
      questionCount: 6,
      createdBy: actor.userId,
      locked: false,
    });
    expect(set.description).toContain('6 questions');
    const questions = await liveQuestionsOf(actor.tenantId, ref.id);
    expect(questions).toHaveLength(6);
    const tags = new Set(questions.flatMap((question) => questionContentOf(question).skillTags));
    expect(tags).toEqual(new Set(['TypeScript', 'PostgreSQL']));
    expect(job.reports.at(-1)).toEqual([2, 3]);
  });

  it('runs under the task runner as the tasks consumer runs it: the task succeeds with the set as its result', async () => {
    // Arrange
    const actor = aRecruiter();
    const message = await queued(actor, skillsRequest(2));
    const consume = runTask({
      queue: 'tasks',
      taskOf: (queuedMessage: QuestionGenerationMessage) => queuedMessage,
      run: (queuedMessage, job) => runQuestionGeneration(queuedMessage, job),
    });
    const record = { attributes: { ApproximateReceiveCount: '1' } } as unknown as Parameters<typeof consume>[1];

    // Act
    await consume(message, record);

    // Assert
    const task = await getTask(actor, message.taskId);
    expect(task).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      resultRef: { type: 'question_set', id: questionSetIdFor(message.taskId) },
      progress: { done: 3, total: 3 },
    });
  });

  it('logs the run with counts only: never the questions', async () => {
    // Arrange
    const actor = aRecruiter();
    const message = await queued(actor, skillsRequest());

    // Act
    const ref = await runQuestionGeneration(message, aJob());

    // Assert
    const logs = await logsOf(actor.tenantId, ref.id);
    expect(logs).toHaveLength(1);
    const [log] = logs;
    expect(log).toMatchObject({
      subjectType: 'question_set',
      subjectId: ref.id,
      purpose: 'question_generation',
      extractor: 'local',
      promptVersion: BANK_VERSION,
      status: 'succeeded',
      generation: { questionCount: 6 },
    });
    expect(log?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const { easy = 0, medium = 0, hard = 0 } = log?.generation?.difficulties ?? {};
    expect(easy + medium + hard).toBe(6);
    const prompts = (await liveQuestionsOf(actor.tenantId, ref.id)).map((question) => question.prompt);
    expect(prompts.some((prompt) => JSON.stringify(log).includes(prompt))).toBe(false);
  });

  it('makes no second set, and generates nothing again, when the message is delivered again', async () => {
    // Arrange
    const actor = aRecruiter();
    const message = await queued(actor, skillsRequest());
    const first = await runQuestionGeneration(message, aJob());
    let generated = 0;
    const counting: QuestionGenerator = {
      kind: 'local',
      promptVersion: 'test',
      generate: async () => {
        generated++;
        throw new Error('must not run');
      },
    };

    // Act
    const second = await runQuestionGeneration(message, aJob(), { generator: counting });

    // Assert
    expect(second).toEqual(first);
    expect(generated).toBe(0);
    expect(await liveQuestionsOf(actor.tenantId, first.id)).toHaveLength(6);
    expect(await logsOf(actor.tenantId, first.id)).toHaveLength(1);
  });

  it("generates from a job description's skills, and keeps its text out of the log", async () => {
    // Arrange
    const actor = aRecruiter();
    const jobDescriptionId = await aJobDescription(actor);
    const { skills: _skills, ...rest } = skillsRequest(4);
    const message = await queued(actor, { ...rest, jobDescriptionId, title: 'Questions for Staff Engineer' });

    // Act
    const ref = await runQuestionGeneration(message, aJob());

    // Assert
    const set = toQuestionSet(await loadQuestionSet(actor.tenantId, ref.id, { consistent: true }));
    expect(set).toMatchObject({ source: 'generated_from_jd', jobDescriptionId, questionCount: 4 });
    const tags = (await liveQuestionsOf(actor.tenantId, ref.id)).flatMap(
      (question) => questionContentOf(question).skillTags,
    );
    expect(tags.filter((tag) => tag === 'PostgreSQL').length).toBeGreaterThan(
      tags.filter((tag) => tag === 'Docker').length,
    );
    const [log] = await logsOf(actor.tenantId, ref.id);
    expect(log?.inputLength).toBeGreaterThan(POSTING.length);
    expect(JSON.stringify(log)).not.toContain('Example Corp');
  });

  it('logs a failed run with its error, rethrows it, and makes no set', async () => {
    // Arrange
    const actor = aRecruiter();
    const message = await queued(actor, skillsRequest());
    const failing: QuestionGenerator = {
      kind: 'bedrock',
      model: 'anthropic.claude-test-v1:0',
      promptVersion: 'questions-test',
      generate: async () => {
        throw Object.assign(new Error('Model timed out'), { name: 'TimeoutError' });
      },
    };

    // Act
    const error = await runQuestionGeneration(message, aJob(), { generator: failing }).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect((error as Error).name).toBe('TimeoutError');
    const questionSetId = questionSetIdFor(message.taskId);
    await expect(loadQuestionSet(actor.tenantId, questionSetId, { consistent: true })).rejects.toThrow(/not found/);
    const logs = await logsOf(actor.tenantId, questionSetId);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      status: 'failed',
      extractor: 'bedrock',
      model: 'anthropic.claude-test-v1:0',
      promptVersion: 'questions-test',
      error: { message: 'Model timed out', code: 'TimeoutError' },
    });
    expect(logs[0]?.generation).toBeUndefined();
  });

  it('fails, saying why, when the bank has nothing for the skills', async () => {
    // Arrange
    const actor = aRecruiter();
    const message = await queued(actor, {
      ...skillsRequest(3),
      skills: [{ skill: 'Underwater basket weaving', weight: 1 }],
    });

    // Act
    const error = await runQuestionGeneration(message, aJob()).catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).message).toContain('No questions could be generated for Underwater basket weaving');
    const [log] = await logsOf(actor.tenantId, questionSetIdFor(message.taskId));
    expect(log?.status).toBe('failed');
  });
});

describe('question generation request (DynamoDB Local)', () => {
  it('creates the queued task and sends the message naming it, with the title settled', async () => {
    // Arrange
    const actor = aRecruiter();
    const jobDescriptionId = await aJobDescription(actor);
    const sent: QuestionGenerationMessage[] = [];

    // Act
    const task = await requestQuestionGeneration(
      actor,
      { jobDescriptionId, count: 4, difficultyMix: { easy: 1, medium: 2, hard: 1 } },
      { send: async (message) => void sent.push(message) },
    );

    // Assert
    expect(task).toMatchObject({
      kind: 'question_generation',
      status: 'queued',
      createdBy: actor.userId,
      input: { source: 'job_description', jobDescriptionId, count: 4, title: 'Questions for Staff Engineer' },
    });
    expect(sent).toEqual([
      {
        kind: 'question_generation',
        tenantId: actor.tenantId,
        taskId: task.id,
        actorId: actor.userId,
        request: {
          jobDescriptionId,
          count: 4,
          difficultyMix: { easy: 1, medium: 2, hard: 1 },
          title: 'Questions for Staff Engineer',
        },
      },
    ]);
  });

  it('fails the task at once when its message cannot be sent, and rethrows', async () => {
    // Arrange
    const actor = aRecruiter();
    const jobDescriptionId = await aJobDescription(actor);
    let taskId = '';
    const send = async (message: QuestionGenerationMessage) => {
      taskId = message.taskId;
      throw new Error('SQS unavailable');
    };

    // Act
    const error = await requestQuestionGeneration(
      actor,
      { jobDescriptionId, count: 2, difficultyMix: { easy: 1, medium: 1, hard: 1 } },
      { send },
    ).catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).message).toBe('SQS unavailable');
    expect(await getTask(actor, taskId)).toMatchObject({
      status: 'failed',
      lastError: { code: 'not_queued' },
    });
  });
});
