import { CandidateEntity } from '../candidates/candidate.entity.ts';
import { UserEntity } from '../identity/user.entity.ts';
import { RequisitionEntity, type RequisitionItem } from '../requisitions/requisition.entity.ts';

/**
 * What this context reads of its neighbours, in one place: the requisition and candidate an
 * application refers to, and the users a note mentions. Reads by key only.
 */

export const readRequisition = async (
  tenantId: string,
  requisitionId: string,
  consistent = false,
): Promise<RequisitionItem | undefined> => {
  const { data } = await RequisitionEntity.get({ tenantId, requisitionId }).go({ consistent });
  return data ?? undefined;
};

/**
 * The candidate's name, or undefined when the tenant has no such candidate. An erased one is
 * absent (as candidates' own loadCandidate has it); read directly, two attributes, so this
 * function's bundle carries none of the candidates' encryption code.
 */
export const candidateNameOf = async (tenantId: string, candidateId: string): Promise<string | undefined> => {
  const { data } = await CandidateEntity.get({ tenantId, candidateId }).go({ attributes: ['fullName', 'status'] });
  return data && data.status !== 'erased' ? data.fullName : undefined;
};

/** Which of `userIds` are active users of the tenant (one BatchGet). */
export const activeUsersAmong = async (tenantId: string, userIds: readonly string[]): Promise<Set<string>> => {
  if (userIds.length === 0) return new Set();
  const { data } = await UserEntity.get(userIds.map((userId) => ({ tenantId, userId }))).go({
    attributes: ['userId', 'status'],
  });
  return new Set(data.filter((user) => user.status === 'active').map((user) => user.userId));
};
