import { sendQueueMessage } from '../shared/queue-message.ts';

/**
 * Sends a background task's message to the tasks queue (TASKS_QUEUE_URL). The producer creates
 * the task first, in the transaction of its change, and sends the message (naming the task) after.
 */
export const sendTaskMessage = (message: object): Promise<void> => sendQueueMessage('tasks', message);
