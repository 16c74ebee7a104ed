import type { route } from './define.ts';

/** Placeholder: filled in by the candidates work of issue 5. */
export const candidateRoutes = [] as const satisfies readonly ReturnType<typeof route>[];
