export const featureFlagRoutes = [] as const;
