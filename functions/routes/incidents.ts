export const incidentRoutes = [] as const;
