import type { Principal } from '../shared/principal.ts';
import { assertScorecardReader } from './feedback.policy.ts';
import { assertApplicationExists, feedbackOfApplication, interviewsOfApplication } from './feedback.reads.ts';
import type { Scorecard } from './feedback.schema.ts';
import { consolidate } from './scorecard.ts';

/** An application's consolidated scorecard as the caller may see it, from every interview and feedback it has now. */
export const getScorecard = async (actor: Principal, applicationId: string): Promise<Scorecard> => {
  assertScorecardReader(actor);
  const [, interviews, feedback] = await Promise.all([
    assertApplicationExists(actor.tenantId, applicationId),
    interviewsOfApplication(actor.tenantId, applicationId),
    feedbackOfApplication(actor.tenantId, applicationId),
  ]);
  return consolidate(applicationId, actor.userId, interviews, feedback);
};
