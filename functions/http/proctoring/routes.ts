import { proctoringEventRoutes } from '../../routes/proctoring-events.ts';
import { proctoringReviewRoutes } from '../../routes/proctoring-review.ts';
import { proctoringSnapshotRoutes } from '../../routes/proctoring-snapshots.ts';

/** The routes the proctoring function serves: the test page's events and snapshots, review, appeals. */
export const proctoringContextRoutes = [
  ...proctoringEventRoutes,
  ...proctoringSnapshotRoutes,
  ...proctoringReviewRoutes,
] as const;
