import { runExtraction } from '../extraction/run-extraction.ts';
import { isoNow } from '../shared/clock.ts';
import { ValidationError } from '../shared/errors.ts';
import { canonicalStatedSkills, loadTaxonomy } from '../skills/taxonomy.ts';
import type { JobSkill, JobSkillsOverride } from './job-description.schema.ts';

export interface JobTextAnalysis {
  skills: JobSkill[];
  extractionId: string;
  at: string;
}

/**
 * Extracts the skills of a posting with the tenant's taxonomy (logged as an extraction of
 * the job description). A skill the text does not place in a requirements or a
 * nice-to-have section counts as required: a posting names what it asks for.
 */
export const analyseJobText = async (
  tenantId: string,
  jobDescriptionId: string,
  text: string,
  documentId?: string,
): Promise<JobTextAnalysis> => {
  const taxonomy = await loadTaxonomy(tenantId);
  const { extractionId, output } = await runExtraction({
    tenantId,
    subject: { type: 'job_description', id: jobDescriptionId },
    ...(documentId !== undefined ? { documentId } : {}),
    text,
    taxonomy,
    purpose: 'job_description',
  });
  const skills = output.skills.map((skill) => ({ ...skill, requirement: skill.requirement ?? 'required' }));
  return { skills, extractionId, at: isoNow() };
};

/** A recruiter's skills in the taxonomy's canonical names; unknown or repeated skills are 400s naming their field. */
export const canonicalOverride = async (tenantId: string, override: JobSkillsOverride): Promise<JobSkillsOverride> => {
  const taxonomy = await loadTaxonomy(tenantId);
  const required = canonicalStatedSkills(taxonomy, override.required, 'skills.required');
  const niceToHave = canonicalStatedSkills(taxonomy, override.niceToHave, 'skills.niceToHave');
  const errors = [...required.errors, ...niceToHave.errors];
  if (errors.length) throw new ValidationError('Some skills are not in your skill taxonomy.', { errors });
  return { required: required.skills, niceToHave: niceToHave.skills };
};
