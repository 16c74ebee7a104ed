import { UserEntity } from '@assist-ten/core/identity/user.entity';
import { type NotificationPreferences, perNotificationType } from '@assist-ten/core/identity/user.model';
import { newId } from '@assist-ten/core/shared/ids';
import { unique } from './users.ts';

/**
 * A user item of its own for a test that counts what one person receives, written straight
 * to the table: it needs no sign-in, so no Cognito account and no seat of the tenant.
 */
export const freshRecipient = async (
  tenantId: string,
  preferences: NotificationPreferences = perNotificationType({ inApp: true, email: true }),
  status: 'active' | 'deactivated' = 'active',
) => {
  const userId = newId('user');
  const email = `${unique('recipient')}@demo.test`;
  await UserEntity.create({
    tenantId,
    userId,
    email,
    name: 'Grace Hopper',
    roles: ['interviewer'],
    status,
    identityUsername: userId,
    notificationPreferences: preferences,
    createdBy: 'test',
    updatedBy: 'test',
  }).go();
  return { userId, email };
};
