import * as z from 'zod/mini';
import { listQuery, page } from '../shared/schema.ts';
import { SkillMatch } from './skill-match.schema.ts';

/** `?limit=&cursor=&minScore=` of a requisition's ranking. */
export const ListMatchesQuery = z.strictObject({
  minScore: z.optional(
    z
      .pipe(z.string().check(z.regex(/^\d{1,3}$/, 'A whole number from 0 to 100')), z.transform(Number))
      .check(z.minimum(0), z.maximum(100)),
  ),
  ...listQuery,
});
export type ListMatchesInput = z.output<typeof ListMatchesQuery>;

/** One line of a requisition's ranking: the match and who it is. */
export const RankedCandidate = z.object({
  ...SkillMatch.shape,
  candidate: z.object({ id: z.string(), fullName: z.string() }),
});
export type RankedCandidate = z.output<typeof RankedCandidate>;

export const RankedCandidatePage = page(RankedCandidate);
