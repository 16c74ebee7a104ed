import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createTaskAs } from '../../support/fixtures/tasks.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';
import { whoIs } from '../../support/whoami.ts';

const TASKS = '/api/v1/tasks';

// Loaded after the stack environment points the SDK at DynamoDB Local: the worker's side.
const { beginAttempt, reportProgress } = await import('@assist-ten/core/platform/task.service');

/** A task of `email`'s, moved to running as its worker would. */
const runningTaskOf = async (email: string): Promise<string> => {
  const { id } = await createTaskAs(email);
  await beginAttempt((await whoIs(email)).tenantId, id);
  return id;
};

/** Reads every page of a list with `limit`, up to `maxPages`, as the frontend follows nextCursor. */
const allPages = async (email: string, query: string, limit: number, maxPages = 100) => {
  const token = await tokenFor(email);
  const pages: { id: string; status: string; createdBy: string }[][] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await call('GET', `${TASKS}?${query}&limit=${limit}${suffix}`, { token });
    expect(response.status).toBe(200);
    pages.push(response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor && pages.length < maxPages);
  return pages;
};

describe('background tasks over HTTP', () => {
  it('shows its creator a task with its progress, percent and ETag, and nothing of the keys or tenant', async () => {
    // Arrange
    const id = await runningTaskOf(HOME.recruiter);
    await reportProgress((await whoIs(HOME.recruiter)).tenantId, id, 1, 4);

    // Act
    const response = await call('GET', `${TASKS}/${id}`, { token: await tokenFor(HOME.recruiter) });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id,
      kind: 'data_export',
      status: 'running',
      attempts: 1,
      progress: { done: 1, total: 4, percent: 25 },
      input: { format: 'csv', rows: 120 },
      createdBy: (await whoIs(HOME.recruiter)).userId,
      version: 3,
    });
    expect(response.body.startedAt).toEqual(expect.any(String));
    expect(response.headers.get('etag')).toBe('"3"');
    expect(
      Object.keys(response.body).filter((key) =>
        /^(pk|sk|gsi\d+(pk|sk)|tenantId|taskId|expiresAt|__edb_\w+)$/.test(key),
      ),
    ).toEqual([]);
  });

  it('lists my tasks of one status, newest first, over cursor pages', async () => {
    // Arrange
    const older = await runningTaskOf(HOME.recruiter);
    const newer = await runningTaskOf(HOME.recruiter);
    const queued = (await createTaskAs(HOME.recruiter)).id;

    // Act
    const pages = await allPages(HOME.recruiter, 'status=running&mine=true', 1);

    // Assert
    const ids = pages.flat().map((task) => task.id);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((page) => page.length <= 1)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages.flat().every((task) => task.status === 'running')).toBe(true);
    expect(ids).not.toContain(queued);
    expect(ids.indexOf(newer)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
  });

  it("refuses a cursor of another list with 400 instead of reading someone else's partition", async () => {
    // Arrange
    await createTaskAs(HOME.admin);
    await createTaskAs(HOME.admin);
    const token = await tokenFor(HOME.admin);
    const allOfTenant = await call('GET', `${TASKS}?limit=1`, { token });

    // Act
    const reused = await call('GET', `${TASKS}?mine=true&limit=1&cursor=${allOfTenant.body.nextCursor}`, { token });

    // Assert
    expect(allOfTenant.body.nextCursor).toEqual(expect.any(String));
    expect(reused.status).toBe(400);
    expect(reused.body.errors[0]).toMatchObject({ field: 'cursor', code: 'invalid_cursor' });
  });

  it("shows an admin a recruiter's task, in the tenant's list but not in the admin's own", async () => {
    // Arrange
    const id = await runningTaskOf(HOME.recruiter);
    const token = await tokenFor(HOME.admin);

    // Act
    const read = await call('GET', `${TASKS}/${id}`, { token });
    const tenantRunning = await call('GET', `${TASKS}?status=running&limit=100`, { token });
    const mine = await call('GET', `${TASKS}?mine=true&limit=100`, { token });

    // Assert
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(id);
    expect(tenantRunning.body.items.map((task: { id: string }) => task.id)).toContain(id);
    expect(mine.body.items.map((task: { id: string }) => task.id)).not.toContain(id);
  });

  it("answers 404 to an interviewer of the same tenant for a recruiter's task, and leaves it out of their list", async () => {
    // Arrange
    const id = (await createTaskAs(HOME.recruiter)).id;
    const token = await tokenFor(HOME.interviewer);

    // Act
    const read = await call('GET', `${TASKS}/${id}`, { token });
    const listed = await call('GET', `${TASKS}?mine=false&limit=100`, { token });

    // Assert
    expect(read.status).toBe(404);
    expect(read.headers.get('content-type')).toBe('application/problem+json');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((task: { id: string }) => task.id)).not.toContain(id);
  });

  it.each([
    ['recruiter', OTHER.recruiter],
    ['admin', OTHER.admin],
  ])("answers 404 to another tenant's %s, who never sees the task listed", async (_, email) => {
    // Arrange
    const id = (await createTaskAs(HOME.recruiter)).id;
    const token = await tokenFor(email);

    // Act
    const read = await call('GET', `${TASKS}/${id}`, { token });
    const listed = await call('GET', `${TASKS}?limit=100`, { token });

    // Assert
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain((await whoIs(HOME.recruiter)).userId);
    expect(listed.body.items.map((task: { id: string }) => task.id)).not.toContain(id);
  });

  it.each([
    ['an id of another kind', `${TASKS}/req_01JDEM0000000000000000000A`],
    ['an unknown status', `${TASKS}?status=paused`],
    ['a limit above 100', `${TASKS}?limit=101`],
  ])('refuses %s with 400', async (_, path) => {
    // Act
    const response = await call('GET', path, { token: await tokenFor(HOME.recruiter) });

    // Assert
    expect(response.status).toBe(400);
  });
});
