import { EVENT_PAYLOADS, EVENT_QUEUES, NotificationEvent } from '@assist-ten/core/events/catalogue';
import { DEFAULT_SETTINGS, SETTINGS_BOUNDS } from '@assist-ten/core/identity/settings.model';
import { AdminSettings, ReplaceSettingsBody } from '@assist-ten/core/identity/settings.schema';
import { draftFor } from '@assist-ten/core/notifications/rules';
import { appealClosesAt, assertAppealable } from '@assist-ten/core/proctoring/appeal.rules';
import { AppealBody } from '@assist-ten/core/proctoring/appeal.schema';
import { ConflictError, GoneError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const SUBMITTED = '2026-03-02T09:00:00.000Z';
const finished = { status: 'scored' as const, submittedAt: SUBMITTED };

describe('appealClosesAt', () => {
  it('is whole days after the submission', () => {
    // Act
    const closes = appealClosesAt(SUBMITTED, 14);

    // Assert
    expect(closes).toBe('2026-03-16T09:00:00.000Z');
  });
});

describe('assertAppealable', () => {
  it('takes an appeal of a finished attempt up to the last moment of the window', () => {
    // Act
    const early = thrownBy(() => assertAppealable(finished, 14, '2026-03-02T09:00:01.000Z'), { orNothing: true });
    const last = thrownBy(() => assertAppealable(finished, 14, '2026-03-16T09:00:00.000Z'), { orNothing: true });
    const submittedOnly = thrownBy(
      () => assertAppealable({ status: 'submitted', submittedAt: SUBMITTED }, 1, '2026-03-02T10:00:00.000Z'),
      { orNothing: true },
    );

    // Assert
    expect([early, last, submittedOnly]).toEqual([undefined, undefined, undefined]);
  });

  it('refuses an appeal after the window with a 410 that says when it closed', () => {
    // Act
    const error = thrownBy(() => assertAppealable(finished, 14, '2026-03-16T09:00:00.001Z'));

    // Assert
    expect(error).toBeInstanceOf(GoneError);
    expect((error as GoneError).extensions).toEqual({
      reason: 'appeal_window_closed',
      closedAt: '2026-03-16T09:00:00.000Z',
    });
  });

  it('refuses every appeal when the tenant set the window to 0 days', () => {
    // Act
    const error = thrownBy(() => assertAppealable(finished, 0, SUBMITTED));

    // Assert
    expect(error).toBeInstanceOf(GoneError);
    expect((error as GoneError).extensions).toEqual({ reason: 'appeals_off' });
  });

  it.each([
    ['no attempt yet', undefined, 'no_attempt'],
    ['an attempt still open', { status: 'in_progress' as const, submittedAt: undefined }, 'session_in_progress'],
  ])('refuses %s with a 409', (_, session, reason) => {
    // Act
    const error = thrownBy(() => assertAppealable(session, 14, SUBMITTED));

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toEqual({ reason });
  });
});

describe('appealWindowDays setting', () => {
  it('defaults to 14 days within 0 .. 90', () => {
    // Assert
    expect(DEFAULT_SETTINGS.proctoring.appealWindowDays).toBe(14);
    expect(SETTINGS_BOUNDS.appealWindowDays).toEqual({ min: 0, max: 90 });
  });

  it('may be left out of a PUT, which then sets the default, and is bounded when sent', () => {
    // Arrange
    const { appealWindowDays: _, ...olderProctoring } = DEFAULT_SETTINGS.proctoring;
    const olderBody = { ...JSON.parse(JSON.stringify(DEFAULT_SETTINGS)), proctoring: olderProctoring };
    const withWindow = (days: unknown) => ({
      ...JSON.parse(JSON.stringify(DEFAULT_SETTINGS)),
      proctoring: { ...DEFAULT_SETTINGS.proctoring, appealWindowDays: days },
    });

    // Act
    const older = ReplaceSettingsBody.safeParse(olderBody);
    const off = ReplaceSettingsBody.safeParse(withWindow(0));
    const tooLong = ReplaceSettingsBody.safeParse(withWindow(91));
    const fraction = ReplaceSettingsBody.safeParse(withWindow(1.5));

    // Assert
    expect(older.data?.proctoring.appealWindowDays).toBe(14);
    expect(off.data?.proctoring.appealWindowDays).toBe(0);
    expect(tooLong.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['proctoring.appealWindowDays']);
    expect(fraction.success).toBe(false);
  });

  it('reads as the default from settings saved before it existed', () => {
    // Arrange
    const { appealWindowDays: _, ...olderProctoring } = DEFAULT_SETTINGS.proctoring;

    // Act
    const read = AdminSettings.parse({ ...DEFAULT_SETTINGS, proctoring: olderProctoring, version: 3 });

    // Assert
    expect(read.proctoring.appealWindowDays).toBe(14);
  });
});

describe('AppealBody', () => {
  it('takes 20 to 4000 characters after trimming, and nothing else', () => {
    // Act
    const valid = AppealBody.safeParse({ text: `  ${'My sister walked in.'}  ` });
    const short = AppealBody.safeParse({ text: `  ${'a'.repeat(19)}   ` });
    const long = AppealBody.safeParse({ text: 'a'.repeat(4001) });
    const extra = AppealBody.safeParse({ text: 'a'.repeat(30), name: 'Casey' });

    // Assert
    expect(valid.data).toEqual({ text: 'My sister walked in.' });
    expect([short.success, long.success, extra.success]).toEqual([false, false, false]);
  });
});

describe('the appeal notification', () => {
  it("tells the assessment's recruiter, high priority, with no candidate name and no appeal text", () => {
    // Arrange
    const event = NotificationEvent.parse({
      eventId: 'evt_01JDEM00000000000000000001',
      type: 'proctoring.appeal_submitted',
      tenantId: 'tnt_01JDEM00000000000000000001',
      occurredAt: '2026-03-02T09:00:00.000Z',
      actorId: 'cand_01JDEM00000000000000000001',
      payload: {
        testSessionId: 'tses_01JDEM00000000000000000001',
        assessmentId: 'asmt_01JDEM00000000000000000001',
        assessmentTitle: 'Backend screen',
        reviewerIds: ['usr_01JDEM00000000000000000A02'],
      },
    });

    // Act
    const draft = draftFor(event);

    // Assert
    expect(draft).toMatchObject({
      recipients: ['usr_01JDEM00000000000000000A02'],
      type: 'proctoring',
      priority: 'high',
      relatedEntityType: 'test_session',
      relatedEntityId: 'tses_01JDEM00000000000000000001',
      actionUrl: '/proctoring/sessions/tses_01JDEM00000000000000000001',
    });
    const { title, message } = draft.content({ name: 'Grace', timezone: 'UTC', locale: 'en' });
    expect(`${title} ${message}`).toContain('Backend screen');
    expect(EVENT_QUEUES['proctoring.appeal_submitted']).toBe('notifications');
  });

  it('keeps only ids and the title of a payload: appeal text sent along never reaches the outbox', () => {
    // Act
    const parsed = EVENT_PAYLOADS['proctoring.appeal_submitted'].safeParse({
      testSessionId: 'tses_01JDEM00000000000000000001',
      assessmentId: 'asmt_01JDEM00000000000000000001',
      assessmentTitle: 'Backend screen',
      reviewerIds: [],
      text: 'My flatmate walked in.',
    });

    // Assert
    expect(parsed.data).not.toHaveProperty('text');
  });
});
