import {
  addQuestion,
  deleteQuestion,
  getQuestion,
  listQuestions,
  reorderQuestions,
  updateQuestion,
} from '@assist-ten/core/assessments/question.service';
import {
  archiveQuestionSet,
  createQuestionSet,
  getQuestionSet,
  listQuestionSets,
  updateQuestionSet,
} from '@assist-ten/core/assessments/question-set.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { questionSetRoutes } from '../../routes/question-sets.ts';

const SETS = '/api/v1/recruiter/question-sets';

export const questionSetOperations: Operations<(typeof questionSetRoutes)[number]> = {
  'POST /api/v1/recruiter/question-sets': async ({ principal, body }) => {
    const set = await createQuestionSet(principal, body);
    return { body: set, location: `${SETS}/${set.id}` };
  },
  'GET /api/v1/recruiter/question-sets': async ({ principal, query }) => ({
    body: await listQuestionSets(principal, query),
  }),
  'GET /api/v1/recruiter/question-sets/{id}': async ({ principal, path }) => ({
    body: await getQuestionSet(principal, path.id),
  }),
  'PATCH /api/v1/recruiter/question-sets/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateQuestionSet(principal, path.id, body, ifMatch),
  }),
  'DELETE /api/v1/recruiter/question-sets/{id}': async ({ principal, path }) => {
    await archiveQuestionSet(principal, path.id);
    return {};
  },
  'POST /api/v1/recruiter/question-sets/{id}/questions': async ({ principal, path, body }) => {
    const question = await addQuestion(principal, path.id, body);
    return { body: question, location: `${SETS}/${path.id}/questions/${question.id}` };
  },
  'GET /api/v1/recruiter/question-sets/{id}/questions': async ({ principal, path, query }) => ({
    body: await listQuestions(principal, path.id, query),
  }),
  'PUT /api/v1/recruiter/question-sets/{id}/questions/order': async ({ principal, path, body, ifMatch }) => ({
    body: await reorderQuestions(principal, path.id, body, ifMatch),
  }),
  'GET /api/v1/recruiter/question-sets/{id}/questions/{questionId}': async ({ principal, path }) => ({
    body: await getQuestion(principal, path.id, path.questionId),
  }),
  'PATCH /api/v1/recruiter/question-sets/{id}/questions/{questionId}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateQuestion(principal, path.id, path.questionId, body, ifMatch),
  }),
  'DELETE /api/v1/recruiter/question-sets/{id}/questions/{questionId}': async ({ principal, path }) => {
    await deleteQuestion(principal, path.id, path.questionId);
    return {};
  },
};
