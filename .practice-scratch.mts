import { TestSessionEntity } from '/work/main/packages/core/src/test-sessions/test-session.entity.ts';
import { UserEntity } from '/work/main/packages/core/src/identity/user.entity.ts';
const p = TestSessionEntity.create({
  tenantId: 't', testSessionId: 'tses_1', kind: 'practice', scopeId: 'qset_1', ownerId: 'usr_1', questionSetId: 'qset_1',
  attempt: 1, status: 'in_progress', questionIds: ['a'], shuffleOptions: true, startedAt: 'x', dueShard: 'none',
  createdAt: 'x', updatedAt: 'x',
}).params();
console.log(JSON.stringify(p, null, 1));
const u = TestSessionEntity.patch({ tenantId: 't', testSessionId: 'tses_1' }).set({ status: 'scored', updatedAt: 'y', result: {earned:1,possible:1,percentage:100,passed:true,needsReview:false,questionCount:1,answeredCount:1,perSkill:[]} }).add({ version: 1 }).where(({ version }, { eq }) => eq(version, 3)).params();
console.log(JSON.stringify(u, null, 1));
