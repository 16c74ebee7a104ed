import { chunked } from '../shared/chunked.ts';
import { deleteVersionsUnder, type FileStore } from '../shared/file-store.ts';
import { objectKey } from '../shared/files.ts';
import { TestSessionEntity } from '../test-sessions/test-session.entity.ts';
import { ProctoringEventEntity } from './proctoring-event.entity.ts';
import { ProctoringSummaryEntity } from './proctoring-summary.entity.ts';
import { SnapshotEntity } from './snapshot.entity.ts';

/** BatchWriteItem's limit. */
const DELETES_PER_BATCH = 25;

export interface ProctoringErased {
  /** Snapshot images (every version) and their items. */
  snapshots: number;
  proctoringEvents: number;
  /** Summaries: scores, verdicts and the candidate's appeals in their own words. */
  proctoringSummaries: number;
}

const deleteAll = async <Key extends object>(keys: readonly Key[], remove: (batch: Key[]) => Promise<unknown>) => {
  for (const batch of chunked(keys, DELETES_PER_BATCH)) await remove(batch);
  return keys.length;
};

/**
 * A candidate's proctoring record, for their erasure: the images of their face first (by
 * prefix, so a retry finds what a crash left), then the snapshots, events and summaries of
 * every session they sat. The sessions themselves stay, as the assessment's results do.
 */
export const eraseProctoringOf = async (
  tenantId: string,
  candidateId: string,
  store: FileStore,
): Promise<ProctoringErased> => {
  const { data: sessions } = await TestSessionEntity.query
    .byOwner({ tenantId, ownerId: candidateId })
    .go({ pages: 'all', attributes: ['testSessionId'] });
  const erased: ProctoringErased = { snapshots: 0, proctoringEvents: 0, proctoringSummaries: 0 };
  for (const { testSessionId } of sessions) {
    await deleteVersionsUnder(store, objectKey(tenantId, 'snapshots', testSessionId, ''));
    const [{ data: snapshots }, { data: events }, { data: summary }] = await Promise.all([
      SnapshotEntity.query.bySession({ tenantId, testSessionId }).go({ pages: 'all', attributes: ['snapshotId'] }),
      ProctoringEventEntity.query
        .bySession({ tenantId, testSessionId })
        .go({ pages: 'all', attributes: ['proctoringEventId'] }),
      ProctoringSummaryEntity.get({ tenantId, testSessionId }).go(),
    ]);
    erased.snapshots += await deleteAll(
      snapshots.map(({ snapshotId }) => ({ tenantId, snapshotId })),
      (batch) => SnapshotEntity.delete(batch).go(),
    );
    erased.proctoringEvents += await deleteAll(
      events.map(({ proctoringEventId }) => ({ tenantId, proctoringEventId })),
      (batch) => ProctoringEventEntity.delete(batch).go(),
    );
    if (summary) {
      await ProctoringSummaryEntity.delete({ tenantId, testSessionId }).go();
      erased.proctoringSummaries += 1;
    }
  }
  return erased;
};
