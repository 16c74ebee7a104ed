import { CandidateQuestion, QuestionContent } from './question.content.ts';
import type { QuestionItem } from './question.entity.ts';
import { contentFieldsOf } from './question.fields.ts';
import { Question } from './question.schema.ts';

/** The content of a question item as the union says it, answer key included: what scoring reads. */
export const questionContentOf = (item: QuestionItem): QuestionContent => {
  const fields = item as unknown as Record<string, unknown>;
  return QuestionContent.parse(
    Object.fromEntries(
      contentFieldsOf(item.type)
        .filter((field) => fields[field] !== undefined)
        .map((field) => [field, fields[field]]),
    ),
  );
};

/** The staff view: content with its answer key, and the question's place and history. */
export const toQuestion = (item: QuestionItem): Question =>
  Question.parse({
    ...questionContentOf(item),
    id: item.questionId,
    questionSetId: item.questionSetId,
    jobDescriptionId: item.jobDescriptionId,
    order: item.order,
    revision: item.revision,
    previousQuestionId: item.previousQuestionId,
    replacedByQuestionId: item.replacedByQuestionId,
    retiredAt: item.retiredAt,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    createdBy: item.createdBy,
    updatedBy: item.updatedBy,
    version: item.version,
  });

/** `options` in `optionOrder` (a candidate's shuffle); options it does not name keep their place after those it does. */
const ordered = <T extends { id: string }>(options: readonly T[], optionOrder?: readonly string[]): T[] => {
  if (!optionOrder) return [...options];
  const rank = new Map(optionOrder.map((id, index) => [id, index]));
  const last = optionOrder.length;
  return options
    .map((option, index) => ({ option, index }))
    .sort((a, b) => (rank.get(a.option.id) ?? last + a.index) - (rank.get(b.option.id) ?? last + b.index))
    .map(({ option }) => option);
};

/** What a candidate sees: no answer key, rubric, keywords or explanation. */
export const toCandidateQuestion = (question: QuestionItem, optionOrder?: string[]): CandidateQuestion => {
  const content = questionContentOf(question);
  return CandidateQuestion.parse({
    id: question.questionId,
    type: content.type,
    prompt: content.prompt,
    points: content.points,
    timeHintSeconds: content.timeHintSeconds,
    ...('options' in content
      ? { options: ordered(content.options, optionOrder).map(({ id, text }) => ({ id, text })) }
      : {}),
    ...(content.type === 'coding'
      ? {
          language: content.language,
          ...(content.starterCode !== undefined ? { starterCode: content.starterCode } : {}),
        }
      : {}),
  });
};
