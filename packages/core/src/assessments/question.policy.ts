import type * as z from 'zod/mini';
import { type FieldError, ForbiddenError } from '../shared/errors.ts';
import { hasAnyRole, type Principal } from '../shared/principal.ts';
import { QuestionContent } from './question.content.ts';
import { contentFieldsOf } from './question.fields.ts';
import type { UpdateQuestion } from './question.schema.ts';

export const canManageQuestionSets = (actor: Principal): boolean => hasAnyRole(actor, ['recruiter', 'admin']);

export const assertQuestionSetManager = (actor: Principal): void => {
  if (!canManageQuestionSets(actor)) throw new ForbiddenError('Only recruiters and admins manage question sets.');
};

/**
 * A published assessment points at its questions by id, and its results were scored against
 * them: once a set is locked, its questions must read the same forever. An edit then makes a
 * new revision (and retires the old question); a removal retires instead of deleting.
 */
export const questionEditMode = (set: { locked: boolean }): 'in_place' | 'new_revision' =>
  set.locked ? 'new_revision' : 'in_place';

export const questionRemovalMode = (set: { locked: boolean }): 'delete' | 'retire' =>
  set.locked ? 'retire' : 'delete';

/** Field errors in the API's shape, named by their path in the body (`options.1.text`). */
export const fieldErrorsOf = (issues: readonly z.core.$ZodIssue[]): FieldError[] =>
  issues.flatMap((issue) => {
    const at = (path: readonly PropertyKey[]) => path.map(String).join('.') || '(root)';
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: at([...issue.path, key]),
          code: 'unknown_field',
          message: `Unknown field '${key}'`,
        }))
      : [{ field: at(issue.path), code: issue.code, message: issue.message }];
  });

/** The content as validated, or why it is not a valid question. */
export const validContent = (
  content: unknown,
): { content: QuestionContent; errors?: undefined } | { content?: undefined; errors: FieldError[] } => {
  const result = QuestionContent.safeParse(content);
  return result.success ? { content: result.data } : { errors: fieldErrorsOf(result.error.issues) };
};

export type PatchOutcome =
  | { content: QuestionContent; changedFields: string[]; errors?: undefined }
  | { content?: undefined; changedFields?: undefined; errors: FieldError[] };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The question as an edit would make it, checked as a whole: the result must be a valid
 * question of the SAME type (another type is another question: create one). A field the
 * type does not have is named, rather than failing as an unknown key of the union.
 */
export const patchedContent = (current: QuestionContent, patch: UpdateQuestion): PatchOutcome => {
  const { type, ...fields } = patch;
  if (type !== undefined && type !== current.type) {
    return {
      errors: [
        {
          field: 'type',
          code: 'type_change',
          message: `A question keeps its type (${current.type}); create a new question instead`,
        },
      ],
    };
  }
  const allowed = new Set(contentFieldsOf(current.type));
  const foreign = Object.keys(fields).filter((field) => !allowed.has(field));
  if (foreign.length) {
    return {
      errors: foreign.map((field) => ({
        field,
        code: 'not_allowed',
        message: `A ${current.type} question has no ${field}`,
      })),
    };
  }
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  const outcome = validContent(next);
  if (outcome.errors) return { errors: outcome.errors };
  const before = current as Record<string, unknown>;
  const after = outcome.content as Record<string, unknown>;
  const changedFields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((field) => !same(before[field], after[field]))
    .sort();
  return { content: outcome.content, changedFields };
};
