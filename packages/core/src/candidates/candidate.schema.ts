import * as z from 'zod/mini';
import { ExtractedSkill, statedSkillList } from '../extraction/extracted-skill.ts';
import { SKILL_PROFICIENCIES } from '../requisitions/requisition.model.ts';
import { boundedList, emailAddress, idPath, listQuery, notEmpty, page, text, trackedView } from '../shared/schema.ts';
import { CANDIDATE_SOURCES, CANDIDATE_STATUSES } from './candidate.model.ts';

const phone = z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{6,32}$/, 'A phone number such as +49 30 1234567'));

/** https only: a link is opened by recruiters, so no http, javascript: or data: URLs. */
const httpsUrl = z
  .string()
  .check(z.trim(), z.maxLength(500), z.url({ protocol: /^https$/, error: 'An https:// address' }));

const links = z.strictObject({
  linkedin: z.optional(httpsUrl),
  github: z.optional(httpsUrl),
  portfolio: z.optional(httpsUrl),
});

const tags = boundedList(text(50), 20).check(
  z.refine((list) => new Set(list.map((tag) => tag.toLowerCase())).size === list.length, {
    message: 'Each tag may be listed once',
  }),
);

const consent = z.strictObject({
  givenAt: z.iso.datetime({ offset: true }),
  purpose: text(500),
});

/** A recruiter's own skill list for the candidate; it replaces the extracted one in `effective`. */
const skills = statedSkillList(100);

export const CreateCandidateBody = z.strictObject({
  fullName: text(200),
  email: emailAddress,
  phone: z.optional(phone),
  location: z.optional(text(200)),
  links: z.optional(links),
  source: z.optional(z.enum(CANDIDATE_SOURCES)),
  tags: z.optional(tags),
  consent: z.optional(consent),
  skills: z.optional(skills),
});
export type CreateCandidate = z.output<typeof CreateCandidateBody>;

/** `null` clears an optional field; `links` replaces all links; `skills: null` drops the override. */
export const UpdateCandidateBody = z
  .strictObject({
    fullName: z.optional(text(200)),
    email: z.optional(emailAddress),
    phone: z.optional(z.nullable(phone)),
    location: z.optional(z.nullable(text(200))),
    links: z.optional(links),
    source: z.optional(z.enum(CANDIDATE_SOURCES)),
    tags: z.optional(tags),
    consent: z.optional(z.nullable(consent)),
    skills: z.optional(z.nullable(skills)),
  })
  .check(notEmpty);
export type UpdateCandidate = z.output<typeof UpdateCandidateBody>;

export const CandidatePath = idPath('candidate');

export const ListCandidatesQuery = z.strictObject({
  /** Exact match (any case), through the blind index: a page of 0 or 1. */
  email: z.optional(emailAddress),
  ...listQuery,
});
export type ListCandidates = z.output<typeof ListCandidatesQuery>;

const statedSkillView = z.object({ skill: z.string(), proficiency: z.enum(SKILL_PROFICIENCIES) });

export const CandidateSkills = z.object({
  extracted: z.array(ExtractedSkill),
  override: z.nullable(z.array(statedSkillView)),
  /** The override when there is one, else the extracted skills as name and level. */
  effective: z.array(statedSkillView),
  extractedAt: z.optional(z.string()),
  /** A resume was read again after the override was set: worth a look whether it still holds. */
  overrideStale: z.boolean(),
});
export type CandidateSkills = z.output<typeof CandidateSkills>;

export const Candidate = z.object({
  id: z.string(),
  fullName: z.string(),
  email: z.string(),
  phone: z.optional(z.string()),
  location: z.optional(z.string()),
  links: z.object({
    linkedin: z.optional(z.string()),
    github: z.optional(z.string()),
    portfolio: z.optional(z.string()),
  }),
  source: z.enum(CANDIDATE_SOURCES),
  tags: z.array(z.string()),
  consent: z.optional(z.object({ givenAt: z.string(), purpose: z.string() })),
  skills: CandidateSkills,
  resumeDocumentId: z.optional(z.string()),
  status: z.enum(CANDIDATE_STATUSES),
  ...trackedView,
});
export type Candidate = z.output<typeof Candidate>;

export const CandidatePage = page(Candidate);
