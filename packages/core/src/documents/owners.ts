import { CandidateEntity } from '../candidates/candidate.entity.ts';
import { jobDescriptionExists } from '../job-descriptions/job-description.service.ts';
import { ValidationError } from '../shared/errors.ts';
import { idPattern } from '../shared/ids.ts';
import type { DocumentKind } from './document.model.ts';

/** Whether `ownerId` names an object of the tenant that may own a document of this kind. */
type OwnerCheck = (tenantId: string, ownerId: string) => Promise<boolean>;

/** An erased candidate keeps its id for references, but nothing new is filed under it. */
const isLiveCandidate: OwnerCheck = async (tenantId, ownerId) => {
  if (!idPattern('candidate').test(ownerId)) return false;
  const { data } = await CandidateEntity.get({ tenantId, candidateId: ownerId }).go();
  return data !== null && data.status !== 'erased';
};

/** An archived job description takes no new document. */
const isActiveJobDescription: OwnerCheck = async (tenantId, ownerId) =>
  idPattern('jobDescription').test(ownerId) && (await jobDescriptionExists(tenantId, ownerId));

export const OWNER_CHECKS: Readonly<Record<DocumentKind, OwnerCheck>> = {
  resume: isLiveCandidate,
  job_description: isActiveJobDescription,
};

const OWNER_NAMES: Readonly<Record<DocumentKind, string>> = {
  resume: 'a candidate',
  job_description: 'a job description',
};

/** A 400 on the body's field, not a 404: the path names no owner, and another tenant's owner does not exist here. */
export const assertOwnerExists = async (tenantId: string, kind: DocumentKind, ownerId: string): Promise<void> => {
  if (await OWNER_CHECKS[kind](tenantId, ownerId)) return;
  throw new ValidationError(`${ownerId} is not ${OWNER_NAMES[kind]} of your tenant.`, {
    errors: [{ field: 'ownerId', code: 'unknown_owner', message: `Name ${OWNER_NAMES[kind]} of your tenant` }],
  });
};
