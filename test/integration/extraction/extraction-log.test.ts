import type { TaxonomyEntry } from '@assist-ten/core/extraction/extracted-skill';
import type { SkillExtractor } from '@assist-ten/core/extraction/extractor';
import { newId } from '@assist-ten/core/shared/ids';
import { describe, expect, it } from 'vitest';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { runExtraction } = await import('@assist-ten/core/extraction/run-extraction');
const { deleteExtractionsOfSubject, getExtraction, listExtractions, sha256 } = await import(
  '@assist-ten/core/extraction/extraction-log.service'
);

const TAXONOMY: TaxonomyEntry[] = [
  { skillId: 'skl_ts', name: 'TypeScript', category: 'language', aliases: ['TS'] },
  { skillId: 'skl_k8s', name: 'Kubernetes', category: 'operations', aliases: ['k8s'] },
];

const TEXT = 'Sam Doe, sam@doe.test. 4 years of TypeScript; familiar with k8s.';

const failing: SkillExtractor = {
  kind: 'bedrock',
  extract: async () => {
    throw Object.assign(new Error('Model timed out'), { name: 'TimeoutError' });
  },
};

const subject = () => ({ tenantId: newId('tenant'), candidateId: newId('candidate') });

describe('extraction log (DynamoDB Local)', () => {
  it('logs a successful run with its skills and the hash of the text, never the text', async () => {
    // Arrange
    const { tenantId, candidateId } = subject();

    // Act
    const { extractionId, output } = await runExtraction({
      tenantId,
      subject: { type: 'candidate', id: candidateId },
      text: TEXT,
      taxonomy: TAXONOMY,
      purpose: 'resume',
    });

    // Assert
    const log = await getExtraction(tenantId, extractionId);
    expect(log).toMatchObject({
      id: extractionId,
      subjectType: 'candidate',
      subjectId: candidateId,
      status: 'succeeded',
      extractor: 'local',
      inputHash: sha256(TEXT),
      inputLength: TEXT.length,
    });
    expect(log.output?.skills).toEqual(output.skills);
    expect(log.output?.skills.map((skill) => [skill.skill, skill.proficiency])).toEqual([
      ['TypeScript', 'advanced'],
      ['Kubernetes', 'beginner'],
    ]);
    expect(JSON.stringify({ ...log, output: undefined })).not.toContain('sam@doe.test');
  });

  it('logs a failed run with its error, and rethrows the error', async () => {
    // Arrange
    const { tenantId, candidateId } = subject();

    // Act
    const error = await runExtraction({
      tenantId,
      subject: { type: 'candidate', id: candidateId },
      text: TEXT,
      taxonomy: TAXONOMY,
      purpose: 'resume',
      extractor: failing,
    }).catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).name).toBe('TimeoutError');
    const { items } = await listExtractions(tenantId, candidateId, { limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      status: 'failed',
      extractor: 'bedrock',
      error: { message: 'Model timed out', code: 'TimeoutError' },
    });
    expect(items[0]?.output).toBeUndefined();
  });

  it("lists a subject's runs newest first, and only that subject's", async () => {
    // Arrange
    const { tenantId, candidateId } = subject();
    const run = (id: string) =>
      runExtraction({
        tenantId,
        subject: { type: 'candidate', id },
        text: TEXT,
        taxonomy: TAXONOMY,
        purpose: 'resume',
      });
    const first = await run(candidateId);
    const second = await run(candidateId);
    await run(newId('candidate'));

    // Act
    const page = await listExtractions(tenantId, candidateId, { limit: 10 });

    // Assert
    expect(page.items.map((item) => item.id)).toEqual([second.extractionId, first.extractionId]);
  });

  it('is not found in another tenant', async () => {
    // Arrange
    const { tenantId, candidateId } = subject();
    const { extractionId } = await runExtraction({
      tenantId,
      subject: { type: 'candidate', id: candidateId },
      text: TEXT,
      taxonomy: TAXONOMY,
      purpose: 'resume',
    });

    // Act
    const error = await getExtraction(newId('tenant'), extractionId).catch((caught: unknown) => caught);

    // Assert
    expect((error as { statusCode?: number }).statusCode).toBe(404);
  });

  it("deletes every run of a subject and no other subject's", async () => {
    // Arrange
    const { tenantId, candidateId } = subject();
    const other = newId('candidate');
    for (const id of [candidateId, candidateId, other]) {
      await runExtraction({
        tenantId,
        subject: { type: 'candidate', id },
        text: TEXT,
        taxonomy: TAXONOMY,
        purpose: 'resume',
      });
    }

    // Act
    const deleted = await deleteExtractionsOfSubject(tenantId, candidateId);

    // Assert
    expect(deleted).toBe(2);
    expect((await listExtractions(tenantId, candidateId, { limit: 10 })).items).toEqual([]);
    expect((await listExtractions(tenantId, other, { limit: 10 })).items).toHaveLength(1);
  });
});
