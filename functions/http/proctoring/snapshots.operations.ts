import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { proctoringSnapshotRoutes } from '../../routes/proctoring-snapshots.ts';

export const snapshotOperations: Operations<(typeof proctoringSnapshotRoutes)[number]> = {};
