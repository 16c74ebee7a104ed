import { bedrockQuestionGenerator } from '@assist-ten/core/assessments/bedrock-question-generator';
import {
  BATCH_SIZE,
  MAX_CONTEXT,
  PROMPT_VERSION,
  TOOL_NAME,
} from '@assist-ten/core/assessments/bedrock-question-prompt';
import { GenerationFailedError, type GenerationInput } from '@assist-ten/core/assessments/question-generator';
import { ConverseCommand, type ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { mockedBedrock, TEST_MODEL, toolUseAnswer } from '../support/bedrock.ts';

const MODEL = TEST_MODEL;
const { client, bedrock } = mockedBedrock();

const toolAnswer = (input: unknown, usage = { inputTokens: 1500, outputTokens: 700 }): ConverseCommandOutput =>
  toolUseAnswer(TOOL_NAME, input, { usage });

const aQuestion = (n: number, overrides: object = {}) => ({
  type: 'single_choice',
  prompt: `Which TypeScript type narrows case ${n}?`,
  difficulty: 'medium',
  points: 2,
  skillTags: ['TypeScript'],
  options: [
    { id: 'a', text: '`unknown`' },
    { id: 'b', text: '`any`' },
  ],
  correctOptionIds: ['a'],
  explanation: 'unknown must be narrowed.',
  ...overrides,
});

const anInput = (overrides: Partial<GenerationInput> = {}): GenerationInput => ({
  skills: [{ skill: 'TypeScript' }],
  count: 2,
  difficultyMix: { easy: 0, medium: 1, hard: 0 },
  types: ['single_choice', 'true_false'],
  seed: 'task_01JSEED',
  ...overrides,
});

const generator = () => bedrockQuestionGenerator({ client, modelId: MODEL });

describe('bedrock question generator', () => {
  it('fails at once, naming BEDROCK_MODEL_ID, when no model is configured', () => {
    // Act
    const act = () => bedrockQuestionGenerator({ client });

    // Assert
    expect(act).toThrow(/BEDROCK_MODEL_ID/);
  });

  it('asks at temperature 0, forcing one tool whose schema allows only the asked types', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(toolAnswer({ questions: [aQuestion(1), aQuestion(2)] }));

    // Act
    await generator().generate(anInput({ context: 'We build type-safe APIs in TypeScript.' }));

    // Assert
    const input = bedrock.commandCalls(ConverseCommand)[0]?.args[0].input;
    expect(input?.modelId).toBe(MODEL);
    expect(input?.inferenceConfig?.temperature).toBe(0);
    expect(input?.toolConfig?.toolChoice).toEqual({ tool: { name: TOOL_NAME } });
    const schema = JSON.stringify(input?.toolConfig?.tools?.[0]?.toolSpec?.inputSchema?.json);
    expect(schema).toContain('"single_choice"');
    expect(schema).toContain('"true_false"');
    expect(schema).not.toContain('"coding"');
    expect(input?.system?.[0]?.text).toContain('TypeScript');
    const prompt = JSON.stringify(input?.messages);
    expect(prompt).toContain('2 medium questions on TypeScript');
    expect(prompt).toContain('<job_description>');
    expect(prompt).toContain('type-safe APIs');
  });

  it('returns the valid questions with the model, the prompt version and the token usage', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(toolAnswer({ questions: [aQuestion(1), aQuestion(2)] }));

    // Act
    const output = await generator().generate(anInput());

    // Assert
    expect(output.questions.map(({ prompt }) => prompt)).toEqual([aQuestion(1).prompt, aQuestion(2).prompt]);
    expect(output).toMatchObject({
      generator: 'bedrock',
      model: MODEL,
      promptVersion: PROMPT_VERSION,
      inputTokens: 1500,
      outputTokens: 700,
    });
    expect(output.droppedQuestions).toBeUndefined();
    expect(output.shortfall).toBeUndefined();
  });

  it('tags each question with the asked skill as spelled in the request', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolves(toolAnswer({ questions: [aQuestion(1, { skillTags: ['typescript'] }), aQuestion(2)] }));

    // Act
    const output = await generator().generate(anInput());

    // Assert
    expect(output.questions.map(({ skillTags }) => skillTags)).toEqual([['TypeScript'], ['TypeScript']]);
  });

  it('re-asks once with what was wrong, and keeps the corrected answer', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(toolAnswer({ questions: [aQuestion(1, { correctOptionIds: ['z'] }), aQuestion(2)] }))
      .resolvesOnce(toolAnswer({ questions: [aQuestion(1), aQuestion(2)] }));

    // Act
    const output = await generator().generate(anInput());

    // Assert
    const calls = bedrock.commandCalls(ConverseCommand);
    expect(calls).toHaveLength(2);
    const followUp = calls[1]?.args[0].input.messages?.at(-1)?.content?.[0]?.toolResult;
    expect(followUp).toMatchObject({ toolUseId: 'tool-1', status: 'error' });
    expect(JSON.stringify(followUp?.content)).toContain('questions.0.correctOptionIds');
    expect(output.questions).toHaveLength(2);
    expect(output.droppedQuestions).toBeUndefined();
    expect(output.inputTokens).toBe(3000);
  });

  it('drops questions still invalid after the re-ask, and reports them and the shortfall', async () => {
    // Arrange
    const answer = toolAnswer({ questions: [aQuestion(1), aQuestion(2, { type: 'coding', language: 'ts' })] });
    bedrock.on(ConverseCommand).resolves(answer);

    // Act
    const output = await generator().generate(anInput());

    // Assert
    expect(bedrock.commandCalls(ConverseCommand)).toHaveLength(2);
    expect(output.questions.map(({ prompt }) => prompt)).toEqual([aQuestion(1).prompt]);
    expect(output.droppedQuestions).toBe(1);
    expect(output.shortfall).toEqual({ asked: 2, produced: 1 });
  });

  it('refuses questions tagged with skills that were not asked for, or repeated', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolves(toolAnswer({ questions: [aQuestion(1, { skillTags: ['Cooking'] }), aQuestion(2), aQuestion(2)] }));

    // Act
    const output = await generator().generate(anInput({ count: 3 }));

    // Assert
    const feedback = JSON.stringify(bedrock.commandCalls(ConverseCommand)[1]?.args[0].input.messages?.at(-1));
    expect(feedback).toContain('questions.0.skillTags');
    expect(feedback).toContain('questions.2.prompt');
    expect(output.questions).toHaveLength(1);
    expect(output.droppedQuestions).toBe(2);
  });

  it('fails with the raw output when no answer holds a valid question', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(toolAnswer({ questions: 'two questions about TypeScript' }));

    // Act
    const error = await generator()
      .generate(anInput())
      .catch((caught: unknown) => caught);

    // Assert
    expect(bedrock.commandCalls(ConverseCommand)).toHaveLength(2);
    expect(error).toBeInstanceOf(GenerationFailedError);
    expect((error as GenerationFailedError).code).toBe('generation_failed');
    expect((error as GenerationFailedError).rawOutput).toContain('two questions about TypeScript');
    expect((error as GenerationFailedError).message).not.toContain('TypeScript');
  });

  it('re-asks when the model answers in prose instead of calling the tool', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolvesOnce({ $metadata: {}, output: { message: { role: 'assistant', content: [{ text: 'Here you go' }] } } })
      .resolvesOnce(toolAnswer({ questions: [aQuestion(1), aQuestion(2)] }));

    // Act
    const output = await generator().generate(anInput());

    // Assert
    const followUp = bedrock.commandCalls(ConverseCommand)[1]?.args[0].input.messages?.at(-1);
    expect(followUp?.role).toBe('user');
    expect(followUp?.content?.[0]?.text).toContain(TOOL_NAME);
    expect(output.questions).toHaveLength(2);
  });

  it(`asks in batches of ${BATCH_SIZE}, telling later batches what was already written`, async () => {
    // Arrange
    const batch = (from: number, size: number) =>
      toolAnswer({ questions: Array.from({ length: size }, (_, index) => aQuestion(from + index)) });
    bedrock.on(ConverseCommand).resolvesOnce(batch(0, BATCH_SIZE)).resolvesOnce(batch(BATCH_SIZE, 2));

    // Act
    const output = await generator().generate(anInput({ count: BATCH_SIZE + 2 }));

    // Assert
    const calls = bedrock.commandCalls(ConverseCommand);
    expect(calls).toHaveLength(2);
    expect(JSON.stringify(calls[1]?.args[0].input.messages)).toContain(aQuestion(0).prompt);
    expect(output.questions).toHaveLength(BATCH_SIZE + 2);
  });

  it('starts no batch that would end after the time budget, and reports the shortfall', async () => {
    // Arrange
    let clock = 0;
    const batch = (from: number, size: number) =>
      toolAnswer({ questions: Array.from({ length: size }, (_, index) => aQuestion(from + index)) });
    bedrock.on(ConverseCommand).callsFake(() => {
      clock += 60_000;
      return batch(clock, BATCH_SIZE);
    });
    const timed = bedrockQuestionGenerator({ client, modelId: MODEL, timeBudgetMs: 100_000, now: () => clock });

    // Act
    const output = await timed.generate(anInput({ count: 2 * BATCH_SIZE + 5 }));

    // Assert
    expect(bedrock.commandCalls(ConverseCommand)).toHaveLength(1);
    expect(output.questions).toHaveLength(BATCH_SIZE);
    expect(output.shortfall).toEqual({ asked: 2 * BATCH_SIZE + 5, produced: BATCH_SIZE });
  });

  it('sends at most MAX_CONTEXT characters of the job description and says it was truncated', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(toolAnswer({ questions: [aQuestion(1), aQuestion(2)] }));

    // Act
    const output = await generator().generate(anInput({ context: `${'a'.repeat(MAX_CONTEXT)}TAIL-MARKER` }));

    // Assert
    expect(output.contextTruncated).toBe(true);
    expect(JSON.stringify(bedrock.commandCalls(ConverseCommand)[0]?.args[0].input.messages)).not.toContain(
      'TAIL-MARKER',
    );
  });
});
