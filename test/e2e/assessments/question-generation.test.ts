import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createJobDescription } from '../../support/fixtures/job-descriptions.ts';
import { GENERATE } from '../../support/fixtures/question-generation.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';
import { eventually } from '../../support/queues.ts';
import { unique } from '../../support/users.ts';

const SETS = '/api/v1/recruiter/question-sets';
const recruiter = () => tokenFor(HOME.recruiter);

/** Polls the task as the frontend does, until it finished; returns it as last read. */
const finishedTask = async (taskId: string) => {
  const token = await recruiter();
  let task: { status: string; resultRef?: { type: string; id: string }; lastError?: unknown } = { status: 'queued' };
  await eventually(
    async () => {
      const response = await call('GET', `/api/v1/tasks/${taskId}`, { token });
      task = response.body;
      return task.status === 'succeeded' || task.status === 'failed';
    },
    `question generation task ${taskId} to finish`,
    45_000,
  );
  return task;
};

describe('question generation over HTTP', () => {
  it('answers 202 with the queued task and where to follow it', async () => {
    // Act
    const response = await call('POST', GENERATE, {
      token: await recruiter(),
      body: { skills: [{ skill: 'ts' }, { skill: 'PostgreSQL', weight: 2 }], count: 3 },
    });

    // Assert
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      kind: 'question_generation',
      progress: { done: 0 },
      input: {
        source: 'skills',
        skills: 'TypeScript, PostgreSQL',
        count: 3,
        title: 'TypeScript, PostgreSQL questions',
      },
      version: 1,
    });
    expect(response.body.id).toMatch(/^task_[0-9A-Z]{26}$/);
    expect(response.headers.get('location')).toBe(`/api/v1/tasks/${response.body.id}`);
  });

  it('makes the set in the background: the task succeeds and names it, and the set holds the questions', {
    timeout: 60_000,
  }, async () => {
    // Arrange
    const title = unique('Screening');
    const accepted = await call('POST', GENERATE, {
      token: await recruiter(),
      body: { skills: [{ skill: 'TypeScript' }, { skill: 'React' }], count: 5, title },
    });
    expect(accepted.status).toBe(202);

    // Act
    const task = await finishedTask(accepted.body.id);

    // Assert
    expect(task).toMatchObject({ status: 'succeeded', resultRef: { type: 'question_set' } });
    const setId = task.resultRef?.id;
    const set = await call('GET', `${SETS}/${setId}`, { token: await recruiter() });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ title, source: 'generated_from_skills', questionCount: 5 });
    const questions = await call('GET', `${SETS}/${setId}/questions`, { token: await recruiter() });
    expect(questions.body.items).toHaveLength(5);
  });

  it("generates from a job description's skills", { timeout: 60_000 }, async () => {
    // Arrange
    const { id: jobDescriptionId } = await createJobDescription();
    const accepted = await call('POST', GENERATE, {
      token: await recruiter(),
      body: { jobDescriptionId, count: 4 },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body.input).toMatchObject({ source: 'job_description', jobDescriptionId });

    // Act
    const task = await finishedTask(accepted.body.id);

    // Assert
    expect(task.status).toBe('succeeded');
    const set = await call('GET', `${SETS}/${task.resultRef?.id}`, { token: await recruiter() });
    expect(set.body).toMatchObject({
      source: 'generated_from_jd',
      jobDescriptionId,
      title: 'Questions for Senior Backend Engineer',
      questionCount: 4,
    });
  });

  it('returns the first task again for a repeated Idempotency-Key', async () => {
    // Arrange
    const headers = { 'idempotency-key': unique('generate') };
    const body = { skills: [{ skill: 'Go' }], count: 2 };

    // Act
    const first = await call('POST', GENERATE, { token: await recruiter(), body, headers });
    const second = await call('POST', GENERATE, { token: await recruiter(), body, headers });

    // Assert
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('names every skill the taxonomy does not know, and queues nothing', async () => {
    // Act
    const response = await call('POST', GENERATE, {
      token: await recruiter(),
      body: { skills: [{ skill: 'TypeScript' }, { skill: 'Underwater basket weaving' }, { skill: 'Klingon' }] },
    });

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'skills.1.skill',
      'skills.2.skill',
    ]);
  });

  it('refuses a body with both skills and a job description, naming the field', async () => {
    // Act
    const response = await call('POST', GENERATE, {
      token: await recruiter(),
      body: { jobDescriptionId: 'jd_01JABCDEFGHJKMNPQRSTVWXYZ0', skills: [{ skill: 'Go' }] },
    });

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['jobDescriptionId']);
  });

  it("treats another tenant's job description as unknown", async () => {
    // Arrange
    const { id } = await createJobDescription(undefined, OTHER.recruiter);

    // Act
    const response = await call('POST', GENERATE, { token: await recruiter(), body: { jobDescriptionId: id } });

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'jobDescriptionId' })]);
    expect(JSON.stringify(response.body)).not.toContain('Senior Backend Engineer');
  });

  it('answers 409 for a job description without skills yet', async () => {
    // Arrange
    const { id } = await createJobDescription({ title: 'Awaiting its document' });

    // Act
    const response = await call('POST', GENERATE, { token: await recruiter(), body: { jobDescriptionId: id } });

    // Assert
    expect(response.status).toBe(409);
    expect(response.body.detail).toContain('has no skills yet');
  });

  it('is refused to an interviewer', async () => {
    // Act
    const response = await call('POST', GENERATE, {
      token: await tokenFor(HOME.interviewer),
      body: { skills: [{ skill: 'Go' }] },
    });

    // Assert
    expect(response.status).toBe(403);
  });
});
