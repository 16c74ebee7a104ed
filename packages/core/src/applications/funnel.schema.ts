import * as z from 'zod/mini';
import { APPLICATION_STAGES } from './application.model.ts';

const share = z.nullable(z.number());

export const Funnel = z.object({
  requisitionId: z.string(),
  stages: z.array(
    z.object({
      stage: z.enum(APPLICATION_STAGES),
      current: z.int(),
      entered: z.int(),
      conversionFromPrevious: share,
      medianHoursInStage: z.nullable(z.number()),
      completedStays: z.int(),
    }),
  ),
  totals: z.object({
    applications: z.int(),
    active: z.int(),
    hired: z.int(),
    rejected: z.int(),
    withdrawn: z.int(),
    hireRate: share,
    medianHoursToHire: z.nullable(z.number()),
  }),
  bucketUpperHours: z.array(z.number()),
});
export type Funnel = z.output<typeof Funnel>;
