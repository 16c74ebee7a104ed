import * as z from 'zod/mini';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  stage: z.string(),
});
