import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  ConverseCommand,
  type ConverseCommandOutput,
  type Message,
  type ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
import * as z from 'zod/mini';

/** The SDK's own retries (throttling, 5xx, timeouts), with its backoff: one call and three retries. */
export const BEDROCK_MAX_ATTEMPTS = 4;

/** The model's output kept for a failure's record: enough to see what it answered, bounded. */
const MAX_RAW_OUTPUT = 20_000;

/** Schema issues told back to the model by default: enough to fix the answer, short enough to stay a prompt. */
const MAX_ISSUES = 10;

export const createBedrockClient = (overrides: BedrockRuntimeClientConfig = {}): BedrockRuntimeClient =>
  new BedrockRuntimeClient({
    maxAttempts: BEDROCK_MAX_ATTEMPTS,
    requestHandler: { requestTimeout: 60_000, connectionTimeout: 5_000 },
    ...overrides,
  });

// Created at first use, then reused by every caller in the process; tests pass their own.
let sharedClient: BedrockRuntimeClient | undefined;
export const defaultBedrockClient = (): BedrockRuntimeClient => {
  sharedClient ??= createBedrockClient();
  return sharedClient;
};

/** What a caller made of the tool's input: what it can use, and what the model must fix (nothing when all is well). */
export interface ToolReading<T> {
  value?: T;
  problems: readonly string[];
}

/** One answer of the model, as its caller read it. */
export interface ToolAttempt<T> extends ToolReading<T> {
  /** The tool's input, or the prose given instead, as JSON cut to MAX_RAW_OUTPUT: for the record of a failure. */
  raw: string;
}

/** The one tool the model must answer through, and how its answers are judged. */
export interface ForcedTool<T> {
  name: string;
  description: string;
  /** The tool's input schema as Bedrock takes it (no `$schema` member). */
  inputSchema: Record<string, unknown>;
  /** Reads the tool's input; an answer with problems is sent back once. */
  read: (input: unknown) => ToolReading<T>;
  /** The re-ask's text, from the first answer's problems. */
  reAsk: (problems: readonly string[]) => string;
}

export interface ToolCallRequest<T> {
  client: BedrockRuntimeClient;
  modelId: string;
  system: string;
  /** The conversation's first user message. */
  prompt: string;
  maxTokens: number;
  tool: ForcedTool<T>;
}

export interface ToolCallResult<T> {
  /** The last answer: the re-asked one when the first had problems. */
  answer: ToolAttempt<T>;
  /** The first answer, only when it had problems and was re-asked; a caller may still prefer it. */
  firstAnswer?: ToolAttempt<T>;
  /** Summed over both calls. */
  inputTokens: number;
  outputTokens: number;
}

/** The JSON Schema of a tool's input as Bedrock takes it: derived from the zod schema that validates it, without `$schema`. */
export const toolInputSchema = (
  schema: z.core.$ZodType,
  params?: z.core.ToJSONSchemaParams,
): Record<string, unknown> => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, params);
  return json;
};

/** `${path}: ${message}` lines for the model, the path written by `at` (so a caller can place it in a larger answer). */
export const describeIssues = (
  issues: readonly z.core.$ZodIssue[],
  max = MAX_ISSUES,
  at: (path: string) => string = (path) => path || '(input)',
): string[] => issues.slice(0, max).map((issue) => `${at(issue.path.join('.'))}: ${issue.message}`);

/** A reader that takes the tool's input as it is when it matches the schema, else tells what does not. */
export const schemaReader =
  <S extends z.core.$ZodType>(schema: S) =>
  (input: unknown): ToolReading<z.output<S>> => {
    const parsed = z.safeParse(schema, input);
    return parsed.success ? { value: parsed.data, problems: [] } : { problems: describeIssues(parsed.error.issues) };
  };

/** The re-ask for an answer that does not match the tool's schema. */
export const schemaReAsk =
  (toolName: string) =>
  (problems: readonly string[]): string =>
    `Your answer does not match the tool's schema:\n${problems.join('\n')}\nCall ${toolName} again with a valid input.`;

interface Turn<T> {
  attempt: ToolAttempt<T>;
  /** What the re-ask builds on: the model's message, and the tool use to answer with an error. */
  message?: Message;
  toolUseId?: string;
}

const forcedToolConfig = ({ name, description, inputSchema }: ForcedTool<unknown>): ToolConfiguration => ({
  tools: [{ toolSpec: { name, description, inputSchema: { json: inputSchema as DocumentType } } }],
  toolChoice: { tool: { name } },
});

const readTurn = <T>(response: ConverseCommandOutput, tool: ForcedTool<T>): Turn<T> => {
  const message = response.output?.message;
  const toolUse = message?.content?.find((block) => block.toolUse?.name === tool.name)?.toolUse;
  const raw = JSON.stringify(toolUse?.input ?? message?.content ?? null).slice(0, MAX_RAW_OUTPUT);
  const reading: ToolReading<T> = toolUse ? tool.read(toolUse.input) : { problems: [`Call the tool ${tool.name}.`] };
  return {
    attempt: { ...reading, raw },
    ...(message ? { message } : {}),
    ...(toolUse?.toolUseId ? { toolUseId: toolUse.toolUseId } : {}),
  };
};

/**
 * The follow-up that tells the model what was wrong, in the same conversation: an error result
 * of its tool use, or a plain message when it answered in prose. Without a message there is
 * nothing to answer, and the question is simply asked again.
 */
const followUp = <T>({ attempt, message, toolUseId }: Turn<T>, tool: ForcedTool<T>): Message[] => {
  if (!message) return [];
  const feedback = tool.reAsk(attempt.problems);
  return [
    message,
    {
      role: 'user',
      content: toolUseId
        ? [{ toolResult: { toolUseId, status: 'error', content: [{ text: feedback }] } }]
        : [{ text: feedback }],
    },
  ];
};

/**
 * Asks a Bedrock model through the Converse API at temperature 0, its answer forced through
 * one tool. An answer with problems is sent back once with what was wrong; what to make of a
 * second failure is the caller's. Failures of the service itself (throttling after the SDK's
 * retries) are thrown.
 */
export const callForcedTool = async <T>({
  client,
  modelId,
  system,
  prompt,
  maxTokens,
  tool,
}: ToolCallRequest<T>): Promise<ToolCallResult<T>> => {
  const toolConfig = forcedToolConfig(tool);
  const usage = { inputTokens: 0, outputTokens: 0 };
  const ask = async (messages: Message[]): Promise<Turn<T>> => {
    const response = await client.send(
      new ConverseCommand({
        modelId,
        system: [{ text: system }],
        messages,
        inferenceConfig: { temperature: 0, maxTokens },
        toolConfig,
      }),
    );
    usage.inputTokens += response.usage?.inputTokens ?? 0;
    usage.outputTokens += response.usage?.outputTokens ?? 0;
    return readTurn(response, tool);
  };

  const opening: Message[] = [{ role: 'user', content: [{ text: prompt }] }];
  const first = await ask(opening);
  if (first.attempt.problems.length === 0) return { answer: first.attempt, ...usage };
  const second = await ask([...opening, ...followUp(first, tool)]);
  return { answer: second.attempt, firstAnswer: first.attempt, ...usage };
};
