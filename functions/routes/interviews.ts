/** Scheduling interviews and running them: booking without double-booking, lists, the lifecycle. */
export const interviewRoutes = [] as const;
