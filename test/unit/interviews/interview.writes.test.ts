import type { InterviewItem } from '@assist-ten/core/interviews/interview.entity';
import { entryWrites } from '@assist-ten/core/interviews/interview.writes';
import type { TransactionWrite } from '@assist-ten/core/shared/transaction';
import { describe, expect, it } from 'vitest';
import { anInterview as aStoredInterview } from './an-interview.ts';

const anInterview = (overrides: Partial<InterviewItem> = {}): InterviewItem =>
  aStoredInterview({ additionalInterviewers: ['usr_panel'], ...overrides });

const itemOf = (write: TransactionWrite | undefined) =>
  (write?.params as { Item?: Record<string, unknown> } | undefined)?.Item;

/** Each write as `<kind> <participant key> <start key>`. */
const described = (writes: TransactionWrite[]) =>
  writes.map((write) => {
    const params = write.params as { Item?: Record<string, string>; Key?: Record<string, string> };
    const key = params.Item ?? params.Key ?? {};
    return `${write.kind} ${key.pk?.replace(/.*participantId_/, '')} ${key.sk?.replace(/.*scheduledAt_([^#]+).*/, '$1')}`;
  });

describe('entryWrites', () => {
  it('writes one entry per participant of a new interview: lead, panel, candidate', () => {
    // Act
    const writes = entryWrites(undefined, anInterview());

    // Assert
    expect(described(writes)).toEqual([
      'Put usr_lead 2030-03-04T09:00:00.000Z',
      'Put usr_panel 2030-03-04T09:00:00.000Z',
      'Put cand_1 2030-03-04T09:00:00.000Z',
    ]);
    expect(itemOf(writes[1])).toMatchObject({
      role: 'panel',
      status: 'scheduled',
    });
  });

  it('moves every entry of a rescheduled interview: new ones written, old ones deleted', () => {
    // Act
    const writes = entryWrites(anInterview(), anInterview({ scheduledAt: '2030-03-04T11:00:00.000Z' }));

    // Assert
    expect(described(writes)).toEqual([
      'Put usr_lead 2030-03-04T11:00:00.000Z',
      'Put usr_panel 2030-03-04T11:00:00.000Z',
      'Put cand_1 2030-03-04T11:00:00.000Z',
      'Delete usr_lead 2030-03-04T09:00:00.000Z',
      'Delete usr_panel 2030-03-04T09:00:00.000Z',
      'Delete cand_1 2030-03-04T09:00:00.000Z',
    ]);
  });

  it('deletes the entry of an interviewer taken off and rewrites the others in place', () => {
    // Act
    const writes = entryWrites(anInterview(), anInterview({ additionalInterviewers: [], status: 'cancelled' }));

    // Assert
    expect(described(writes)).toEqual([
      'Put usr_lead 2030-03-04T09:00:00.000Z',
      'Put cand_1 2030-03-04T09:00:00.000Z',
      'Delete usr_panel 2030-03-04T09:00:00.000Z',
    ]);
    expect(itemOf(writes[0])).toMatchObject({
      status: 'cancelled',
      gsi1pk: expect.stringContaining('status_cancelled'),
    });
  });
});
