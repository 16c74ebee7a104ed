/** Webcam snapshots: presigned uploads straight to S3. */
export const proctoringSnapshotRoutes = [] as const;
