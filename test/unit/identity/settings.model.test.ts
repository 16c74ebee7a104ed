import {
  DEFAULT_PROCTORING_THRESHOLDS,
  DEFAULT_SETTINGS,
  emailDomainOf,
  isEmailDomainAllowed,
  PROCTORING_EVENT_TYPES,
  SETTINGS_BOUNDS,
} from '@assist-ten/core/identity/settings.model';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@assist-ten/core/identity/user.model';
import { describe, expect, it } from 'vitest';

describe('settings defaults', () => {
  it('give every proctoring event type a severity, and no other', () => {
    // Assert
    expect(Object.keys(DEFAULT_PROCTORING_THRESHOLDS).sort()).toEqual([...PROCTORING_EVENT_TYPES].sort());
  });

  it('lists the fourteen event types the candidate client reports', () => {
    // Assert
    expect(PROCTORING_EVENT_TYPES).toEqual([
      'tab_switch',
      'window_blur',
      'fullscreen_exit',
      'copy',
      'paste',
      'right_click',
      'devtools_open',
      'multiple_faces_detected',
      'no_face_detected',
      'face_mismatch',
      'looking_away',
      'noise_detected',
      'network_disconnect',
      'screen_share_stopped',
    ]);
  });

  it('treat another face or another person as critical', () => {
    // Assert
    expect(DEFAULT_PROCTORING_THRESHOLDS.multiple_faces_detected).toBe('critical');
    expect(DEFAULT_PROCTORING_THRESHOLDS.face_mismatch).toBe('critical');
  });

  it('are the documented values: nobody restricted, users notified as their own defaults', () => {
    // Assert
    expect(DEFAULT_SETTINGS).toMatchObject({
      assessmentDefaults: { durationMinutes: 60, passingScorePercent: 70 },
      proctoring: { autoFlagBelowScore: 60, snapshotRetentionDays: 90 },
      allowedEmailDomains: [],
      interviewDefaults: { durationMinutes: 60, reminderLeadMinutes: 60 },
      timezone: 'UTC',
    });
    expect(DEFAULT_SETTINGS.notificationDefaults).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);
  });

  it('lie within their own bounds', () => {
    // Arrange
    const values = {
      assessmentDurationMinutes: DEFAULT_SETTINGS.assessmentDefaults.durationMinutes,
      passingScorePercent: DEFAULT_SETTINGS.assessmentDefaults.passingScorePercent,
      autoFlagBelowScore: DEFAULT_SETTINGS.proctoring.autoFlagBelowScore,
      snapshotRetentionDays: DEFAULT_SETTINGS.proctoring.snapshotRetentionDays,
      appealWindowDays: DEFAULT_SETTINGS.proctoring.appealWindowDays,
      interviewDurationMinutes: DEFAULT_SETTINGS.interviewDefaults.durationMinutes,
      interviewReminderLeadMinutes: DEFAULT_SETTINGS.interviewDefaults.reminderLeadMinutes,
    };

    // Assert
    for (const [name, { min, max }] of Object.entries(SETTINGS_BOUNDS)) {
      const value = values[name as keyof typeof values];
      expect(value, name).toBeGreaterThanOrEqual(min);
      expect(value, name).toBeLessThanOrEqual(max);
    }
  });

  it('bound interviews to 15 minutes .. 8 hours and scores to 0 .. 100', () => {
    // Assert
    expect(SETTINGS_BOUNDS.interviewDurationMinutes).toEqual({ min: 15, max: 480 });
    expect(SETTINGS_BOUNDS.passingScorePercent).toEqual({ min: 0, max: 100 });
    expect(SETTINGS_BOUNDS.autoFlagBelowScore).toEqual({ min: 0, max: 100 });
  });
});

describe('isEmailDomainAllowed', () => {
  it('allows any address when no domain is listed', () => {
    // Act
    const allowed = isEmailDomainAllowed([], 'anyone@anywhere.example');

    // Assert
    expect(allowed).toBe(true);
  });

  it('allows an address at a listed domain, whatever its letter case', () => {
    // Act
    const exact = isEmailDomainAllowed(['demo.test', 'acme.test'], 'alice@acme.test');
    const shouted = isEmailDomainAllowed(['demo.test'], 'Alice@DEMO.Test');

    // Assert
    expect([exact, shouted]).toEqual([true, true]);
  });

  it('refuses another domain, a subdomain of a listed one, and a look-alike suffix', () => {
    // Act
    const other = isEmailDomainAllowed(['demo.test'], 'mallory@evil.test');
    const subdomain = isEmailDomainAllowed(['demo.test'], 'bob@eu.demo.test');
    const suffix = isEmailDomainAllowed(['demo.test'], 'eve@notdemo.test');

    // Assert
    expect([other, subdomain, suffix]).toEqual([false, false, false]);
  });

  it('reads the domain after the last @, so a quoted @ in the local part cannot smuggle one in', () => {
    // Act
    const domain = emailDomainOf('"demo.test@x"@evil.test');

    // Assert
    expect(domain).toBe('evil.test');
    expect(isEmailDomainAllowed(['demo.test'], '"x@demo.test"@evil.test')).toBe(false);
  });
});
