import { issueSnapshotUpload } from '@assist-ten/core/proctoring/snapshot-upload.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { proctoringSnapshotRoutes } from '../../routes/proctoring-snapshots.ts';

export const snapshotOperations: Operations<(typeof proctoringSnapshotRoutes)[number]> = {
  'POST /api/v1/proctoring/snapshots/upload-url': async ({ principal, body }) => ({
    body: await issueSnapshotUpload(principal, body.contentType),
  }),
};
