import type { CalendarEntryItem } from '@assist-ten/core/interviews/calendar-entry.entity';
import type { InterviewItem } from '@assist-ten/core/interviews/interview.entity';
import {
  interviewAuditView,
  summaryOfEntry,
  summaryOfInterview,
  toInterview,
} from '@assist-ten/core/interviews/interview.view';
import { describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';
import { anInterview } from './an-interview.ts';

const NOW = '2030-03-04T08:00:00.000Z';

const stored = (overrides: Partial<InterviewItem> = {}) =>
  ({
    ...anInterview({
      meetingLink: 'https://meet.example.test/a',
      preparationNotes: 'The candidate told us about a health issue',
      questionGuide: { questionSetId: 'qset_1', questions: ['What broke?', 'Why?'] },
      cancelReason: 'Candidate is unwell',
      remindAt: '2030-03-04T08:00:00.000Z',
      reminderShard: 'r3',
    }),
    pk: '$assist-ten#tenantId_tnt_demo#interviewId_int_1',
    gsi4pk: '$assist-ten#reminderShard_r3',
    ...overrides,
  }) as InterviewItem;

describe('toInterview', () => {
  it('shows the stored fields without tenant, shard or keys, and what the caller may do', () => {
    // Act
    const view = toInterview(stored(), aPrincipal({ userId: 'usr_lead', roles: ['interviewer'] }), NOW);

    // Assert
    expect(view).toMatchObject({
      id: 'int_1',
      remindAt: '2030-03-04T08:00:00.000Z',
      opensAt: '2030-03-04T08:30:00.000Z',
      allowedNextStatuses: ['in_progress', 'cancelled', 'no_show'],
      allowedActions: [],
    });
    expect(Object.keys(view).filter((key) => /^(tenantId|interviewId|reminderShard|pk|gsi4pk)$/.test(key))).toEqual([]);
  });
});

describe('summaries', () => {
  it('names the seat of the caller on an interview of a scoped list, and none for an organiser', () => {
    expect(summaryOfInterview(stored(), aPrincipal({ userId: 'usr_lead' })).role).toBe('lead');
    expect(summaryOfInterview(stored(), aPrincipal()).role).toBeUndefined();
  });

  it("takes the caller's own list line from their calendar entry", () => {
    // Arrange
    const entry = { ...stored(), participantId: 'usr_lead', role: 'lead' } as unknown as CalendarEntryItem;

    // Act
    const summary = summaryOfEntry(entry);

    // Assert
    expect(summary).toEqual({
      id: 'int_1',
      status: 'scheduled',
      scheduledAt: '2030-03-04T09:00:00.000Z',
      endsAt: '2030-03-04T10:00:00.000Z',
      durationMinutes: 60,
      interviewType: 'technical',
      interviewMode: 'video',
      round: 1,
      candidateId: 'cand_1',
      applicationId: 'app_1',
      requisitionId: 'req_1',
      requisitionTitle: 'Staff Engineer',
      role: 'lead',
    });
  });
});

describe('interviewAuditView', () => {
  it('keeps that there is free text and how much, never the text', () => {
    // Act
    const view = interviewAuditView(stored());

    // Assert
    expect(JSON.stringify(view)).not.toMatch(/health|unwell|What broke/);
    expect(view).toMatchObject({
      preparationNotes: '[42 characters]',
      questionGuide: { questionSetId: 'qset_1', questions: 2 },
      cancelReason: '[19 characters]',
      meetingLink: 'https://meet.example.test/a',
    });
  });
});
