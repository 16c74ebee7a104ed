export const questionGenerationRoutes = [] as const;
