import * as z from 'zod/mini';

export const MIN_APPEAL_LENGTH = 20;
export const MAX_APPEAL_LENGTH = 4000;

/** The candidate's own account of what the evidence shows, in their words. */
export const AppealBody = z.strictObject({
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(MIN_APPEAL_LENGTH, `At least ${MIN_APPEAL_LENGTH} characters: say what happened`),
      z.maxLength(MAX_APPEAL_LENGTH),
    ),
});
export type AppealRequest = z.output<typeof AppealBody>;

export const AppealReceipt = z.object({
  testSessionId: z.string(),
  appealedAt: z.string(),
});
export type AppealReceipt = z.output<typeof AppealReceipt>;
