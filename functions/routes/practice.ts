export const practiceRoutes = [] as const;
