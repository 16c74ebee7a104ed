import * as z from 'zod/mini';
import { PROCTORING_SEVERITIES, VERDICTS } from './proctoring.model.ts';
import type { ProctoringSummaryItem } from './proctoring-summary.entity.ts';

/** What a session's result page shows of its proctoring; the review page has the evidence. */
export const ProctoringBrief = z.object({
  integrityScore: z.number(),
  flagged: z.boolean(),
  countedEventCount: z.int(),
  severityCounts: z.object(
    Object.fromEntries(PROCTORING_SEVERITIES.map((severity) => [severity, z.int()])) as {
      [S in (typeof PROCTORING_SEVERITIES)[number]]: z.ZodMiniInt;
    },
  ),
  verdict: z.nullable(z.enum(VERDICTS)),
  appealed: z.boolean(),
  evaluatedAt: z.nullable(z.string()),
});
export type ProctoringBrief = z.output<typeof ProctoringBrief>;

export const toProctoringBrief = (summary: ProctoringSummaryItem): ProctoringBrief => ({
  integrityScore: summary.integrityScore,
  flagged: summary.flagged,
  countedEventCount: summary.countedEventCount,
  severityCounts: summary.severityCounts,
  verdict: summary.verdict ?? null,
  appealed: summary.appealedAt !== undefined,
  evaluatedAt: summary.evaluatedAt ?? null,
});
