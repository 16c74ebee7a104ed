import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { requestEvaluation } from './event-ingestion.ts';
import { NOT_QUEUED } from './proctoring.model.ts';
import { assertProctoringReviewer } from './proctoring.policy.ts';
import { ProctoringEventEntity, type ProctoringEventItem } from './proctoring-event.entity.ts';
import type { ProctoringEvent } from './proctoring-event.schema.ts';
import { toProctoringEvent } from './proctoring-event.view.ts';
import type { ReviewEvent } from './review.schema.ts';

/** Another tenant's event is not found either: the key holds the caller's tenant. */
const loadEvent = async (tenantId: string, id: string, consistent = false): Promise<ProctoringEventItem> => {
  const { data } = await ProctoringEventEntity.get({ tenantId, proctoringEventId: id }).go({ consistent });
  if (!data) throw new NotFoundError(`Proctoring event ${id} was not found.`);
  return data;
};

export const getProctoringEvent = async (actor: Principal, id: string): Promise<ProctoringEvent> => {
  assertProctoringReviewer(actor);
  return toProctoringEvent(await loadEvent(actor.tenantId, id));
};

/** What the trail keeps of a decision: who and what, and whether notes were written, never the notes. */
const decisionOf = (event: Pick<ProctoringEventItem, 'reviewStatus' | 'reviewedBy' | 'reviewNotes'>) => ({
  reviewStatus: event.reviewStatus,
  reviewedBy: event.reviewedBy,
  hasNotes: event.reviewNotes !== undefined,
});

/**
 * A reviewer's decision on one event, If-Match honoured: the event leaves the review queue
 * (whatever the decision, a person has looked at it), and the session is evaluated again, so
 * a dismissed event stops lowering the integrity score. A decision may be changed later; each
 * change is audited. Notes belong to their decision: a new decision without notes drops the old.
 */
export const reviewEvent = async (
  actor: Principal,
  id: string,
  input: ReviewEvent,
  expectedVersion?: number,
): Promise<ProctoringEvent> => {
  assertProctoringReviewer(actor);
  const { tenantId } = actor;
  const reviewed = await writeVersioned(expectedVersion, {
    label: `Proctoring event ${id}`,
    load: () => loadEvent(tenantId, id, true),
    decide: (current) => {
      const set = {
        reviewStatus: input.decision,
        reviewedBy: actor.userId,
        reviewedAt: isoNow(),
        reviewQueue: NOT_QUEUED,
        ...(input.notes === undefined ? {} : { reviewNotes: input.notes }),
      };
      const remove = input.notes === undefined && current.reviewNotes !== undefined ? ['reviewNotes'] : [];
      return [
        versionedPatch(
          ProctoringEventEntity.patch({ tenantId, proctoringEventId: id })
            .set(set)
            // Both indexes the decision moves the event in are rebuilt from the composites it keeps.
            .composite({
              severity: current.severity,
              severityRank: current.severityRank,
              detectedAt: current.detectedAt,
            }),
          current.version,
          remove,
        ),
        auditWrite(actor, {
          action: 'proctoring_event.reviewed',
          entityType: 'proctoring_event',
          entityId: id,
          before: decisionOf(current),
          after: decisionOf({ reviewStatus: input.decision, reviewedBy: actor.userId, reviewNotes: input.notes }),
        }),
      ];
    },
  });
  await requestEvaluation(reviewed, []);
  return toProctoringEvent(await loadEvent(tenantId, id, true));
};
