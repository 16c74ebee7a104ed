import { runExtraction } from '../extraction/run-extraction.ts';
import { isoNow } from '../shared/clock.ts';
import { canonicalSkillLists, loadTaxonomy } from '../skills/taxonomy.ts';
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
  const { required = [], niceToHave = [] } = await canonicalSkillLists(tenantId, override, (key) => `skills.${key}`);
  return { required, niceToHave };
};
