import { requestQuestionGeneration } from '@assist-ten/core/assessments/question-generation';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { questionGenerationRoutes } from '../../routes/question-generation.ts';

export const questionGenerationOperations: Operations<(typeof questionGenerationRoutes)[number]> = {
  'POST /api/v1/recruiter/question-sets/generate': async ({ principal, body }) => {
    const task = await requestQuestionGeneration(principal, body);
    return { body: task, location: `/api/v1/tasks/${task.id}` };
  },
};
