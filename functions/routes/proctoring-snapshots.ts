import { SnapshotUpload, SnapshotUploadBody } from '@assist-ten/core/proctoring/snapshot.schema';
import { route } from './define.ts';

/** Webcam snapshots: presigned uploads straight to S3. */
export const proctoringSnapshotRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/proctoring/snapshots/upload-url',
    context: 'proctoring',
    auth: { type: 'candidate' },
    summary:
      "An upload slot for one webcam frame of the caller's open session: a presigned POST to S3 (JPEG, PNG or WebP, at most 2 MiB, valid 5 minutes), at most one per the assessment's snapshot interval plus a small burst (429 with Retry-After beyond); 409 when the session is over or the assessment is not proctored",
    request: { body: SnapshotUploadBody },
    response: { status: 201, body: SnapshotUpload, description: 'The snapshot id and where to post the image' },
    unaudited:
      'Snapshots are evidence kept as they arrive, dozens per session, like events; what a reviewer decides about them is audited',
  }),
] as const;
