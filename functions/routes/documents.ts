import type { route } from './define.ts';

/** Placeholder: filled in by the documents work of issue 5. */
export const documentRoutes = [] as const satisfies readonly ReturnType<typeof route>[];
