import { ApplicationEntity, type ApplicationItem } from '../applications/application.entity.ts';
import { UserEntity } from '../identity/user.entity.ts';
import { RequisitionEntity } from '../requisitions/requisition.entity.ts';
import type { StaffRole } from '../shared/principal.ts';

/** What interviews read of their neighbours, in one place, by key only. */

export const readApplication = async (
  tenantId: string,
  applicationId: string,
): Promise<Pick<ApplicationItem, 'candidateId' | 'requisitionId' | 'stage'> | undefined> => {
  const { data } = await ApplicationEntity.get({ tenantId, applicationId }).go({
    attributes: ['candidateId', 'requisitionId', 'stage'],
  });
  return data ?? undefined;
};

export const requisitionTitleOf = async (tenantId: string, requisitionId: string): Promise<string | undefined> => {
  const { data } = await RequisitionEntity.get({ tenantId, requisitionId }).go({ attributes: ['title'] });
  return data?.title;
};

export interface StaffMember {
  userId: string;
  status: string;
  roles: readonly StaffRole[];
}

/**
 * The tenant's users among `userIds`; absent ids are not the tenant's users. One Get each (a
 * panel is at most ten): a BatchGet may leave keys unprocessed, which would read as absent.
 */
export const staffAmong = async (tenantId: string, userIds: readonly string[]): Promise<Map<string, StaffMember>> => {
  const found = await Promise.all(
    userIds.map(async (userId) => {
      const { data } = await UserEntity.get({ tenantId, userId }).go({ attributes: ['userId', 'status', 'roles'] });
      return data ?? undefined;
    }),
  );
  return new Map(
    found.flatMap((user) =>
      user ? [[user.userId, { userId: user.userId, status: user.status, roles: user.roles }]] : [],
    ),
  );
};

/** The zone a user reads times in; undefined when they have none stored. */
export const timeZoneOf = async (tenantId: string, userId: string): Promise<string | undefined> => {
  const { data } = await UserEntity.get({ tenantId, userId }).go({ attributes: ['timezone'] });
  return data?.timezone;
};
