import { Readable } from 'node:stream';
import {
  BEDROCK_MAX_ATTEMPTS,
  callForcedTool,
  createBedrockClient,
  describeIssues,
  type ForcedTool,
  schemaReAsk,
  schemaReader,
  toolInputSchema,
} from '@assist-ten/core/shared/bedrock-tool-call';
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { mockedBedrock, TEST_MODEL, toolUseAnswer } from '../support/bedrock.ts';

const MODEL = TEST_MODEL;
const TOOL_NAME = 'record_colour';
const { client, bedrock } = mockedBedrock();

const Colour = z.object({ colour: z.enum(['red', 'blue']), shade: z.optional(z.number().check(z.maximum(10))) });

const tool: ForcedTool<z.output<typeof Colour>> = {
  name: TOOL_NAME,
  description: 'Records the colour.',
  inputSchema: toolInputSchema(Colour),
  read: schemaReader(Colour),
  reAsk: schemaReAsk(TOOL_NAME),
};

const toolAnswer = (input: unknown, options: Parameters<typeof toolUseAnswer>[2] = {}): ConverseCommandOutput =>
  toolUseAnswer(TOOL_NAME, input, options);

const prose = (text: string): ConverseCommandOutput => ({
  $metadata: {},
  output: { message: { role: 'assistant', content: [{ text }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 100, outputTokens: 5, totalTokens: 105 },
  metrics: { latencyMs: 10 },
});

const request = { modelId: MODEL, system: 'You pick colours.', prompt: 'Pick one.', maxTokens: 256 };
const call = () => callForcedTool({ client, ...request, tool });

const sent = () => bedrock.commandCalls(ConverseCommand).map((sentCall) => sentCall.args[0].input);

describe('callForcedTool', () => {
  it('asks at temperature 0 with the system prompt and the prompt, forcing the answer through the one tool', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(toolAnswer({ colour: 'red' }));

    // Act
    await call();

    // Assert
    expect(sent()).toEqual([
      {
        modelId: MODEL,
        system: [{ text: 'You pick colours.' }],
        messages: [{ role: 'user', content: [{ text: 'Pick one.' }] }],
        inferenceConfig: { temperature: 0, maxTokens: 256 },
        toolConfig: {
          tools: [
            {
              toolSpec: {
                name: TOOL_NAME,
                description: 'Records the colour.',
                inputSchema: { json: tool.inputSchema },
              },
            },
          ],
          toolChoice: { tool: { name: TOOL_NAME } },
        },
      },
    ]);
    expect(tool.inputSchema).toMatchObject({ type: 'object', required: ['colour'] });
    expect(tool.inputSchema).not.toHaveProperty('$schema');
  });

  it('returns a valid first answer without a re-ask', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(toolAnswer({ colour: 'blue', shade: 3 }));

    // Act
    const result = await call();

    // Assert
    expect(sent()).toHaveLength(1);
    expect(result.answer).toEqual({
      value: { colour: 'blue', shade: 3 },
      problems: [],
      raw: '{"colour":"blue","shade":3}',
    });
    expect(result.firstAnswer).toBeUndefined();
    expect(result).toMatchObject({ inputTokens: 100, outputTokens: 20 });
  });

  it('re-asks once with an error result of the tool use carrying the problems, and returns the second answer', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(toolAnswer({ colour: 'green' }, { toolUseId: 'tool-7' }))
      .resolvesOnce(toolAnswer({ colour: 'red' }));

    // Act
    const result = await call();

    // Assert
    const [first, second] = sent();
    expect(first?.messages).toHaveLength(1);
    expect(second?.messages?.[0]).toEqual(first?.messages?.[0]);
    expect(second?.messages?.[1]).toEqual({
      role: 'assistant',
      content: [{ toolUse: { toolUseId: 'tool-7', name: TOOL_NAME, input: { colour: 'green' } } }],
    });
    const followUp = second?.messages?.[2];
    expect(followUp?.role).toBe('user');
    expect(followUp?.content?.[0]?.toolResult).toMatchObject({ toolUseId: 'tool-7', status: 'error' });
    const feedback = followUp?.content?.[0]?.toolResult?.content?.[0]?.text ?? '';
    expect(feedback).toBe(tool.reAsk(result.firstAnswer?.problems ?? []));
    expect(feedback).toMatch(/^Your answer does not match the tool's schema:\ncolour: .+\nCall record_colour again/);
    expect(result.answer.value).toEqual({ colour: 'red' });
    expect(result.firstAnswer?.value).toBeUndefined();
    expect(result.firstAnswer?.raw).toContain('green');
  });

  it('re-asks in a plain message naming the tool when the model answered in prose', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(prose('Red, surely.'))
      .resolvesOnce(toolAnswer({ colour: 'red' }));

    // Act
    const result = await call();

    // Assert
    const second = sent()[1];
    expect(second?.messages?.[1]).toEqual({ role: 'assistant', content: [{ text: 'Red, surely.' }] });
    expect(second?.messages?.[2]).toEqual({
      role: 'user',
      content: [{ text: schemaReAsk(TOOL_NAME)([`Call the tool ${TOOL_NAME}.`]) }],
    });
    expect(result.firstAnswer).toEqual({ problems: [`Call the tool ${TOOL_NAME}.`], raw: '[{"text":"Red, surely."}]' });
    expect(result.answer.value).toEqual({ colour: 'red' });
  });

  it('asks no third time, and tells the caller the second answer and its problems when it fails too', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(toolAnswer({ colour: 'green' }))
      .resolvesOnce(toolAnswer({ colour: 'red', shade: 99 }))
      .resolves(toolAnswer({ colour: 'blue' }));

    // Act
    const result = await call();

    // Assert
    expect(sent()).toHaveLength(2);
    expect(result.answer.value).toBeUndefined();
    expect(result.answer.problems).toHaveLength(1);
    expect(result.answer.problems[0]).toMatch(/^shade: /);
    expect(result.answer.raw).toBe('{"colour":"red","shade":99}');
    expect(result.firstAnswer?.problems[0]).toMatch(/^colour: /);
  });

  it('sums the token usage of both calls', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(toolAnswer({ colour: 'green' }, { usage: { inputTokens: 1000, outputTokens: 50 } }))
      .resolvesOnce(toolAnswer({ colour: 'red' }, { usage: { inputTokens: 1300, outputTokens: 40 } }));

    // Act
    const result = await call();

    // Assert
    expect(result).toMatchObject({ inputTokens: 2300, outputTokens: 90 });
  });

  it("re-asks an answer with problems even when the reader could use part of it, keeping the first answer's value", async () => {
    // Arrange
    const partial: ForcedTool<string> = {
      ...tool,
      read: (input) => ({ value: JSON.stringify(input), problems: ['shade: say how dark'] }),
      reAsk: (problems) => `Fix: ${problems.join(', ')}`,
    };
    bedrock.on(ConverseCommand).resolves(toolAnswer({ colour: 'red' }));

    // Act
    const result = await callForcedTool({ client, ...request, tool: partial });

    // Assert
    expect(sent()[1]?.messages?.[2]?.content?.[0]?.toolResult?.content).toEqual([{ text: 'Fix: shade: say how dark' }]);
    expect(result.firstAnswer?.value).toBe('{"colour":"red"}');
    expect(result.answer.problems).toEqual(['shade: say how dark']);
  });

  it('asks the same question again when the response held no message to answer', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolvesOnce({ $metadata: {}, stopReason: 'max_tokens' })
      .resolvesOnce(toolAnswer({ colour: 'blue' }));

    // Act
    const result = await call();

    // Assert
    const [first, second] = sent();
    expect(second?.messages).toEqual(first?.messages);
    expect(result.firstAnswer).toEqual({ problems: [`Call the tool ${TOOL_NAME}.`], raw: 'null' });
    expect(result.answer.value).toEqual({ colour: 'blue' });
  });

  it('keeps at most 20,000 characters of the raw output', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(prose('x'.repeat(30_000)));

    // Act
    const result = await call();

    // Assert
    expect(result.answer.raw).toHaveLength(20_000);
  });
});

describe('describeIssues', () => {
  it('names the path of each issue, or the input itself, and keeps the first ten by default', () => {
    // Arrange
    const parsed = z.safeParse(
      z.array(z.number()),
      Array.from({ length: 12 }, () => 'one'),
    );
    const root = z.safeParse(z.number(), 'one');

    // Act
    const lines = describeIssues(parsed.error?.issues ?? []);
    const rootLines = describeIssues(root.error?.issues ?? []);

    // Assert
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^0: /);
    expect(rootLines).toHaveLength(1);
    expect(rootLines[0]).toMatch(/^\(input\): /);
  });

  it('places the paths where the caller says, up to its own limit', () => {
    // Arrange
    const parsed = z.safeParse(z.object({ a: z.string(), b: z.string() }), {});

    // Act
    const lines = describeIssues(parsed.error?.issues ?? [], 1, (path) => `questions.3.${path}`);

    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^questions\.3\.a: /);
  });
});

/** An HTTP handler standing in for Bedrock: answers with the queued responses in turn. */
const fakeBedrock = (responses: { statusCode: number; headers?: Record<string, string>; body: unknown }[]) => {
  let calls = 0;
  return {
    calls: () => calls,
    handler: {
      handle: async () => {
        const response = responses[Math.min(calls++, responses.length - 1)];
        if (!response) throw new Error('no response queued');
        return {
          response: {
            statusCode: response.statusCode,
            headers: { 'content-type': 'application/json', ...response.headers },
            body: Readable.from([Buffer.from(JSON.stringify(response.body))]),
          },
        };
      },
    },
  };
};

describe('createBedrockClient retries', () => {
  const throttled = {
    statusCode: 429,
    headers: { 'x-amzn-errortype': 'ThrottlingException' },
    body: { message: 'Too many requests' },
  };
  const answered = { statusCode: 200, body: toolAnswer({ colour: 'red' }) };
  const callThrough = (retrying: BedrockRuntimeClient) => callForcedTool({ client: retrying, ...request, tool });

  it('retries a throttled call with the SDK backoff and then succeeds', async () => {
    // Arrange
    const fake = fakeBedrock([throttled, answered]);
    const retrying = createBedrockClient({ region: 'us-east-1', requestHandler: fake.handler });

    // Act
    const result = await callThrough(retrying);

    // Assert
    expect(fake.calls()).toBe(2);
    expect(result.answer.value).toEqual({ colour: 'red' });
  });

  it(`gives up after ${BEDROCK_MAX_ATTEMPTS} throttled attempts, throwing the service's error`, {
    timeout: 20_000,
  }, async () => {
    // Arrange
    const fake = fakeBedrock([throttled]);
    const retrying = createBedrockClient({ region: 'us-east-1', requestHandler: fake.handler });

    // Act
    const error = await callThrough(retrying).catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).name).toBe('ThrottlingException');
    expect(fake.calls()).toBe(BEDROCK_MAX_ATTEMPTS);
  });
});
