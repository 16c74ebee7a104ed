import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import { type Principal, systemPrincipal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { analyseJobText, canonicalOverride, type JobTextAnalysis } from './job-description.analysis.ts';
import { JobDescriptionEntity, type JobDescriptionItem } from './job-description.entity.ts';
import { MAX_JOB_DESCRIPTION_TEXT } from './job-description.model.ts';
import { canManageJobDescriptions } from './job-description.policy.ts';
import {
  type CreateJobDescription,
  JobDescription,
  type JobSkillsOverride,
  type ListJobDescriptions,
  type UpdateJobDescription,
} from './job-description.schema.ts';
import { effectiveJobSkills } from './job-description.skills.ts';

export const toJobDescription = (item: JobDescriptionItem): JobDescription =>
  JobDescription.parse({
    id: item.jobDescriptionId,
    title: item.title,
    department: item.department,
    text: item.text,
    documentId: item.documentId,
    status: item.status,
    statusReason: item.statusReason,
    skills: {
      extracted: item.extractedSkills ?? [],
      extractionId: item.extractionId,
      extractedAt: item.extractedAt,
      override: item.skillOverride
        ? { required: item.skillOverride.required ?? [], niceToHave: item.skillOverride.niceToHave ?? [] }
        : null,
      effective: effectiveJobSkills(item),
      overrideStale:
        item.overrideSetAt !== undefined && item.extractedAt !== undefined && item.extractedAt > item.overrideSetAt,
    },
    isActive: item.isActive,
    archivedAt: item.archivedAt,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    createdBy: item.createdBy,
    updatedBy: item.updatedBy,
    version: item.version,
  });

const notFound = (id: string) => new NotFoundError(`Job description ${id} was not found.`);

const assertManager = (actor: Principal): void => {
  if (!canManageJobDescriptions(actor)) throw new ForbiddenError('Only recruiters and admins manage job descriptions.');
};

const loadItem = async (tenantId: string, id: string, consistent = false): Promise<JobDescriptionItem> => {
  const { data } = await JobDescriptionEntity.get({ tenantId, jobDescriptionId: id }).go({ consistent });
  if (!data) throw notFound(id);
  return data;
};

/** Whether an active job description of the tenant has this id: documents are uploaded for one. */
export const jobDescriptionExists = async (tenantId: string, id: string): Promise<boolean> => {
  const { data } = await JobDescriptionEntity.get({ tenantId, jobDescriptionId: id }).go();
  return data?.isActive === true;
};

/** The fields an analysis sets on the item. */
const analysed = (analysis: JobTextAnalysis) => ({
  extractedSkills: analysis.skills,
  extractionId: analysis.extractionId,
  extractedAt: analysis.at,
});

/** What the audit trail says of a change: no posting text, which can be long; only that it changed. */
const auditView = (item: JobDescriptionItem) => {
  const { text, ...rest } = toJobDescription(item);
  return { ...rest, textLength: text?.length ?? 0 };
};

export const createJobDescription = async (
  actor: Principal,
  input: CreateJobDescription,
  jobDescriptionId: string = newId('jobDescription'),
): Promise<JobDescription> => {
  assertManager(actor);
  const analysis =
    input.text === undefined ? undefined : await analyseJobText(actor.tenantId, jobDescriptionId, input.text);
  const params = JobDescriptionEntity.create({
    tenantId: actor.tenantId,
    jobDescriptionId,
    title: input.title,
    ...(input.department !== undefined ? { department: input.department } : {}),
    ...(input.text !== undefined ? { text: input.text } : {}),
    status: analysis ? 'ready' : 'awaiting_document',
    ...(analysis ? analysed(analysis) : {}),
    isActive: true,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: JobDescriptionItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Job description ${jobDescriptionId} already exists.`)),
    auditWrite(actor, {
      action: 'job_description.created',
      entityType: 'job_description',
      entityId: jobDescriptionId,
      after: auditView(params.Item),
    }),
  ]);
  return toJobDescription(params.Item);
};

export const getJobDescription = async (actor: Principal, id: string): Promise<JobDescription> =>
  toJobDescription(await loadItem(actor.tenantId, id));

export const listJobDescriptions = async (
  actor: Principal,
  { limit, cursor, includeArchived }: ListJobDescriptions,
): Promise<Page<JobDescription>> => {
  const query = JobDescriptionEntity.query
    .byTenant({ tenantId: actor.tenantId })
    .where(({ isActive }, { eq }) => (includeArchived ? '' : eq(isActive, true)));
  return pageOf(query, 'gsi1pk', { limit, cursor }, toJobDescription);
};

type Changes = Partial<
  Omit<JobDescriptionItem, 'tenantId' | 'jobDescriptionId' | 'createdAt' | 'createdBy' | 'version' | 'skillOverride'>
> & { skillOverride?: JobSkillsOverride };

interface Decision {
  set: Changes;
  remove?: (keyof JobDescriptionItem)[];
  verb: string;
}

const writeChanges = async (
  actor: Principal,
  id: string,
  expectedVersion: number | undefined,
  decide: (current: JobDescriptionItem) => Decision,
): Promise<JobDescription> => {
  await writeVersioned(expectedVersion, {
    label: `Job description ${id}`,
    load: () => loadItem(actor.tenantId, id),
    decide: (current) => {
      const { set, remove = [], verb } = decide(current);
      return [
        versionedPatch(
          JobDescriptionEntity.patch({ tenantId: actor.tenantId, jobDescriptionId: id }).set({
            ...set,
            updatedBy: actor.userId,
          }),
          current.version,
          remove,
        ),
        auditWrite(actor, {
          action: `job_description.${verb}`,
          entityType: 'job_description',
          entityId: id,
          before: auditView(current),
          after: auditView(patched(current, set, remove)),
        }),
      ];
    },
  });
  return toJobDescription(await loadItem(actor.tenantId, id, true));
};

const assertActive = (current: JobDescriptionItem): void => {
  if (!current.isActive) throw new ConflictError(`Job description ${current.jobDescriptionId} is archived.`);
};

export const updateJobDescription = async (
  actor: Principal,
  id: string,
  changes: UpdateJobDescription,
  expectedVersion?: number,
): Promise<JobDescription> => {
  assertManager(actor);
  // Read the text before the write, outside the transaction: extraction may call a model for seconds.
  const analysis = changes.text === undefined ? undefined : await analyseJobText(actor.tenantId, id, changes.text);
  const override = changes.skills ? await canonicalOverride(actor.tenantId, changes.skills) : changes.skills;
  return writeChanges(actor, id, expectedVersion, (current) => {
    assertActive(current);
    const set: Changes = {};
    const remove: (keyof JobDescriptionItem)[] = [];
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.department === null) remove.push('department');
    else if (changes.department !== undefined) set.department = changes.department;
    if (analysis && changes.text !== undefined) {
      Object.assign(set, analysed(analysis), { text: changes.text, status: 'ready' });
      remove.push('statusReason');
    }
    if (override === null) remove.push('skillOverride', 'overrideSetAt');
    else if (override !== undefined) Object.assign(set, { skillOverride: override, overrideSetAt: isoNow() });
    return { set, remove, verb: 'updated' };
  });
};

/** Archived job descriptions leave the list; archiving one twice changes nothing. */
export const archiveJobDescription = async (actor: Principal, id: string): Promise<void> => {
  assertManager(actor);
  if (!(await loadItem(actor.tenantId, id)).isActive) return;
  await writeChanges(actor, id, undefined, () => ({
    set: { isActive: false, archivedAt: isoNow() },
    verb: 'archived',
  }));
};

/**
 * The text of the job description's uploaded document, read by the document processor:
 * it becomes the posting's text (cut to what an item holds) and its skills are extracted.
 */
export const applyDocumentText = async (
  tenantId: string,
  id: string,
  document: { documentId: string; text: string },
): Promise<{ extractionId: string }> => {
  const text = document.text.slice(0, MAX_JOB_DESCRIPTION_TEXT);
  const analysis = await analyseJobText(tenantId, id, text, document.documentId);
  await writeChanges(systemPrincipal(tenantId, `document:${document.documentId}`), id, undefined, () => ({
    set: { ...analysed(analysis), text, documentId: document.documentId, status: 'ready' },
    remove: ['statusReason'],
    verb: 'document_read',
  }));
  return { extractionId: analysis.extractionId };
};

/** The job description's document could not be read: it says why, unless it already has a text. */
export const markDocumentUnreadable = async (
  tenantId: string,
  id: string,
  document: { documentId: string; reason: string },
): Promise<void> => {
  if ((await loadItem(tenantId, id)).status !== 'awaiting_document') return;
  await writeChanges(systemPrincipal(tenantId, `document:${document.documentId}`), id, undefined, () => ({
    set: { status: 'failed', statusReason: document.reason, documentId: document.documentId },
    verb: 'document_failed',
  }));
};
