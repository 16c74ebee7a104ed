import { getTask, listTasks } from '@assist-ten/core/platform/task.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { taskRoutes } from '../../routes/tasks.ts';

export const taskOperations: Operations<(typeof taskRoutes)[number]> = {
  'GET /api/v1/tasks': async ({ principal, query }) => ({ body: await listTasks(principal, query) }),
  'GET /api/v1/tasks/{id}': async ({ principal, path }) => ({ body: await getTask(principal, path.id) }),
};
