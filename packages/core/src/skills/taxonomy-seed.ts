import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { auditWrite } from '../platform/audit.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { derivedId } from '../shared/ids.ts';
import { type Principal, SYSTEM_ACTOR_ID, systemPrincipal } from '../shared/principal.ts';
import { transactWrite } from '../shared/transaction.ts';
import { UniqueValueEntity } from '../shared/unique.entity.ts';
import { DEFAULT_SKILLS, type DefaultSkill } from './default-skills.ts';
import { SkillEntity } from './skill.entity.ts';
import { normaliseTerm } from './skill.model.ts';
import { termsOf } from './skill-terms.ts';

/** DynamoDB's limit of one BatchWriteItem. */
const BATCH_SIZE = 25;
/** Batches in flight at once: a new tenant's ~35 batches take a few round trips, not 35. */
const CONCURRENCY = 4;
const ATTEMPTS = 5;
const BASE_BACKOFF_MS = 50;

type Item = Record<string, unknown>;

/** The same id for the same skill of the same tenant on every run (tenant in the seed: ids differ across tenants). */
export const defaultSkillId = (tenantId: string, name: string): string =>
  derivedId('skill', tenantId, `${tenantId}#${name}`);

/** Puts one batch, retrying what DynamoDB left unprocessed after a jittered pause. */
const putBatch = async (table: string, batch: readonly Item[]): Promise<void> => {
  let requests = batch.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 1; requests.length > 0; attempt++) {
    if (attempt > ATTEMPTS)
      throw new Error(`${requests.length} taxonomy items stayed unprocessed; run the seed again.`);
    const { UnprocessedItems } = await documentClient.send(
      new BatchWriteCommand({ RequestItems: { [table]: requests } }),
    );
    requests = (UnprocessedItems?.[table] ?? []).flatMap((request) =>
      request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
    );
    if (requests.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * BASE_BACKOFF_MS * 2 ** attempt));
    }
  }
};

/** Puts items in batches of 25, a few batches at a time. */
const batchPut = async (items: readonly Item[]): Promise<void> => {
  const table = tableName();
  const batches: Item[][] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE) batches.push(items.slice(start, start + BATCH_SIZE));
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) await putBatch(table, batch);
  });
  await Promise.all(workers);
};

/** Every skill the tenant has (archived too) and the terms its active skills hold. */
const presentIn = async (tenantId: string): Promise<{ ids: Set<string>; heldTerms: Set<string> }> => {
  const { data } = await SkillEntity.query
    .byTenant({ tenantId })
    .go({ pages: 'all', attributes: ['skillId', 'name', 'aliases', 'isActive'] });
  const heldTerms = new Set(
    data
      .filter((skill) => skill.isActive)
      .flatMap((skill) => [skill.name, ...(skill.aliases ?? [])].map(normaliseTerm)),
  );
  return { ids: new Set(data.map((skill) => skill.skillId)), heldTerms };
};

/**
 * Writes the default taxonomy into a tenant, idempotently. Skill ids are derived from the
 * tenant and the name, so a skill already there (edited or archived by an admin, too) is
 * found and left alone; a missing one is written with the claims on its terms. Claims are
 * in step with active skills (they change in the same transactions), so the terms held are
 * read off the tenant's skills: a term an admin's skill holds is not claimed again (the
 * alias is dropped; a taken name skips the skill). Batches, not transactions, keep a new
 * tenant's 250 skills and 600 claims to a few dozen calls; run when the tenant is created,
 * before anyone can sign in to it, so no admin's write races the batch.
 */
export const seedSkillTaxonomy = async (
  tenantId: string,
  actor: Principal = systemPrincipal(tenantId, 'seed:skill-taxonomy'),
  skills: readonly DefaultSkill[] = DEFAULT_SKILLS,
): Promise<{ written: number }> => {
  const { ids, heldTerms } = await presentIn(tenantId);
  const items: Item[] = [];
  let written = 0;
  for (const skill of skills) {
    const skillId = defaultSkillId(tenantId, skill.name);
    const terms = termsOf(skill.name, skill.aliases);
    if (ids.has(skillId) || heldTerms.has(terms[0]?.value ?? '')) continue;
    const aliases = skill.aliases.filter((alias) => !heldTerms.has(normaliseTerm(alias)));
    const item = SkillEntity.put({
      tenantId,
      skillId,
      name: skill.name,
      nameKey: normaliseTerm(skill.name),
      category: skill.category,
      aliases,
      isActive: true,
      createdBy: SYSTEM_ACTOR_ID,
      updatedBy: SYSTEM_ACTOR_ID,
    }).params<{ Item: Item }>().Item;
    const claims = termsOf(skill.name, aliases).map(
      ({ value }) =>
        UniqueValueEntity.put({ scope: tenantId, kind: 'skill-term', value, ownerId: skillId }).params<{ Item: Item }>()
          .Item,
    );
    items.push(item, ...claims);
    written++;
  }
  if (written === 0) return { written };
  await batchPut(items);
  await transactWrite([
    auditWrite(actor, {
      action: 'skill.taxonomy_seeded',
      entityType: 'skill_taxonomy',
      entityId: tenantId,
      tenantId,
      after: { skills: written },
    }),
  ]);
  return { written };
};
