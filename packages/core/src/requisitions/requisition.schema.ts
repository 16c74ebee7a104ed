import * as z from 'zod/mini';
import { StatedSkill, statedSkillList } from '../extraction/extracted-skill.ts';
import { ID_PREFIXES, idPattern } from '../shared/ids.ts';
import {
  boundedList,
  idPath,
  listQuery,
  notEmpty,
  page,
  prefixedId,
  queryBoolean,
  text,
  trackedView,
} from '../shared/schema.ts';
import {
  EMPLOYMENT_TYPES,
  EXPERIENCE_LEVELS,
  REMOTE_POLICIES,
  REQUISITION_STATUSES,
  SALARY_PERIODS,
} from './requisition.model.ts';

const skills = statedSkillList(50);

const money = z.int().check(z.minimum(0), z.maximum(100_000_000));

const salary = z
  .strictObject({
    min: money,
    max: money,
    currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as USD')),
    period: z.enum(SALARY_PERIODS),
  })
  .check(z.refine((range) => range.min <= range.max, { message: 'max must be at least min', path: ['max'] }));

const positions = z.int().check(z.minimum(1), z.maximum(10_000));

/** Fields a recruiter writes; everything else (status, dates, audit) the system owns. */
const editable = {
  title: text(200),
  description: text(20_000),
  department: text(100),
  location: text(200),
  remotePolicy: z.enum(REMOTE_POLICIES),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  experienceLevel: z.enum(EXPERIENCE_LEVELS),
  requiredSkills: skills,
  niceToHaveSkills: skills,
  salary,
  positionsAvailable: positions,
  hiringManagerId: z.string().check(z.trim(), z.regex(/^[\w.@-]{1,128}$/, 'A user id')),
  jobDescriptionId: prefixedId,
  assessmentIds: boundedList(prefixedId, 20),
};

/**
 * `roleId` starts the requisition from a job-role template (skills/role.service.ts): the
 * role gives the title, level, department, description and skills that the body leaves out.
 * `jobDescriptionId` does the same from a job description (its title, department, text and
 * effective skills, which win over a role's). Without either the title is required.
 */
export const CreateRequisitionBody = z
  .strictObject({
    roleId: z.optional(z.string().check(z.regex(idPattern('role'), `An id such as ${ID_PREFIXES.role}_01J...`))),
    title: z.optional(editable.title),
    description: z.optional(editable.description),
    department: z.optional(editable.department),
    location: z.optional(editable.location),
    remotePolicy: z.optional(editable.remotePolicy),
    employmentType: z.optional(editable.employmentType),
    experienceLevel: z.optional(editable.experienceLevel),
    requiredSkills: z.optional(editable.requiredSkills),
    niceToHaveSkills: z.optional(editable.niceToHaveSkills),
    salary: z.optional(editable.salary),
    positionsAvailable: z.optional(editable.positionsAvailable),
    hiringManagerId: z.optional(editable.hiringManagerId),
    jobDescriptionId: z.optional(editable.jobDescriptionId),
    assessmentIds: z.optional(editable.assessmentIds),
  })
  .check(
    z.refine((body) => body.title !== undefined || body.roleId !== undefined || body.jobDescriptionId !== undefined, {
      message: 'Give a title, or a roleId or jobDescriptionId to take it from',
      path: ['title'],
    }),
  );
export type CreateRequisition = z.output<typeof CreateRequisitionBody>;

/** `null` clears an optional field. */
export const UpdateRequisitionBody = z
  .strictObject({
    title: z.optional(editable.title),
    description: z.optional(z.nullable(editable.description)),
    department: z.optional(z.nullable(editable.department)),
    location: z.optional(z.nullable(editable.location)),
    remotePolicy: z.optional(z.nullable(editable.remotePolicy)),
    employmentType: z.optional(z.nullable(editable.employmentType)),
    experienceLevel: z.optional(z.nullable(editable.experienceLevel)),
    requiredSkills: z.optional(editable.requiredSkills),
    niceToHaveSkills: z.optional(editable.niceToHaveSkills),
    salary: z.optional(z.nullable(editable.salary)),
    positionsAvailable: z.optional(editable.positionsAvailable),
    positionsFilled: z.optional(z.int().check(z.minimum(0), z.maximum(10_000))),
    hiringManagerId: z.optional(z.nullable(editable.hiringManagerId)),
    jobDescriptionId: z.optional(z.nullable(editable.jobDescriptionId)),
    assessmentIds: z.optional(editable.assessmentIds),
  })
  .check(notEmpty);
export type UpdateRequisition = z.output<typeof UpdateRequisitionBody>;

export const TransitionRequisitionBody = z.strictObject({
  reason: z.optional(text(1000)),
});
export type TransitionRequisition = z.output<typeof TransitionRequisitionBody>;

export const RequisitionPath = idPath('requisition');

export const ListRequisitionsQuery = z.strictObject({
  status: z.optional(z.enum(REQUISITION_STATUSES)),
  mine: z.optional(queryBoolean),
  hiringManagerId: z.optional(editable.hiringManagerId),
  ...listQuery,
});
export type ListRequisitions = z.output<typeof ListRequisitionsQuery>;

export const Requisition = z.object({
  id: z.string(),
  /** The job-role template it was made from, if any. */
  roleId: z.optional(z.string()),
  title: z.string(),
  description: z.optional(z.string()),
  department: z.optional(z.string()),
  location: z.optional(z.string()),
  remotePolicy: z.optional(z.enum(REMOTE_POLICIES)),
  employmentType: z.optional(z.enum(EMPLOYMENT_TYPES)),
  experienceLevel: z.optional(z.enum(EXPERIENCE_LEVELS)),
  requiredSkills: z.array(StatedSkill),
  niceToHaveSkills: z.array(StatedSkill),
  salary: z.optional(salary),
  positionsAvailable: z.int(),
  positionsFilled: z.int(),
  hiringManagerId: z.optional(z.string()),
  jobDescriptionId: z.optional(z.string()),
  assessmentIds: z.array(z.string()),
  status: z.enum(REQUISITION_STATUSES),
  isActive: z.boolean(),
  publishedAt: z.optional(z.string()),
  closedAt: z.optional(z.string()),
  closeReason: z.optional(z.string()),
  ...trackedView,
});
export type Requisition = z.output<typeof Requisition>;

export const RequisitionPage = page(Requisition);
