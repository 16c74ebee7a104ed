import type { ApplicationItem } from './application.entity.ts';
import { allowedNextStages } from './application.policy.ts';
import { Application } from './application.schema.ts';

/** What the API shows: the item without tenant, keys or funnel bookkeeping, `applicationId` as `id`. */
export const toApplication = ({ applicationId, ...item }: ApplicationItem): Application =>
  Application.parse({ id: applicationId, ...item, allowedNextStages: allowedNextStages(item.stage) });

/**
 * What the audit trail keeps of an application: ids, stage and dates, never free text
 * (reasons, notes), which may say things about the person and must not outlive an erasure.
 */
export const auditView = (item: Partial<ApplicationItem>) => ({
  candidateId: item.candidateId,
  requisitionId: item.requisitionId,
  assessmentId: item.assessmentId,
  stage: item.stage,
  rejectionCode: item.rejectionReason?.code,
  source: item.source,
  hiredAt: item.hiredAt,
  closedAt: item.closedAt,
  isActive: item.isActive,
});
