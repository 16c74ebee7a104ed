import { assertAssessmentManager, loadAssessment } from '../assessments/assessment.service.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { candidateNamesOf } from './candidate-names.ts';
import type { ListResults, SessionResultRow } from './results.schema.ts';
import { toResultRow } from './session-detail.view.ts';
import { TestSessionEntity } from './test-session.entity.ts';

/**
 * An assessment's scored sessions, best first (the ranking index, ascending rank key): equal
 * percentages in the order the sessions started. Another tenant's assessment is a 404.
 */
export const listAssessmentResults = async (
  actor: Principal,
  assessmentId: string,
  input: ListResults,
): Promise<Page<SessionResultRow>> => {
  assertAssessmentManager(actor);
  const { tenantId } = actor;
  await loadAssessment(tenantId, assessmentId);
  const page = await pageOf(
    TestSessionEntity.query.ranking({ tenantId, scopeId: assessmentId }),
    'gsi2pk',
    { ...input, order: 'asc' },
    (session) => session,
  );
  const names = await candidateNamesOf(
    tenantId,
    page.items.map((session) => session.ownerId),
  );
  return {
    items: page.items.map((session) => toResultRow(session, names.get(session.ownerId))),
    nextCursor: page.nextCursor,
  };
};
