export const assessmentRoutes = [] as const;
