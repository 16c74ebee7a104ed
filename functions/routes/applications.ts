import type { route } from './define.ts';

/** Placeholder: filled in by the applications work of issue 5. */
export const applicationRoutes = [] as const satisfies readonly ReturnType<typeof route>[];
