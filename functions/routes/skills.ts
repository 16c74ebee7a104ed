import type { route } from './define.ts';

/** Placeholder: filled in by the skills work of issue 5. */
export const skillRoutes = [] as const satisfies readonly ReturnType<typeof route>[];
