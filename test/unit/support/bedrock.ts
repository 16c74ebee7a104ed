import { createBedrockClient } from '@assist-ten/core/shared/bedrock-tool-call';
import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach } from 'vitest';

export const TEST_MODEL = 'anthropic.claude-test-v1:0';

/**
 * A real Bedrock client (so the SDK's retries run) whose Converse calls the test answers.
 * The mock is reset, and BEDROCK_MODEL_ID unset, after each test.
 */
export const mockedBedrock = () => {
  const client = createBedrockClient({ region: 'us-east-1' });
  const bedrock = mockClient(client);
  afterEach(() => {
    bedrock.reset();
    delete process.env.BEDROCK_MODEL_ID;
  });
  return { client, bedrock };
};

/** The model's answer calling the forced tool `name` with `input`. */
export const toolUseAnswer = (
  name: string,
  input: unknown,
  { toolUseId = 'tool-1', usage = { inputTokens: 100, outputTokens: 20 } } = {},
): ConverseCommandOutput => ({
  $metadata: {},
  output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId, name, input: input as never } }] } },
  stopReason: 'tool_use',
  usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
  metrics: { latencyMs: 10 },
});
