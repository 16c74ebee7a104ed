import { ValidationError } from '../shared/errors.ts';
import { JobDescriptionEntity } from './job-description.entity.ts';
import { effectiveJobSkills } from './job-description.skills.ts';

// Apart from the service so that the requisitions function does not bundle skill extraction.
/** Longest requisition description (requisition.schema.ts): a longer posting is cut there. */
const REQUISITION_DESCRIPTION_MAX = 20_000;

/**
 * What a requisition created from a job description takes from it, unless its body says
 * otherwise: the title, department, posting text and effective skills.
 */
export const requisitionDefaultsFromJobDescription = async (tenantId: string, jobDescriptionId: string) => {
  const { data } = await JobDescriptionEntity.get({ tenantId, jobDescriptionId }).go();
  if (!data?.isActive) {
    throw new ValidationError(`Job description ${jobDescriptionId} is not one of your active job descriptions.`, {
      errors: [
        {
          field: 'jobDescriptionId',
          code: 'unknown_job_description',
          message: 'Use the id of an active job description of your tenant',
        },
      ],
    });
  }
  const { required, niceToHave } = effectiveJobSkills(data);
  return {
    title: data.title,
    ...(data.department === undefined ? {} : { department: data.department }),
    ...(data.text === undefined ? {} : { description: data.text.slice(0, REQUISITION_DESCRIPTION_MAX) }),
    requiredSkills: required,
    niceToHaveSkills: niceToHave,
  };
};
