import { BulkInvitationMessage } from '@assist-ten/core/assessments/invitation.schema';
import { runBulkInvitations } from '@assist-ten/core/assessments/invitation.service';
import { runQuestionGeneration } from '@assist-ten/core/assessments/question-generation.run';
import { QuestionGenerationMessage } from '@assist-ten/core/assessments/question-generation.schema';
import { runCandidateExport } from '@assist-ten/core/candidates/candidate.export';
import { ExportMessage } from '@assist-ten/core/candidates/candidate.export.schema';
import { WorkEvent } from '@assist-ten/core/events/catalogue';
import { isMatchingEvent, rematchFor } from '@assist-ten/core/matching/work';
import { scoreSession } from '@assist-ten/core/test-sessions/session-scoring';
import { logger } from '@assist-ten/lambda-kit/logger';
import { createSqsHandler } from '@assist-ten/lambda-kit/sqs/consumer';
import { runTask } from '@assist-ten/lambda-kit/sqs/task-runner';
import * as z from 'zod/mini';

const runExport = runTask({
  queue: 'tasks',
  taskOf: (message: ExportMessage) => message,
  run: (message) => runCandidateExport(message),
});

const runInvitations = runTask({
  queue: 'tasks',
  taskOf: (message: BulkInvitationMessage) => message,
  run: async (message, job) => {
    const counts = await runBulkInvitations(message, job.progress);
    logger.info('Bulk invitations done', { taskId: message.taskId, ...counts });
    return { type: 'assessment', id: message.assessmentId };
  },
});

const runGeneration = runTask({
  queue: 'tasks',
  taskOf: (message: QuestionGenerationMessage) => message,
  run: (message, job) => runQuestionGeneration(message, job),
});

const doWork = async (event: WorkEvent): Promise<void> => {
  if (isMatchingEvent(event)) {
    const scored = await rematchFor(event);
    logger.info('Work event done', { eventType: event.type, eventId: event.eventId, scored });
    return;
  }
  const result = await scoreSession(event.tenantId, event.payload.testSessionId, {
    requestId: `event:${event.eventId}`,
  });
  logger.info('Test session scored', {
    eventId: event.eventId,
    testSessionId: event.payload.testSessionId,
    scored: result !== undefined,
  });
};

/**
 * Drains the tasks queue: background work nobody waits for in a request. A message is
 * either a background task a request created (it names its task) or a domain event the
 * relay routed here (EVENT_QUEUES): work the system does on a change, e.g. scoring matches
 * or a submitted test session.
 */
export const handler = createSqsHandler({
  queue: 'tasks',
  schema: z.union([WorkEvent, ExportMessage, BulkInvitationMessage, QuestionGenerationMessage]),
  process: async (message, record) => {
    if ('eventId' in message) return doWork(message);
    if ('kind' in message && message.kind === 'bulk_invitations') return runInvitations(message, record);
    if ('kind' in message && message.kind === 'question_generation') return runGeneration(message, record);
    await runExport(message, record);
  },
});
