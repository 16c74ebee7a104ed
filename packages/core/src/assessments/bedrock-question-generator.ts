import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import {
  callForcedTool,
  defaultBedrockClient,
  describeIssues,
  type ForcedTool,
  type ToolAttempt,
  type ToolReading,
} from '../shared/bedrock-tool-call.ts';
import { ENV, requireEnv } from '../shared/env.ts';
import {
  answerJsonSchema,
  BATCH_SIZE,
  BedrockEnvelope,
  MAX_CONTEXT,
  PROMPT_VERSION,
  systemPrompt,
  TOOL_NAME,
  userPrompt,
} from './bedrock-question-prompt.ts';
import { QuestionContent } from './question.content.ts';
import { QUESTION_TYPES, type QuestionType } from './question.model.ts';
import {
  GenerationFailedError,
  type GenerationInput,
  type GenerationOutput,
  type PlannedQuestions,
  planGeneration,
  type QuestionGenerator,
} from './question-generator.ts';

const MAX_OUTPUT_TOKENS = 8_192;
/** Problems of one answer told back to the model: enough to fix it, short enough to stay a prompt. */
const MAX_PROBLEMS = 20;
/** Schema issues told back per question, so that one broken question does not crowd out the others. */
const MAX_ISSUES_PER_QUESTION = 5;

const normalised = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** What a batch's answers are checked against, besides `QuestionContent`. */
interface Rules {
  types: ReadonlySet<string>;
  /** Asked skill names by their normalised form, so "typescript" is tagged "TypeScript". */
  skills: ReadonlyMap<string, string>;
  /** Prompts of the questions kept from earlier batches. */
  earlier: ReadonlySet<string>;
}

type Checked = { question: QuestionContent } | { problems: string[] };

const checkQuestion = (raw: unknown, index: number, rules: Rules, seen: Set<string>): Checked => {
  const at = (path: string) => `questions.${index}${path ? `.${path}` : ''}`;
  const parsed = QuestionContent.safeParse(raw);
  if (!parsed.success) {
    return { problems: describeIssues(parsed.error.issues, MAX_ISSUES_PER_QUESTION, at) };
  }
  const question = parsed.data;
  const problems: string[] = [];
  if (!rules.types.has(question.type)) problems.push(`${at('type')}: ${question.type} is not one of the allowed types`);
  const skillTags = [...new Set(question.skillTags.flatMap((tag) => rules.skills.get(normalised(tag)) ?? []))];
  if (skillTags.length === 0) problems.push(`${at('skillTags')}: name the skill tested, spelled as listed`);
  const prompt = normalised(question.prompt);
  if (seen.has(prompt) || rules.earlier.has(prompt)) problems.push(`${at('prompt')}: repeats another question`);
  seen.add(prompt);
  return problems.length ? { problems } : { question: { ...question, skillTags } };
};

interface Batch {
  questions: QuestionContent[];
  /** Questions of the answer that failed their checks. */
  invalid: number;
}

const NO_BATCH: Batch = { questions: [], invalid: 0 };

/** Each question checked on its own, so that one bad question costs that question, not the batch. */
const readBatch =
  (wanted: number, rules: Rules) =>
  (input: unknown): ToolReading<Batch> => {
    const envelope = BedrockEnvelope.safeParse(input);
    if (!envelope.success) return { value: NO_BATCH, problems: ['questions: give the questions as a list'] };
    const seen = new Set<string>();
    const checked = envelope.data.questions
      .slice(0, wanted)
      .map((raw, index) => checkQuestion(raw, index, rules, seen));
    const questions = checked.flatMap((result) => ('question' in result ? [result.question] : []));
    const problems = checked.flatMap((result) => ('problems' in result ? result.problems : []));
    if (envelope.data.questions.length < wanted) {
      problems.push(`questions: ${wanted} questions were asked for, not ${envelope.data.questions.length}`);
    }
    return { value: { questions, invalid: checked.length - questions.length }, problems };
  };

const reAskBatch =
  (wanted: number) =>
  (problems: readonly string[]): string =>
    [
      'Your answer has these problems:',
      ...problems.slice(0, MAX_PROBLEMS),
      `Call ${TOOL_NAME} again with all ${wanted} questions, corrected.`,
    ].join('\n');

const batchTool = (types: readonly QuestionType[], wanted: number, rules: Rules): ForcedTool<Batch> => ({
  name: TOOL_NAME,
  description: 'Records the assessment questions that were asked for.',
  inputSchema: answerJsonSchema(types),
  read: readBatch(wanted, rules),
  reAsk: reAskBatch(wanted),
});

/** The corrected answer replaces the first, unless it came back worse. */
const better = (answer: ToolAttempt<Batch>, firstAnswer: ToolAttempt<Batch> | undefined): ToolAttempt<Batch> => {
  const count = (attempt: ToolAttempt<Batch>) => attempt.value?.questions.length ?? 0;
  return firstAnswer && count(firstAnswer) > count(answer) ? firstAnswer : answer;
};

/** The plan cut into batches of at most BATCH_SIZE questions, each still counted by skill and difficulty. */
const batchesOf = (plan: readonly PlannedQuestions[]): PlannedQuestions[][] => {
  const slots = plan.flatMap(({ skill, difficulty, count }) =>
    Array.from({ length: count }, () => ({ skill, difficulty })),
  );
  const batches: PlannedQuestions[][] = [];
  for (let start = 0; start < slots.length; start += BATCH_SIZE) {
    const counted = new Map<string, PlannedQuestions>();
    for (const { skill, difficulty } of slots.slice(start, start + BATCH_SIZE)) {
      const key = `${difficulty}\u0000${skill}`;
      const planned = counted.get(key) ?? { skill, difficulty, count: 0 };
      counted.set(key, { ...planned, count: planned.count + 1 });
    }
    batches.push([...counted.values()]);
  }
  return batches;
};

/**
 * How long a generation may keep starting batches. The tasks consumer stops after 150 s; a
 * batch takes up to about a minute, and saving the set a few seconds.
 */
export const DEFAULT_TIME_BUDGET_MS = 100_000;

export interface BedrockQuestionGeneratorOptions {
  client?: BedrockRuntimeClient;
  /** Defaults to BEDROCK_MODEL_ID; a missing one fails here, naming the variable. */
  modelId?: string;
  /** A batch is started only if it is expected (from the slowest so far) to end within this; the first always is. */
  timeBudgetMs?: number;
  /** Milliseconds on a monotonic clock; tests pass their own. */
  now?: () => number;
}

/**
 * Questions written by a Bedrock model through the Converse API: temperature 0, the answer
 * forced through one tool whose input schema is derived from `QuestionContent`, in batches of
 * BATCH_SIZE. Every question is validated; a batch with problems is sent back once with what
 * was wrong, then its invalid questions are dropped and counted. No valid question at all is a
 * GenerationFailedError. Batches run one after the other, each told what the earlier ones
 * wrote (at temperature 0, parallel batches of the same skill and difficulty would write the
 * same questions), and only while the time budget lasts: what did not fit is a shortfall.
 */
export const bedrockQuestionGenerator = ({
  client = defaultBedrockClient(),
  modelId = requireEnv(ENV.bedrockModelId),
  timeBudgetMs = DEFAULT_TIME_BUDGET_MS,
  now = () => performance.now(),
}: BedrockQuestionGeneratorOptions = {}): QuestionGenerator => ({
  kind: 'bedrock',
  model: modelId,
  promptVersion: PROMPT_VERSION,
  generate: async (input: GenerationInput): Promise<GenerationOutput> => {
    const types = input.types?.length ? input.types : QUESTION_TYPES;
    const contextTruncated = input.context !== undefined && input.context.length > MAX_CONTEXT;
    const context = contextTruncated ? input.context?.slice(0, MAX_CONTEXT) : input.context;
    const system = systemPrompt(
      types,
      input.skills.map(({ skill }) => skill),
    );
    const skills = new Map(input.skills.map(({ skill }) => [normalised(skill), skill]));
    const usage = { inputTokens: 0, outputTokens: 0 };
    const kept: QuestionContent[] = [];
    let dropped = 0;
    let lastRaw = '';

    const runBatch = async (batch: readonly PlannedQuestions[]) => {
      const wanted = batch.reduce((sum, planned) => sum + planned.count, 0);
      const rules: Rules = {
        types: new Set(types),
        skills,
        earlier: new Set(kept.map(({ prompt }) => normalised(prompt))),
      };
      const { answer, firstAnswer, inputTokens, outputTokens } = await callForcedTool({
        client,
        modelId,
        system,
        prompt: userPrompt(
          batch,
          context,
          kept.map(({ prompt }) => prompt),
        ),
        maxTokens: MAX_OUTPUT_TOKENS,
        tool: batchTool(types, wanted, rules),
      });
      usage.inputTokens += inputTokens;
      usage.outputTokens += outputTokens;
      const chosen = better(answer, firstAnswer);
      const { questions, invalid } = chosen.value ?? NO_BATCH;
      lastRaw = chosen.raw;
      kept.push(...questions);
      dropped += invalid;
    };

    const started = now();
    let slowest = 0;
    for (const batch of batchesOf(planGeneration(input))) {
      const begun = now();
      if (begun - started + slowest > timeBudgetMs) break;
      await runBatch(batch);
      slowest = Math.max(slowest, now() - begun);
    }
    if (kept.length === 0) {
      throw new GenerationFailedError('The model gave no valid question, even after a re-ask.', { rawOutput: lastRaw });
    }
    return {
      questions: kept,
      generator: 'bedrock',
      model: modelId,
      promptVersion: PROMPT_VERSION,
      ...usage,
      ...(kept.length < input.count ? { shortfall: { asked: input.count, produced: kept.length } } : {}),
      ...(dropped ? { droppedQuestions: dropped } : {}),
      ...(contextTruncated ? { contextTruncated } : {}),
    };
  },
});
