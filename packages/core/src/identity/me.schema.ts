import * as z from 'zod/mini';
import { TENANT_PLANS } from './tenant.model.ts';
import { User } from './user.schema.ts';

/** A practice streak as the user sees it today: a streak broken since the last practice reads 0. */
export const PracticeStreakView = z.object({
  currentStreak: z.int(),
  longestStreak: z.int(),
  /** YYYY-MM-DD in the user's time zone; absent until the first completed practice. */
  lastPracticeDate: z.optional(z.string()),
});
export type PracticeStreakView = z.output<typeof PracticeStreakView>;

/** The caller as the frontend needs it at start-up: profile, tenant, and what is switched on. */
export const Me = z.object({
  ...User.shape,
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string(), plan: z.enum(TENANT_PLANS) }),
  featureFlags: z.record(z.string(), z.boolean()),
  practice: PracticeStreakView,
});
export type Me = z.output<typeof Me>;

export { NoFieldsBody } from '../shared/schema.ts';
