export const questionSetRoutes = [] as const;
