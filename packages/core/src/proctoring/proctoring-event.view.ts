import type { ProctoringEventItem } from './proctoring-event.entity.ts';
import { ProctoringEvent, type ProctoringEvent as ProctoringEventView } from './proctoring-event.schema.ts';

/** An event as reviewers see it: absent optional facts are null, so every event has the same shape. */
export const toProctoringEvent = (item: ProctoringEventItem): ProctoringEventView =>
  ProctoringEvent.parse({
    ...item,
    durationSeconds: item.durationSeconds ?? null,
    snapshotId: item.snapshotId ?? null,
    metadata: item.metadata ?? {},
    reviewedBy: item.reviewedBy ?? null,
    reviewedAt: item.reviewedAt ?? null,
    reviewNotes: item.reviewNotes ?? null,
    evaluatedAt: item.evaluatedAt ?? null,
  });
