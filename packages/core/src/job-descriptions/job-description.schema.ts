import * as z from 'zod/mini';
import { ExtractedSkill, StatedSkill, statedSkillList } from '../extraction/extracted-skill.ts';
import { SKILL_REQUIREMENTS } from '../extraction/extractor.ts';
import { idPath, listQuery, notEmpty, page, queryBoolean, text, trackedView } from '../shared/schema.ts';
import { JOB_DESCRIPTION_STATUSES, MAX_JOB_DESCRIPTION_TEXT } from './job-description.model.ts';

const skillList = statedSkillList(50);

/** A recruiter's own list of the skills a posting asks for. */
export const JobSkillsOverride = z.strictObject({ required: skillList, niceToHave: skillList });
export type JobSkillsOverride = z.output<typeof JobSkillsOverride>;

const postingText = text(MAX_JOB_DESCRIPTION_TEXT);

export const CreateJobDescriptionBody = z.strictObject({
  title: text(200),
  department: z.optional(text(100)),
  /** The posting itself; without it the job description waits for its document (POST /documents/upload-url). */
  text: z.optional(postingText),
});
export type CreateJobDescription = z.output<typeof CreateJobDescriptionBody>;

/** `skills` replaces the extracted ones with the recruiter's (null goes back to the extracted); new `text` is read again. */
export const UpdateJobDescriptionBody = z
  .strictObject({
    title: z.optional(text(200)),
    department: z.optional(z.nullable(text(100))),
    text: z.optional(postingText),
    skills: z.optional(z.nullable(JobSkillsOverride)),
  })
  .check(notEmpty);
export type UpdateJobDescription = z.output<typeof UpdateJobDescriptionBody>;

export const JobDescriptionPath = idPath('jobDescription');

export const ListJobDescriptionsQuery = z.strictObject({
  includeArchived: z.optional(queryBoolean),
  ...listQuery,
});
export type ListJobDescriptions = z.output<typeof ListJobDescriptionsQuery>;

export const JobSkill = z.object({ ...ExtractedSkill.shape, requirement: z.enum(SKILL_REQUIREMENTS) });
export type JobSkill = z.output<typeof JobSkill>;

export const JobDescription = z.object({
  id: z.string(),
  title: z.string(),
  department: z.optional(z.string()),
  text: z.optional(z.string()),
  documentId: z.optional(z.string()),
  status: z.enum(JOB_DESCRIPTION_STATUSES),
  statusReason: z.optional(z.string()),
  skills: z.object({
    extracted: z.array(JobSkill),
    extractionId: z.optional(z.string()),
    extractedAt: z.optional(z.string()),
    override: z.nullable(JobSkillsOverride),
    /** What requisitions take: the override when there is one, else the extracted skills. */
    effective: z.object({ required: z.array(StatedSkill), niceToHave: z.array(StatedSkill) }),
    /** The text was read again after the override was set: the override may need a look. */
    overrideStale: z.boolean(),
  }),
  isActive: z.boolean(),
  archivedAt: z.optional(z.string()),
  ...trackedView,
});
export type JobDescription = z.output<typeof JobDescription>;

export const JobDescriptionPage = page(JobDescription);
