export const candidateSessionRoutes = [] as const;
