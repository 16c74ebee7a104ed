import { InterviewSessionEntity } from '@assist-ten/core/interviews/interview.entity';
import { NOT_INDEXED, REMINDER_SHARDS } from '@assist-ten/core/interviews/interview.model';
import { pendingReminder, reminderChange } from '@assist-ten/core/interviews/interview.reminders';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const NOW = '2030-03-04T09:00:00.000Z';
const KEY = { tenantId: 'tnt_demo', interviewId: 'int_1' };

describe('pendingReminder', () => {
  it("is due the tenant's lead time before the start", () => {
    expect(pendingReminder('2030-03-04T12:00:00.000Z', 60, NOW, () => 0)).toEqual({
      remindAt: '2030-03-04T11:00:00.000Z',
      reminderShard: 'r0',
    });
  });

  it('is none when that moment has passed: the invitation just sent is reminder enough', () => {
    expect(pendingReminder('2030-03-04T09:30:00.000Z', 60, NOW)).toBeUndefined();
  });

  it(`spreads reminders over the ${REMINDER_SHARDS} shards, whatever the random number`, () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (random) => {
        const shard = pendingReminder('2030-03-05T09:00:00.000Z', 60, NOW, () => random)?.reminderShard;
        return Array.from({ length: REMINDER_SHARDS }, (_, at) => `r${at}`).includes(shard ?? '');
      }),
    );
  });
});

describe('reminderChange', () => {
  const next = { remindAt: '2030-03-05T08:00:00.000Z', reminderShard: 'r2' };

  it('sets the shard and the time together', () => {
    // Act
    const change = reminderChange({ remindAt: '2030-03-04T10:00:00.000Z' }, next);
    const params = InterviewSessionEntity.patch(KEY).set(change.set).params<{ UpdateExpression: string }>();

    // Assert
    expect(change).toEqual({ set: next, remove: [], composite: undefined });
    expect(params.UpdateExpression).toContain('#gsi4pk');
  });

  it('takes a pending reminder out of the index, naming the time it leaves (ElectroDB accepts the patch)', () => {
    // Act
    const change = reminderChange({ remindAt: '2030-03-04T10:00:00.000Z' }, undefined);
    const params = InterviewSessionEntity.patch(KEY)
      .set(change.set)
      .composite(change.composite ?? { remindAt: '' })
      .remove(change.remove)
      .params<{ UpdateExpression: string }>();

    // Assert
    expect(change).toEqual({
      set: { reminderShard: NOT_INDEXED },
      remove: ['remindAt'],
      composite: { remindAt: '2030-03-04T10:00:00.000Z' },
    });
    expect(params.UpdateExpression).toMatch(/REMOVE .*#remindAt.*#gsi4pk/);
  });

  it('writes nothing for an interview with no pending reminder', () => {
    expect(reminderChange({}, undefined)).toEqual({ set: {}, remove: [], composite: undefined });
  });
});
