import * as z from 'zod/mini';
import { prefixedId } from '../shared/schema.ts';
import { MAX_EVENTS_PER_BATCH } from './proctoring.model.ts';

/**
 * "Evaluate this session again": sent after events arrive or a reviewer decides. Evaluation
 * reads the session's events afresh, so a message delivered twice, or late, changes nothing.
 * The ids name events just written, which it reads with a consistent read (the session's
 * index may not show them yet).
 */
export const EvaluateSessionMessage = z.object({
  kind: z.literal('evaluate_session'),
  tenantId: prefixedId,
  testSessionId: prefixedId,
  eventIds: z.array(prefixedId).check(z.maxLength(MAX_EVENTS_PER_BATCH)),
});
export type EvaluateSessionMessage = z.output<typeof EvaluateSessionMessage>;
