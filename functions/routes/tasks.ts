import { ListTasksQuery, Task, TaskPage, TaskPath } from '@assist-ten/core/platform/task.schema';
import { STAFF_ROLES } from '@assist-ten/core/shared/principal';
import { route } from './define.ts';

const TASKS = '/api/v1/tasks';
const everyone = { type: 'staff', roles: STAFF_ROLES } as const;

export const taskRoutes = [
  route({
    method: 'GET',
    path: TASKS,
    context: 'platform',
    auth: everyone,
    summary: 'List background tasks, newest first: my own, or every task of the tenant for admins (mine=true: my own)',
    request: { query: ListTasksQuery },
    response: { status: 200, body: TaskPage, description: 'One page of tasks' },
  }),
  route({
    method: 'GET',
    path: `${TASKS}/{id}`,
    context: 'platform',
    auth: everyone,
    summary: 'Get a background task: its status, progress, last error and result (poll it while it runs)',
    request: { path: TaskPath },
    response: { status: 200, body: Task, description: 'The task' },
    versioned: true,
    resource: 'task',
  }),
] as const;
