import { GenerateQuestionsBody } from '@assist-ten/core/assessments/question-generation.schema';
import { Task } from '@assist-ten/core/platform/task.schema';
import { route } from './define.ts';

const authors = { type: 'staff', roles: ['recruiter', 'admin'] } as const;

export const questionGenerationRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/recruiter/question-sets/generate',
    context: 'assessments',
    auth: authors,
    summary:
      "Generate a question set from a job description's skills or from a list of skills, in the background: follow the task (Location) until its result names the new set",
    request: { body: GenerateQuestionsBody },
    response: { status: 202, body: Task, description: 'The queued question_generation task' },
    idempotent: true,
    versioned: true,
  }),
] as const;
