import { bedrockExtractor, MAX_BEDROCK_INPUT } from '@assist-ten/core/extraction/bedrock-extractor';
import {
  MAX_PROMPT_SKILLS,
  PROMPT_VERSION,
  promptSkillNames,
  TOOL_NAME,
} from '@assist-ten/core/extraction/bedrock-prompt';
import { ExtractionFailedError } from '@assist-ten/core/extraction/extractor';
import { ConverseCommand, type ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { mockedBedrock, TEST_MODEL, toolUseAnswer } from '../support/bedrock.ts';
import { largeTaxonomy, TAXONOMY } from './taxonomy-fixture.ts';

const MODEL = TEST_MODEL;
const { client, bedrock } = mockedBedrock();

const toolAnswer = (input: unknown, usage = { inputTokens: 1200, outputTokens: 300 }): ConverseCommandOutput =>
  toolUseAnswer(TOOL_NAME, input, { usage });

const found = (skill: string, extra: object = {}) => ({
  skill,
  proficiency: 'advanced',
  confidence: 0.9,
  evidence: `Worked with ${skill}`,
  ...extra,
});

const extractor = () => bedrockExtractor({ client, modelId: MODEL });
const resume = { text: 'Five years of TypeScript and some JS.', taxonomy: TAXONOMY, purpose: 'resume' as const };

describe('bedrock extractor', () => {
  it('fails at once, naming BEDROCK_MODEL_ID, when no model is configured', () => {
    // Act
    const act = () => bedrockExtractor({ client });

    // Assert
    expect(act).toThrow(/BEDROCK_MODEL_ID/);
  });

  it('asks the configured model at temperature 0, forcing the answer through its one tool', async () => {
    // Arrange
    process.env.BEDROCK_MODEL_ID = MODEL;
    bedrock.on(ConverseCommand).resolves(toolAnswer({ skills: [] }));

    // Act
    await bedrockExtractor({ client }).extract(resume);

    // Assert
    const [call] = bedrock.commandCalls(ConverseCommand);
    const input = call?.args[0].input;
    expect(input?.modelId).toBe(MODEL);
    expect(input?.inferenceConfig?.temperature).toBe(0);
    expect(input?.toolConfig?.tools).toHaveLength(1);
    expect(input?.toolConfig?.tools?.[0]?.toolSpec?.name).toBe(TOOL_NAME);
    expect(input?.toolConfig?.toolChoice).toEqual({ tool: { name: TOOL_NAME } });
    expect(input?.toolConfig?.tools?.[0]?.toolSpec?.inputSchema?.json).toMatchObject({
      type: 'object',
      required: ['skills'],
    });
    expect(input?.system?.[0]?.text).toContain('TypeScript');
    expect(JSON.stringify(input?.messages)).toContain('Five years of TypeScript');
  });

  it('returns canonical taxonomy names, keeping the most certain of duplicates and counting unknown skills', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(
      toolAnswer({
        skills: [
          found('typescript'),
          found('JS', { confidence: 0.6 }),
          found('JavaScript', { confidence: 0.8 }),
          found('COBOL'),
          found('Underwater basket weaving'),
        ],
      }),
    );

    // Act
    const output = await extractor().extract(resume);

    // Assert
    expect(output.skills.map((skill) => [skill.skill, skill.skillId, skill.confidence])).toEqual([
      ['TypeScript', 'skl_ts', 0.9],
      ['JavaScript', 'skl_js', 0.8],
    ]);
    expect(output.droppedSkills).toBe(2);
    expect(output.skills.every((skill) => skill.requirement === undefined)).toBe(true);
  });

  it('records the model, the prompt version and the token usage', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(toolAnswer({ skills: [found('Go')] }, { inputTokens: 900, outputTokens: 40 }));

    // Act
    const output = await extractor().extract(resume);

    // Assert
    expect(output).toMatchObject({
      extractor: 'bedrock',
      model: MODEL,
      promptVersion: PROMPT_VERSION,
      inputTokens: 900,
      outputTokens: 40,
    });
  });

  it('classifies job description skills, counting an unclassified one as required', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolves(toolAnswer({ skills: [found('Kubernetes', { requirement: 'nice_to_have' }), found('Go')] }));

    // Act
    const output = await extractor().extract({ ...resume, purpose: 'job_description' });

    // Assert
    expect(output.skills.map((skill) => [skill.skill, skill.requirement])).toEqual([
      ['Kubernetes', 'nice_to_have'],
      ['Go', 'required'],
    ]);
  });

  it('re-asks once with what was wrong when the answer fails the schema, and uses the second answer', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(toolAnswer({ skills: [found('Go', { proficiency: 'guru' })] }))
      .resolvesOnce(toolAnswer({ skills: [found('Go')] }));

    // Act
    const output = await extractor().extract(resume);

    // Assert
    const calls = bedrock.commandCalls(ConverseCommand);
    expect(calls).toHaveLength(2);
    const followUp = calls[1]?.args[0].input.messages?.at(-1)?.content?.[0]?.toolResult;
    expect(followUp).toMatchObject({ toolUseId: 'tool-1', status: 'error' });
    expect(JSON.stringify(followUp?.content)).toContain('proficiency');
    expect(output.skills.map((skill) => skill.skill)).toEqual(['Go']);
    expect(output.inputTokens).toBe(2400);
  });

  it('fails with the raw output when the second answer fails the schema too', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(toolAnswer({ skills: 'TypeScript, Go' }));

    // Act
    const error = await extractor()
      .extract(resume)
      .catch((caught: unknown) => caught);

    // Assert
    expect(bedrock.commandCalls(ConverseCommand)).toHaveLength(2);
    expect(error).toBeInstanceOf(ExtractionFailedError);
    expect((error as ExtractionFailedError).code).toBe('extraction_failed');
    expect((error as ExtractionFailedError).rawOutput).toContain('TypeScript, Go');
    expect((error as ExtractionFailedError).message).not.toContain('TypeScript');
  });

  it('re-asks when the model answers in prose instead of calling the tool', async () => {
    // Arrange
    bedrock
      .on(ConverseCommand)
      .resolvesOnce({ $metadata: {}, output: { message: { role: 'assistant', content: [{ text: 'TypeScript' }] } } })
      .resolvesOnce(toolAnswer({ skills: [found('TypeScript')] }));

    // Act
    const output = await extractor().extract(resume);

    // Assert
    const followUp = bedrock.commandCalls(ConverseCommand)[1]?.args[0].input.messages?.at(-1);
    expect(followUp?.role).toBe('user');
    expect(followUp?.content?.[0]?.text).toContain(TOOL_NAME);
    expect(output.skills).toHaveLength(1);
  });

  it('sends at most the first MAX_BEDROCK_INPUT characters and says the input was truncated', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(toolAnswer({ skills: [] }));
    const text = `${'a'.repeat(MAX_BEDROCK_INPUT)}TAIL-MARKER`;

    // Act
    const output = await extractor().extract({ ...resume, text });

    // Assert
    expect(output.inputTruncated).toBe(true);
    expect(JSON.stringify(bedrock.commandCalls(ConverseCommand)[0]?.args[0].input.messages)).not.toContain(
      'TAIL-MARKER',
    );
  });

  it('offers a large taxonomy only the names whose words occur in the text, at most MAX_PROMPT_SKILLS', () => {
    // Arrange
    const taxonomy = largeTaxonomy(MAX_PROMPT_SKILLS + 200);

    // Act
    const names = promptSkillNames(taxonomy, 'TypeScript and k8s, plus Skillname7');

    // Assert
    expect(names).toEqual(['TypeScript', 'Kubernetes', 'Skillname7']);
  });
});
