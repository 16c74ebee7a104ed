import type { SettingsDocument } from '../identity/settings.model.ts';
import { settingsFor } from '../identity/settings.service.ts';
import { isoNow } from '../shared/clock.ts';
import {
  defaultStore,
  deleteObject,
  deleteVersionsUnder,
  type FileStore,
  headObject,
  readObject,
} from '../shared/file-store.ts';
import { parseObjectKey } from '../shared/files.ts';
import { idPattern } from '../shared/ids.ts';
import type { ObjectCreatedEvent } from '../shared/object-created.ts';
import { transactWrite, update } from '../shared/transaction.ts';
import { evaluateSession } from './evaluation.service.ts';
import { recordEvents } from './event-ingestion.ts';
import { configuredFaceAnalyser, type FaceAnalyser } from './face-analyser.ts';
import { imageSizeVerdict, imageVerdict } from './image-check.ts';
import type { ProctoringEventType } from './proctoring.model.ts';
import { ProctoringSummaryEntity } from './proctoring-summary.entity.ts';
import { SnapshotEntity, type SnapshotItem } from './snapshot.entity.ts';
import { isSnapshotContentType, type SnapshotContentType } from './snapshot.model.ts';
import { tagSnapshotObject } from './snapshot-storage.ts';

export interface SnapshotProcessingOptions {
  /** This delivery of the message: 1 for the first. */
  receiveCount: number;
  /** Deliveries before SQS gives the message to the dead-letter queue: the last one must not throw. */
  maxReceiveCount: number;
  /** Who counts the faces; the one the environment names unless a test passes another. */
  analyser?: FaceAnalyser;
  /** Where the files are; the tenant bucket unless a test names another. */
  store?: FileStore;
}

export type SnapshotOutcome =
  /** Not a snapshot of this bucket, or the object is already gone. */
  | 'ignored'
  /** An object under snapshots/ that no snapshot names: nobody could ever reference it, so it is deleted. */
  | 'stray_deleted'
  /** The snapshot was settled already (a redelivery, a second post): nothing changed. */
  | 'duplicate'
  | 'accepted'
  /** Not an image of the allowed type and size: deleted, and the snapshot says why. */
  | 'rejected'
  /** The last delivery could not read the object: the snapshot is rejected, saying so. */
  | 'failed';

/** What processing did, for the consumer's log: ids, counts and outcome only, nothing personal. */
export interface SnapshotReport {
  key: string;
  outcome: SnapshotOutcome;
  snapshotId?: string;
  testSessionId?: string;
  /** Why it was rejected, as the snapshot says. */
  reason?: string;
  faceCount?: number;
  /** The face event the snapshot raised (no face, several faces). */
  proctoringEventId?: string;
  /** An error of the last delivery (not rethrown: SQS would only dead-letter it). */
  error?: unknown;
}

/** The snapshot was settled by another delivery since this one read it. */
class SupersededError extends Error {}

const loadItem = async (tenantId: string, snapshotId: string): Promise<SnapshotItem | undefined> => {
  const { data } = await SnapshotEntity.get({ tenantId, snapshotId }).go({ consistent: true });
  return data ?? undefined;
};

type Settlement = {
  status: 'accepted' | 'rejected';
  processedAt: string;
  expiresAt: number;
  size?: number;
  objectEtag?: string;
  uploadedAt?: string;
  faceCount?: number;
  rejectedReason?: string;
};

/**
 * Settles a pending snapshot and counts it on the session's summary, in one transaction
 * conditional on it still being pending: of two deliveries racing, one settles it and the
 * other finds it settled, so nothing is counted twice. False when another delivery won.
 */
const settle = async (snapshot: SnapshotItem, settlement: Settlement): Promise<boolean> => {
  const { tenantId, snapshotId, testSessionId } = snapshot;
  try {
    await transactWrite([
      update(
        SnapshotEntity.patch({ tenantId, snapshotId })
          .set(settlement)
          .add({ version: 1 })
          .where(({ status }, { eq }) => eq(status, 'pending'))
          .params(),
        () => new SupersededError(),
      ),
      // Not versioned: an atomic count commutes with evaluation's versioned rewrite of the score.
      update(
        ProctoringSummaryEntity.patch({ tenantId, testSessionId })
          .add(settlement.status === 'accepted' ? { acceptedSnapshots: 1 } : { rejectedSnapshots: 1 })
          .params(),
      ),
    ]);
    return true;
  } catch (error) {
    if (error instanceof SupersededError) return false;
    throw error;
  }
};

/** Runs `work`; on the last delivery its error is handed back instead of thrown. */
const unlessLast = async (last: boolean, work: () => Promise<void>): Promise<unknown> => {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (!last) throw error;
    return error;
  }
};

const faceEventOf = (faceCount: number | undefined): ProctoringEventType | undefined => {
  if (faceCount === undefined || faceCount === 1) return undefined;
  return faceCount === 0 ? 'no_face_detected' : 'multiple_faces_detected';
};

/**
 * The event an accepted snapshot's face count stands for, recorded once (its id derives from
 * the snapshot), and the session evaluated with it. Safe to repeat: a delivery that stopped
 * between the two steps is completed by the next.
 */
const raiseFaceEvent = async (snapshot: SnapshotItem, context: Context): Promise<string | undefined> => {
  const eventType = faceEventOf(snapshot.faceCount);
  if (eventType === undefined || snapshot.uploadedAt === undefined) return undefined;
  const { tenantId, testSessionId, assessmentId, candidateId, snapshotId } = snapshot;
  const [recorded] = await recordEvents(
    { tenantId, testSessionId, assessmentId, candidateId },
    [
      {
        source: 'snapshot',
        clientEventId: `snapshot:${snapshotId}`,
        eventType,
        detectedAt: snapshot.uploadedAt,
        snapshotId,
        metadata: { faceCount: snapshot.faceCount ?? 0 },
      },
    ],
    (await context.proctoring()).thresholds,
  );
  if (!recorded) throw new Error(`The face event of ${snapshotId} was not recorded`);
  await evaluateSession(tenantId, testSessionId, [recorded.proctoringEventId], `snapshot:${snapshotId}`);
  return recorded.proctoringEventId;
};

type Examined =
  | { kind: 'gone' }
  | { kind: 'refused'; reason: string; size: number }
  | { kind: 'image'; bytes: Uint8Array; etag: string; contentType: SnapshotContentType };

/** Size first, from the object's head: an oversized object is not read into memory. */
const examine = async (snapshot: SnapshotItem, store: FileStore): Promise<Examined> => {
  const stored = await headObject(store, snapshot.objectKey);
  if (!stored) return { kind: 'gone' };
  const sized = imageSizeVerdict(stored.size);
  if (!sized.accepted) return { kind: 'refused', reason: sized.reason, size: stored.size };
  const { contentType } = snapshot;
  if (!isSnapshotContentType(contentType)) {
    return { kind: 'refused', reason: `${contentType} is not an image type snapshots take.`, size: stored.size };
  }
  const { bytes, etag } = await readObject(store, snapshot.objectKey);
  const verdict = await imageVerdict(bytes, contentType);
  return verdict.accepted
    ? { kind: 'image', bytes, etag, contentType }
    : { kind: 'refused', reason: verdict.reason, size: bytes.length };
};

/** The event's time, which S3 gives to a second; the server's clock if it cannot be read. */
const uploadTimeOf = (event: ObjectCreatedEvent): string => {
  const time = Date.parse(event.time);
  return Number.isNaN(time) ? isoNow() : new Date(time).toISOString();
};

const retentionEnd = (from: string, days: number): number => Math.floor(Date.parse(from) / 1000) + days * 86_400;

interface Context {
  store: FileStore;
  /** The last delivery: it hands errors back instead of throwing them. */
  last: boolean;
  /** The tenant's proctoring settings, read once and only when needed. */
  proctoring: () => Promise<SettingsDocument['proctoring']>;
}

const reportOf = (snapshot: SnapshotItem, outcome: SnapshotOutcome, extra: Partial<SnapshotReport> = {}) => ({
  key: snapshot.objectKey,
  outcome,
  snapshotId: snapshot.snapshotId,
  testSessionId: snapshot.testSessionId,
  ...(snapshot.rejectedReason === undefined ? {} : { reason: snapshot.rejectedReason }),
  ...(snapshot.faceCount === undefined ? {} : { faceCount: snapshot.faceCount }),
  ...extra,
});

const unquoted = (etag: string): string => etag.replaceAll('"', '');

/**
 * Bytes posted over an accepted snapshot (the presigned POST lives for minutes) were never
 * checked: the slot is erased, every version, and the snapshot rejected, saying why, so no
 * unchecked file is ever served to a reviewer as evidence.
 */
const rejectReplaced = async (snapshot: SnapshotItem, context: Context): Promise<SnapshotReport> => {
  const { tenantId, snapshotId, testSessionId } = snapshot;
  const rejectedReason = 'The image was replaced after it was checked; both were deleted.';
  try {
    await transactWrite([
      update(
        SnapshotEntity.patch({ tenantId, snapshotId })
          .set({ status: 'rejected', rejectedReason, processedAt: isoNow() })
          .add({ version: 1 })
          .where(({ status, version }, { eq }) => `${eq(status, 'accepted')} AND ${eq(version, snapshot.version)}`)
          .params(),
        () => new SupersededError(),
      ),
      update(
        ProctoringSummaryEntity.patch({ tenantId, testSessionId })
          .add({ acceptedSnapshots: -1, rejectedSnapshots: 1 })
          .params(),
      ),
    ]);
  } catch (error) {
    if (!(error instanceof SupersededError)) throw error;
  }
  const error = await unlessLast(context.last, async () => {
    await deleteVersionsUnder(context.store, snapshot.objectKey);
  });
  return reportOf({ ...snapshot, rejectedReason }, 'rejected', error ? { error } : {});
};

/** A snapshot settled before: a rejected slot's new bytes go too; an accepted one's event is made sure of. */
const settledAlready = async (
  snapshot: SnapshotItem,
  event: ObjectCreatedEvent,
  context: Context,
): Promise<SnapshotReport> => {
  const etag = event.detail.object.etag;
  if (snapshot.status === 'accepted' && snapshot.objectEtag && unquoted(etag) !== unquoted(snapshot.objectEtag)) {
    return rejectReplaced(snapshot, context);
  }
  if (snapshot.status === 'rejected') {
    // A second post to a refused slot (the presigned POST lives for minutes): its bytes go too.
    const error = await unlessLast(context.last, () => deleteObject(context.store, snapshot.objectKey));
    return reportOf(snapshot, 'duplicate', error ? { error } : {});
  }
  let proctoringEventId: string | undefined;
  const error = await unlessLast(context.last, async () => {
    proctoringEventId = await raiseFaceEvent(snapshot, context);
  });
  return reportOf(snapshot, 'duplicate', {
    ...(proctoringEventId ? { proctoringEventId } : {}),
    ...(error ? { error } : {}),
  });
};

/** Settles `snapshot`, or, when another delivery settled it first, reports what that one decided. */
const settleOrDefer = async (
  snapshot: SnapshotItem,
  settlement: Settlement,
  event: ObjectCreatedEvent,
  context: Context,
): Promise<SnapshotItem | SnapshotReport> => {
  if (await settle(snapshot, settlement)) return { ...snapshot, ...settlement };
  const current = await loadItem(snapshot.tenantId, snapshot.snapshotId);
  return current ? settledAlready(current, event, context) : reportOf(snapshot, 'duplicate');
};

const isReport = (value: SnapshotItem | SnapshotReport): value is SnapshotReport => 'outcome' in value;

const processPending = async (
  snapshot: SnapshotItem,
  event: ObjectCreatedEvent,
  analyser: FaceAnalyser,
  context: Context,
): Promise<SnapshotReport> => {
  const { store, last } = context;
  const retentionDays = (await context.proctoring()).snapshotRetentionDays;
  const processedAt = isoNow();
  let examined: Examined;
  try {
    examined = await examine(snapshot, store);
  } catch (error) {
    if (!last) throw error;
    const settled = await settleOrDefer(
      snapshot,
      {
        status: 'rejected',
        processedAt,
        expiresAt: retentionEnd(processedAt, retentionDays),
        rejectedReason: 'The image could not be read on any attempt.',
      },
      event,
      context,
    );
    if (isReport(settled)) return settled;
    // Best effort: should it fail too, the table's TTL removal deletes the object in the end.
    await deleteObject(store, snapshot.objectKey).catch(() => undefined);
    return reportOf(settled, 'failed', { error });
  }
  if (examined.kind === 'gone') return reportOf(snapshot, 'ignored');
  if (examined.kind === 'refused') {
    const settled = await settleOrDefer(
      snapshot,
      {
        status: 'rejected',
        processedAt,
        expiresAt: retentionEnd(processedAt, retentionDays),
        size: examined.size,
        rejectedReason: examined.reason,
      },
      event,
      context,
    );
    if (isReport(settled)) return settled;
    // Should the delete fail on the last delivery, the table's TTL removal deletes the object in the end.
    const error = await unlessLast(last, () => deleteObject(store, snapshot.objectKey));
    return reportOf(settled, 'rejected', error ? { error } : {});
  }
  // On the last delivery an image stays evidence without its face count, rather than being lost.
  let faceCount: number | undefined;
  const analysisError = await unlessLast(last, async () => {
    faceCount = (await analyser.analyse(examined.bytes, examined.contentType))?.faceCount;
  });
  const tagError = await unlessLast(last, () => tagSnapshotObject(store, snapshot.objectKey));
  const uploadedAt = uploadTimeOf(event);
  const settled = await settleOrDefer(
    snapshot,
    {
      status: 'accepted',
      processedAt,
      uploadedAt,
      expiresAt: retentionEnd(uploadedAt, retentionDays),
      size: examined.bytes.length,
      objectEtag: examined.etag,
      ...(faceCount === undefined ? {} : { faceCount }),
    },
    event,
    context,
  );
  if (isReport(settled)) return settled;
  let proctoringEventId: string | undefined;
  const eventError = await unlessLast(last, async () => {
    proctoringEventId = await raiseFaceEvent(settled, context);
  });
  const error = analysisError ?? tagError ?? eventError;
  return reportOf(settled, 'accepted', {
    ...(proctoringEventId ? { proctoringEventId } : {}),
    ...(error ? { error } : {}),
  });
};

/**
 * Handles one S3 "Object Created" event of the proctoring queue: checks the frame (size,
 * magic bytes), counts its faces, accepts it (tagged for the bucket's backstop expiry, kept
 * for the tenant's retention) or rejects and deletes it, and turns no face or several faces
 * into an event. Idempotent: a snapshot settled before is left as it is, and its event is
 * recorded at most once.
 */
export const processSnapshotObject = async (
  event: ObjectCreatedEvent,
  options: SnapshotProcessingOptions,
): Promise<SnapshotReport> => {
  const store = options.store ?? defaultStore();
  const key = event.detail.object.key;
  if (event.detail.bucket.name !== store.bucket) return { key, outcome: 'ignored' };
  const parts = parseObjectKey(key);
  const found =
    parts?.kind === 'snapshots' && idPattern('snapshot').test(parts.id)
      ? await loadItem(parts.tenantId, parts.id)
      : undefined;
  if (!found || found.objectKey !== key) {
    if (key.split('/')[2] !== 'snapshots') return { key, outcome: 'ignored' };
    await deleteObject(store, key);
    return { key, outcome: 'stray_deleted' };
  }
  let proctoring: Promise<SettingsDocument['proctoring']> | undefined;
  const context: Context = {
    store,
    last: options.receiveCount >= options.maxReceiveCount,
    proctoring: () => {
      proctoring ??= settingsFor(found.tenantId).then((settings) => settings.proctoring);
      return proctoring;
    },
  };
  if (found.status !== 'pending') return settledAlready(found, event, context);
  return processPending(found, event, options.analyser ?? configuredFaceAnalyser(), context);
};
