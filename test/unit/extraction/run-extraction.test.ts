import { createHash } from 'node:crypto';
import { ExtractionLogEntity } from '@assist-ten/core/extraction/extraction-log.entity';
import type { SkillExtractor } from '@assist-ten/core/extraction/extractor';
import { extractorFromEnv, runExtraction } from '@assist-ten/core/extraction/run-extraction';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { TAXONOMY } from './taxonomy-fixture.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => {
  dynamo.reset();
  delete process.env.SKILL_EXTRACTOR;
  delete process.env.BEDROCK_MODEL_ID;
});

const RESUME = 'Jane Roe, jane@roe.test, +1 555 0100. Expert in TypeScript (7 years).';
const run = (extractor?: SkillExtractor) =>
  runExtraction({
    tenantId: 'tnt_demo',
    subject: { type: 'candidate', id: 'cand_01JABCDEFGHJKMNPQRSTVWXYZ0' },
    documentId: 'doc_01JABCDEFGHJKMNPQRSTVWXYZ0',
    text: RESUME,
    taxonomy: TAXONOMY,
    purpose: 'resume',
    ...(extractor ? { extractor } : {}),
  });

const loggedItem = (): Record<string, unknown> => {
  const [put] = dynamo.commandCalls(PutCommand);
  return (put?.args[0].input.Item ?? {}) as Record<string, unknown>;
};

const failing: SkillExtractor = {
  kind: 'bedrock',
  extract: async () => {
    throw Object.assign(new Error('The model is not available in this region.'), { name: 'ValidationException' });
  },
};

describe('extractorFromEnv', () => {
  it('picks the local extractor when SKILL_EXTRACTOR is unset', () => {
    // Act
    const extractor = extractorFromEnv();

    // Assert
    expect(extractor.kind).toBe('local');
  });

  it('picks the bedrock extractor when asked', () => {
    // Arrange
    process.env.SKILL_EXTRACTOR = 'bedrock';
    process.env.BEDROCK_MODEL_ID = 'model-x';

    // Act
    const extractor = extractorFromEnv();

    // Assert
    expect(extractor.kind).toBe('bedrock');
  });

  it('fails naming the variable for bedrock without a model id', () => {
    // Arrange
    process.env.SKILL_EXTRACTOR = 'bedrock';

    // Act
    const act = () => extractorFromEnv();

    // Assert
    expect(act).toThrow(/BEDROCK_MODEL_ID/);
  });

  it('refuses an unknown extractor name', () => {
    // Arrange
    process.env.SKILL_EXTRACTOR = 'magic';

    // Act
    const act = () => extractorFromEnv();

    // Assert
    expect(act).toThrow(/SKILL_EXTRACTOR must be one of local, bedrock/);
  });
});

describe('runExtraction', () => {
  it('returns the skills and logs the run under the returned id', async () => {
    // Arrange
    dynamo.on(PutCommand).resolves({});

    // Act
    const { extractionId, output } = await run();

    // Assert
    expect(extractionId).toMatch(/^xlog_[0-9A-Z]{26}$/);
    expect(output.skills.map((skill) => skill.skill)).toEqual(['TypeScript']);
    expect(loggedItem()).toMatchObject({
      extractionId,
      tenantId: 'tnt_demo',
      subjectType: 'candidate',
      subjectId: 'cand_01JABCDEFGHJKMNPQRSTVWXYZ0',
      documentId: 'doc_01JABCDEFGHJKMNPQRSTVWXYZ0',
      extractor: 'local',
      promptVersion: 'local-v1',
      status: 'succeeded',
      inputLength: RESUME.length,
      inputHash: createHash('sha256').update(RESUME).digest('hex'),
      output: { skills: [expect.objectContaining({ skill: 'TypeScript', proficiency: 'expert' })] },
    });
  });

  it('never writes the text or its personal data into the log, only into evidence', async () => {
    // Arrange
    dynamo.on(PutCommand).resolves({});

    // Act
    await run();

    // Assert
    const { output, ...rest } = loggedItem();
    expect(JSON.stringify(rest)).not.toContain('jane');
    expect(JSON.stringify(rest)).not.toContain('555');
    expect(output).toBeDefined();
  });

  it('keeps the log as long as the audit trail', async () => {
    // Arrange
    dynamo.on(PutCommand).resolves({});

    // Act
    await run();

    // Assert
    const { createdAt, expiresAt } = loggedItem() as { createdAt: string; expiresAt: number };
    expect(expiresAt - Math.floor(Date.parse(createdAt) / 1000)).toBe(400 * 86_400);
  });

  it('logs a failed run with the error message and code, then rethrows the error', async () => {
    // Arrange
    dynamo.on(PutCommand).resolves({});

    // Act
    const error = await run(failing).catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).message).toBe('The model is not available in this region.');
    expect(loggedItem()).toMatchObject({
      status: 'failed',
      extractor: 'bedrock',
      error: { message: 'The model is not available in this region.', code: 'ValidationException' },
    });
    expect(loggedItem().output).toBeUndefined();
  });

  it('rethrows the extraction error even when logging the failure fails too', async () => {
    // Arrange
    dynamo.on(PutCommand).rejects(new Error('DynamoDB is down'));

    // Act
    const error = await run(failing).catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).name).toBe('ValidationException');
  });

  it('fails when the log of a successful run cannot be written', async () => {
    // Arrange
    dynamo.on(PutCommand).rejects(new Error('DynamoDB is down'));

    // Act
    const error = await run().catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).message).toContain('DynamoDB is down');
  });
});

describe('ExtractionLogEntity', () => {
  it('keeps a run under its tenant and id', () => {
    // Act
    const { Key } = ExtractionLogEntity.get({ tenantId: 'tnt_demo', extractionId: 'xlog_1' }).params<{
      Key: { pk: string; sk: string };
    }>();

    // Assert
    expect(Key.pk).toBe('$assist-ten#tenantId_tnt_demo#extractionId_xlog_1');
  });

  it("lists a subject's runs from one partition of gsi1, newest first", () => {
    // Act
    const params = ExtractionLogEntity.query.bySubject({ tenantId: 'tnt_demo', subjectId: 'cand_1' }).params<{
      IndexName: string;
      ExpressionAttributeValues: Record<string, string>;
    }>();

    // Assert
    expect(params.IndexName).toBe('gsi1');
    expect(params.ExpressionAttributeValues[':pk']).toBe('$assist-ten#tenantId_tnt_demo#subjectId_cand_1');
  });
});
