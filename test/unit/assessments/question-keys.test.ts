import { QuestionContent } from '@assist-ten/core/assessments/question.content';
import { LIVE, QuestionEntity, type QuestionItem } from '@assist-ten/core/assessments/question.entity';
import { moveWrite, newQuestionWrite, retireWrite } from '@assist-ten/core/assessments/question.item';
import { QuestionSetEntity } from '@assist-ten/core/assessments/question-set.entity';
import { lockQuestionSetsWrites } from '@assist-ten/core/assessments/question-set.service';
import { questionSetWrite } from '@assist-ten/core/assessments/question-set.store';
import { describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const HOME = 'tnt_demo';
const OTHER = 'tnt_acme';
const SET = 'qset_01JABCDEFGHJKMNPQRSTVWXYZ0';
const QUESTION = 'qst_01JABCDEFGHJKMNPQRSTVWXYZ0';
const actor = aPrincipal({ tenantId: HOME });

interface UpdateParams {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

interface QueryParams {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, string>;
}

const content = QuestionContent.parse({ type: 'true_false', prompt: 'Is it?', correctAnswer: true });

const newItem = (order: number): QuestionItem =>
  newQuestionWrite(actor, { questionId: QUESTION, questionSetId: SET, content, order }).item;

const updatedAttributes = (params: UpdateParams): string[] =>
  Object.entries(params.ExpressionAttributeNames)
    .filter(([name]) => params.UpdateExpression.includes(name))
    .map(([, attribute]) => attribute);

describe('QuestionEntity keys', () => {
  it('reads a question by id with a plain Get on the tenant and the id (BatchGet-able)', () => {
    const params = QuestionEntity.get({ tenantId: HOME, questionId: QUESTION }).params<{ Key: { pk: string } }>();

    expect(params.Key.pk).toContain(HOME);
    expect(params.Key.pk).toContain(QUESTION);
  });

  it('lists a set live questions from its own gsi1 partition, per tenant', () => {
    const query = (tenantId: string) =>
      QuestionEntity.query.live({ tenantId, ownerId: SET, liveIndexKey: LIVE }).params<QueryParams>();

    expect(query(HOME).IndexName).toBe('gsi1');
    expect(query(HOME).ExpressionAttributeValues[':pk']).toContain(SET);
    expect(query(HOME).ExpressionAttributeValues[':pk']).not.toBe(query(OTHER).ExpressionAttributeValues[':pk']);
  });

  it('pads the order in the sort key, so that 10 sorts after 9', () => {
    const sortKey = (order: number) => (newItem(order) as unknown as { gsi1sk: string }).gsi1sk;

    expect(sortKey(9) < sortKey(10)).toBe(true);
    expect(sortKey(10)).toContain('000000010');
  });

  it('takes a retired question out of the live index and keeps its table key', () => {
    const params = retireWrite(actor, { ...newItem(3), version: 2 }).params as UpdateParams;

    expect(params.UpdateExpression).toMatch(/REMOVE .*#gsi1pk/);
    expect(params.ConditionExpression).toContain('#version = :');
  });

  it('rebuilds the live sort key on a move, only from the order it was planned from', () => {
    const params = moveWrite(actor, SET, { questionId: QUESTION, from: 4, to: 2 }, () => new Error('stale'))
      .params as UpdateParams;

    expect(updatedAttributes(params)).toEqual(expect.arrayContaining(['order', 'gsi1pk', 'gsi1sk']));
    expect(Object.values(params.ExpressionAttributeValues)).toEqual(expect.arrayContaining([4, LIVE]));
  });

  it('leaves the index keys alone on a content edit', () => {
    const params = QuestionEntity.patch({ tenantId: HOME, questionId: QUESTION })
      .set({ prompt: 'Changed' })
      .params<UpdateParams>();

    expect(updatedAttributes(params)).not.toEqual(expect.arrayContaining(['gsi1pk']));
  });
});

describe('QuestionSetEntity keys', () => {
  it('lists the tenant sets, and those of one source, from partitions of that tenant', () => {
    const all = QuestionSetEntity.query.byTenant({ tenantId: HOME, listIndexKey: 'listed' }).params<QueryParams>();
    const manual = QuestionSetEntity.query
      .bySource({ tenantId: HOME, source: 'manual', listIndexKey: 'listed' })
      .params<QueryParams>();

    expect([all.IndexName, manual.IndexName]).toEqual(['gsi1', 'gsi2']);
    expect(all.ExpressionAttributeValues[':pk']).toContain(HOME);
    expect(manual.ExpressionAttributeValues[':pk']).toContain('manual');
  });

  it('takes an archived set out of both lists, and a rename leaves them alone', () => {
    const archive = QuestionSetEntity.patch({ tenantId: HOME, questionSetId: SET })
      .set({ archivedAt: '2026-11-25T00:00:00.000Z', listIndexKey: '#archived' })
      .composite({ source: 'manual' })
      .params<UpdateParams>();
    const rename = QuestionSetEntity.patch({ tenantId: HOME, questionSetId: SET })
      .set({ title: 'Renamed' })
      .params<UpdateParams>();

    expect(archive.UpdateExpression).toMatch(/REMOVE .*#gsi1pk/);
    expect(archive.UpdateExpression).toMatch(/REMOVE .*#gsi2pk/);
    expect(updatedAttributes(rename)).not.toEqual(expect.arrayContaining(['gsi1pk']));
    expect(updatedAttributes(rename)).not.toEqual(expect.arrayContaining(['gsi2pk']));
  });

  it('guards every question write on the set version and that it is not archived', () => {
    const params = questionSetWrite(actor, SET, 7, { questionCount: 3 }).params as UpdateParams;

    expect(params.ConditionExpression).toMatch(/#version = :\w+ AND attribute_not_exists\(#archivedAt\)/);
    expect(Object.values(params.ExpressionAttributeValues)).toEqual(expect.arrayContaining([7, 3]));
    expect(updatedAttributes(params)).not.toEqual(expect.arrayContaining(['gsi1pk']));
  });
});

describe('lockQuestionSetsWrites', () => {
  it('locks each set, version + 1, only if it is not archived', () => {
    const writes = lockQuestionSetsWrites(HOME, [SET, 'qset_01JABCDEFGHJKMNPQRSTVWXYZ1']);

    expect(writes).toHaveLength(2);
    const params = writes[0]?.params as UpdateParams;
    expect(writes[0]?.kind).toBe('Update');
    expect(updatedAttributes(params)).toEqual(expect.arrayContaining(['locked', 'version']));
    expect(params.ConditionExpression).toContain('attribute_not_exists(#archivedAt)');
  });

  it('also requires the version the assessment read, when given', () => {
    const [write] = lockQuestionSetsWrites(HOME, [SET], { [SET]: 4 });
    if (!write?.onConditionFailed) throw new Error('expected a lock write that names its failure');

    expect((write.params as UpdateParams).ConditionExpression).toMatch(/#version = :/);
    expect(write.onConditionFailed(undefined).message).toContain(SET);
  });
});
