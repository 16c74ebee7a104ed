import type { JobDescriptionItem } from './job-description.entity.ts';

/** The skills requisitions take from a job description: the recruiter's override, else what was extracted. */
export const effectiveJobSkills = (item: Pick<JobDescriptionItem, 'extractedSkills' | 'skillOverride'>) => {
  if (item.skillOverride) {
    return { required: item.skillOverride.required ?? [], niceToHave: item.skillOverride.niceToHave ?? [] };
  }
  const stated = (requirement: 'required' | 'nice_to_have') =>
    (item.extractedSkills ?? [])
      .filter((skill) => skill.requirement === requirement)
      .map(({ skill, proficiency }) => ({ skill, proficiency }));
  return { required: stated('required'), niceToHave: stated('nice_to_have') };
};
