import { ListTasksQuery, Task, TaskInputSummary, TaskPath, TaskResultRef } from '@assist-ten/core/platform/task.schema';
import { newId } from '@assist-ten/core/shared/ids';
import { describe, expect, it } from 'vitest';

describe('ListTasksQuery', () => {
  it('reads status, mine and the page from the query string', () => {
    // Act
    const parsed = ListTasksQuery.parse({ status: 'running', mine: 'true', limit: '10', cursor: 'abc' });

    // Assert
    expect(parsed).toEqual({ status: 'running', mine: true, limit: 10, cursor: 'abc' });
  });

  it('defaults the limit to 25 and leaves the filters out', () => {
    // Act
    const parsed = ListTasksQuery.parse({});

    // Assert
    expect(parsed).toEqual({ limit: 25 });
  });

  it.each([
    ['an unknown status', { status: 'paused' }],
    ['a mine that is not a boolean', { mine: 'yes' }],
    ['a limit above 100', { limit: '101' }],
    ['a limit of 0', { limit: '0' }],
    ['an unknown parameter', { createdBy: 'usr_1' }],
  ])('refuses %s', (_, query) => {
    // Act
    const result = ListTasksQuery.safeParse(query);

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('TaskPath', () => {
  it('takes a task id', () => {
    // Arrange
    const id = newId('task');

    // Act
    const result = TaskPath.safeParse({ id });

    // Assert
    expect(result.success).toBe(true);
  });

  it('refuses an id of another kind', () => {
    // Act
    const result = TaskPath.safeParse({ id: newId('requisition') });

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('TaskInputSummary', () => {
  it('keeps a small flat summary of texts, numbers and booleans', () => {
    // Arrange
    const summary = { format: 'csv', rows: 120, includeArchived: false };

    // Act
    const parsed = TaskInputSummary.parse(summary);

    // Assert
    expect(parsed).toEqual(summary);
  });

  it.each([
    ['more than 10 fields', Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`field${index}`, index]))],
    ['a text longer than 200 characters', { note: 'x'.repeat(201) }],
    ['a nested object', { filter: { status: 'open' } }],
    ['a field name that is not camelCase', { 'the-format': 'csv' }],
  ])('refuses %s', (_, summary) => {
    // Act
    const result = TaskInputSummary.safeParse(summary);

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('TaskResultRef', () => {
  it.each([
    ['an object of the API', { type: 'document', id: 'doc_1' }],
    ['a file', { type: 'file', key: 'tenant/tnt_1/exports/task_1.csv' }],
  ])('accepts %s', (_, ref) => {
    // Act
    const result = TaskResultRef.safeParse(ref);

    // Assert
    expect(result.success).toBe(true);
  });

  it.each([
    ['a file without its key', { type: 'file', id: 'doc_1' }],
    ['an object without its id', { type: 'document' }],
    ['a type that is not a resource name', { type: 'Document!', id: 'doc_1' }],
    ['an extra field', { type: 'document', id: 'doc_1', url: 'https://example.test' }],
  ])('refuses %s', (_, ref) => {
    // Act
    const result = TaskResultRef.safeParse(ref);

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('Task', () => {
  it('drops the tenant and key attributes of a stored item', () => {
    // Arrange
    const item = {
      id: 'task_1',
      tenantId: 'tnt_demo',
      pk: 'secret-pk',
      gsi1pk: 'secret-gsi',
      kind: 'data_export',
      status: 'queued',
      progress: { done: 0 },
      attempts: 0,
      createdBy: 'usr_1',
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
      version: 1,
    };

    // Act
    const view = Task.parse(item);

    // Assert
    expect(Object.keys(view).sort()).toEqual(
      ['attempts', 'createdAt', 'createdBy', 'id', 'kind', 'progress', 'status', 'updatedAt', 'version'].sort(),
    );
  });
});
