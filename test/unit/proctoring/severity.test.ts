import { DEFAULT_PROCTORING_THRESHOLDS, type ProctoringThresholds } from '@assist-ten/core/identity/settings.model';
import {
  PROCTORING_EVENT_TYPES,
  PROCTORING_SEVERITIES,
  type ProctoringEventType,
  REVIEW_STATUSES,
} from '@assist-ten/core/proctoring/proctoring.model';
import {
  type EvaluatedInputEvent,
  evaluateSeverities,
  FREQUENCY_WINDOW_SECONDS,
} from '@assist-ten/core/proctoring/severity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const START = Date.parse('2026-03-02T09:00:00.000Z');
const at = (seconds: number): string => new Date(START + seconds * 1000).toISOString();

/** Ids that sort the way they are numbered, like ULIDs minted in that order. */
const eventId = (n: number): string => `proc_${String(n).padStart(6, '0')}`;

let sequence = 0;
const anEvent = (overrides: Partial<EvaluatedInputEvent> = {}): EvaluatedInputEvent => {
  sequence += 1;
  return {
    proctoringEventId: eventId(sequence),
    clientEventId: `client-${sequence}`,
    eventType: 'tab_switch',
    detectedAt: at(0),
    reviewStatus: 'pending',
    ...overrides,
  };
};

/** Events of one type at these seconds after the start, numbered in that order. */
const burst = (eventType: ProctoringEventType, seconds: readonly number[]): EvaluatedInputEvent[] =>
  seconds.map((second) => anEvent({ eventType, detectedAt: at(second) }));

const evaluate = (
  events: readonly EvaluatedInputEvent[],
  { thresholds = DEFAULT_PROCTORING_THRESHOLDS, allowed = [] as string[] } = {},
) => evaluateSeverities(events, thresholds, allowed);

const severitiesOf = (events: readonly EvaluatedInputEvent[], result: ReturnType<typeof evaluate>) =>
  events.map((event) => result.get(event.proctoringEventId)?.severity);

describe('evaluateSeverities', () => {
  describe('base severity', () => {
    it('gives each type the severity the tenant set for it', () => {
      // Arrange
      const thresholds: ProctoringThresholds = {
        ...DEFAULT_PROCTORING_THRESHOLDS,
        tab_switch: 'critical',
        multiple_faces_detected: 'low',
        looking_away: 'high',
      };
      const events = PROCTORING_EVENT_TYPES.map((eventType) => anEvent({ eventType }));

      // Act
      const result = evaluate(events, { thresholds });

      // Assert
      expect(severitiesOf(events, result)).toEqual(PROCTORING_EVENT_TYPES.map((eventType) => thresholds[eventType]));
      expect([...result.values()].every((outcome) => outcome.counted && outcome.reasons.length === 0)).toBe(true);
    });

    it('falls back to the platform default for a type the tenant settings do not name', () => {
      // Arrange
      const { paste: _unnamed, ...olderThresholds } = { ...DEFAULT_PROCTORING_THRESHOLDS, copy: 'critical' as const };
      const events = [anEvent({ eventType: 'paste' }), anEvent({ eventType: 'copy' })];

      // Act
      const result = evaluateSeverities(events, olderThresholds, []);

      // Assert
      expect(severitiesOf(events, result)).toEqual([DEFAULT_PROCTORING_THRESHOLDS.paste, 'critical']);
    });
  });

  describe('duration', () => {
    it.each([
      [undefined, 'low'],
      [0, 'low'],
      [29, 'low'],
      [29.99, 'low'],
      [30, 'medium'],
      [119, 'medium'],
      [119.9, 'medium'],
      [120, 'high'],
      [86_400, 'high'],
    ] as const)('raises a low event lasting %s s to %s', (durationSeconds, expected) => {
      // Arrange
      const event = anEvent({ eventType: 'window_blur', durationSeconds });

      // Act
      const result = evaluate([event]);

      // Assert
      expect(result.get(event.proctoringEventId)?.severity).toBe(expected);
    });

    it('says how long the event lasted, in whole seconds, when that raised it', () => {
      // Arrange
      const short = anEvent({ eventType: 'window_blur', durationSeconds: 29 });
      const long = anEvent({ eventType: 'looking_away', durationSeconds: 45.8 });

      // Act
      const result = evaluate([short, long]);

      // Assert
      expect(result.get(short.proctoringEventId)?.reasons).toEqual([]);
      expect(result.get(long.proctoringEventId)?.reasons).toEqual(['lasted 45 s']);
    });

    it('never raises past critical', () => {
      // Arrange
      const high = anEvent({ eventType: 'paste', durationSeconds: 600 });
      const critical = anEvent({ eventType: 'face_mismatch', durationSeconds: 600 });

      // Act
      const result = evaluate([high, critical]);

      // Assert
      expect(severitiesOf([high, critical], result)).toEqual(['critical', 'critical']);
      expect(result.get(critical.proctoringEventId)?.reasons).toEqual(['lasted 600 s']);
    });
  });

  describe('frequency', () => {
    it('makes the third tab switch in 5 minutes high', () => {
      // Arrange
      const events = burst('tab_switch', [0, 60, 120]);

      // Act
      const result = evaluate(events);

      // Assert
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium', 'high']);
      expect(result.get(eventId(sequence))?.reasons).toEqual(['3rd tab switch in 5 minutes']);
    });

    it('raises the 3rd to 5th one level and the 6th and later two levels', () => {
      // Arrange
      const events = burst('window_blur', [0, 10, 20, 30, 40, 50, 60]);

      // Act
      const result = evaluate(events);

      // Assert
      expect(severitiesOf(events, result)).toEqual(['low', 'low', 'medium', 'medium', 'medium', 'high', 'high']);
      expect(result.get(events[5]?.proctoringEventId ?? '')?.reasons).toEqual([
        '6th loss of window focus in 5 minutes',
      ]);
    });

    it('leaves out an event detected exactly 5 minutes earlier', () => {
      // Arrange
      const events = burst('tab_switch', [0, 100, FREQUENCY_WINDOW_SECONDS]);

      // Act
      const result = evaluate(events);

      // Assert
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium', 'medium']);
    });

    it('keeps in an event detected a millisecond less than 5 minutes earlier', () => {
      // Arrange
      const events = burst('tab_switch', [0, 100, FREQUENCY_WINDOW_SECONDS - 0.001]);

      // Act
      const result = evaluate(events);

      // Assert
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium', 'high']);
    });

    it('slides: a slow trickle of the same type is never raised', () => {
      // Arrange
      const events = burst('tab_switch', [0, 150, 300, 450, 600, 750]);

      // Act
      const result = evaluate(events);

      // Assert
      expect(severitiesOf(events, result).every((severity) => severity === 'medium')).toBe(true);
    });

    it('orders events detected at the same moment by id', () => {
      // Arrange
      const events = burst('tab_switch', [42, 42, 42]);

      // Act
      const result = evaluate(events.toReversed());

      // Assert
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium', 'high']);
    });

    it('does not count other types toward a type', () => {
      // Arrange
      const events = [
        anEvent({ eventType: 'tab_switch', detectedAt: at(0) }),
        anEvent({ eventType: 'copy', detectedAt: at(10) }),
        anEvent({ eventType: 'window_blur', detectedAt: at(15) }),
        anEvent({ eventType: 'tab_switch', detectedAt: at(20) }),
      ];

      // Act
      const result = evaluate(events);

      // Assert
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium', 'low', 'medium']);
    });

    it('reads times with offsets as the instants they name', () => {
      // Arrange: 10:01+01:00 is 09:01Z, between the other two.
      const events = [
        anEvent({ detectedAt: '2026-03-02T09:00:00Z' }),
        anEvent({ detectedAt: '2026-03-02T10:01:00+01:00' }),
        anEvent({ detectedAt: '2026-03-02T09:02:00.000Z' }),
      ];

      // Act
      const result = evaluate(events);

      // Assert
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium', 'high']);
    });
  });

  describe('duration and frequency together', () => {
    it('takes the larger raise, not the sum', () => {
      // Arrange
      const events = [...burst('tab_switch', [0, 10]), anEvent({ detectedAt: at(20), durationSeconds: 45 })];

      // Act
      const result = evaluate(events);

      // Assert
      const third = result.get(events[2]?.proctoringEventId ?? '');
      expect(third?.severity).toBe('high');
      expect(third?.reasons).toEqual(['lasted 45 s', '3rd tab switch in 5 minutes']);
    });

    it('lets a long duration raise more than the frequency does', () => {
      // Arrange
      const events = [...burst('tab_switch', [0, 10]), anEvent({ detectedAt: at(20), durationSeconds: 120 })];

      // Act
      const result = evaluate(events);

      // Assert
      expect(result.get(events[2]?.proctoringEventId ?? '')?.severity).toBe('critical');
    });
  });

  describe('events that do not count', () => {
    it('keeps an allowed type at its base severity, uncounted, however long or often', () => {
      // Arrange
      const events = burst('tab_switch', [0, 1, 2, 3, 4, 5, 6]).map((event) => ({ ...event, durationSeconds: 500 }));

      // Act
      const result = evaluate(events, { allowed: ['tab_switch'] });

      // Assert
      for (const event of events) {
        expect(result.get(event.proctoringEventId)).toEqual({
          severity: 'medium',
          counted: false,
          reasons: ['allowed by the assessment'],
        });
      }
    });

    it('still scores the types the assessment does not allow', () => {
      // Arrange
      const events = [...burst('copy', [0, 1, 2]), ...burst('tab_switch', [3])];

      // Act
      const result = evaluate(events, { allowed: ['tab_switch', 'not_a_type'] });

      // Assert
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium', 'high', 'medium']);
      expect(events.map((event) => result.get(event.proctoringEventId)?.counted)).toEqual([true, true, true, false]);
    });

    it('keeps a dismissed event at its base severity and out of the frequency of the others', () => {
      // Arrange
      const events = burst('tab_switch', [0, 10, 20]);
      const dismissed = {
        ...anEvent({ detectedAt: at(15), durationSeconds: 300 }),
        reviewStatus: 'dismissed' as const,
      };

      // Act
      const result = evaluate([...events, dismissed]);

      // Assert
      expect(result.get(dismissed.proctoringEventId)).toEqual({
        severity: 'medium',
        counted: false,
        reasons: ['dismissed by a reviewer'],
      });
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium', 'high']);
      expect(result.get(events[2]?.proctoringEventId ?? '')?.reasons).toEqual(['3rd tab switch in 5 minutes']);
    });

    it('counts a confirmed event like a pending one', () => {
      // Arrange
      const events = burst('tab_switch', [0, 10, 20]).map((event, index) =>
        index === 0 ? { ...event, reviewStatus: 'confirmed' as const } : event,
      );

      // Act
      const result = evaluate(events);

      // Assert
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium', 'high']);
      expect(result.get(events[0]?.proctoringEventId ?? '')?.counted).toBe(true);
    });
  });

  describe('duplicates', () => {
    it('counts the copy with the smallest id and points the others at it', () => {
      // Arrange: the smaller id was detected later; the id decides, not the time.
      const later = anEvent({ proctoringEventId: 'proc_A', clientEventId: 'same', detectedAt: at(50) });
      const earlier = anEvent({ proctoringEventId: 'proc_B', clientEventId: 'same', detectedAt: at(0) });

      // Act
      const result = evaluate([earlier, later]);

      // Assert
      expect(result.get('proc_A')).toEqual({ severity: 'medium', counted: true, reasons: [] });
      expect(result.get('proc_B')).toEqual({
        severity: 'medium',
        counted: false,
        duplicateOf: 'proc_A',
        reasons: ['repeat of proc_A'],
      });
    });

    it('does not let copies of one event raise its frequency', () => {
      // Arrange
      const original = anEvent({ clientEventId: 'flaky-page' });
      const copies = [1, 2, 3, 4, 5, 6].map((n) =>
        anEvent({
          clientEventId: 'flaky-page',
          detectedAt: at(n),
          proctoringEventId: `${original.proctoringEventId}${n}`,
        }),
      );

      // Act
      const result = evaluate([...copies, original]);

      // Assert
      expect(result.get(original.proctoringEventId)).toEqual({ severity: 'medium', counted: true, reasons: [] });
      expect(copies.every((copy) => result.get(copy.proctoringEventId)?.counted === false)).toBe(true);
    });

    it('gives a copy the severity its original was raised to', () => {
      // Arrange
      const events = burst('tab_switch', [0, 10, 20]);
      const third = events[2] ?? anEvent();
      const copy = { ...third, proctoringEventId: `${third.proctoringEventId}Z`, detectedAt: at(21) };

      // Act
      const result = evaluate([...events, copy]);

      // Assert
      expect(result.get(copy.proctoringEventId)).toMatchObject({
        severity: 'high',
        counted: false,
        duplicateOf: third.proctoringEventId,
      });
    });

    it('counts 1,000 copies of the same clientEventId once', () => {
      // Arrange
      const copies = Array.from({ length: 1000 }, (_, n) =>
        anEvent({ clientEventId: 'resent', proctoringEventId: eventId(900_000 + n), detectedAt: at(n % 60) }),
      );

      // Act
      const result = evaluate(copies.toReversed());

      // Assert
      const counted = [...result].filter(([, outcome]) => outcome.counted);
      expect(counted).toEqual([[eventId(900_000), { severity: 'medium', counted: true, reasons: [] }]]);
      expect([...result.values()].filter((outcome) => outcome.duplicateOf === eventId(900_000))).toHaveLength(999);
    });

    it('reads one stored event listed twice as one event', () => {
      // Arrange
      const events = burst('tab_switch', [0, 10]);

      // Act
      const result = evaluate([...events, ...events]);

      // Assert
      expect(result.size).toBe(2);
      expect(severitiesOf(events, result)).toEqual(['medium', 'medium']);
    });
  });

  describe('properties', () => {
    const TYPES = ['tab_switch', 'window_blur', 'paste', 'face_mismatch'] as const;
    const anySession = fc.uniqueArray(
      fc.record({
        proctoringEventId: fc.integer({ min: 0, max: 99_999 }).map(eventId),
        clientEventId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
        eventType: fc.constantFrom(...TYPES),
        detectedAt: fc.integer({ min: 0, max: 900 }).map(at),
        durationSeconds: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
        reviewStatus: fc.constantFrom(...REVIEW_STATUSES),
      }),
      { selector: (event) => event.proctoringEventId, maxLength: 40 },
    );
    const anyAllowed = fc.subarray([...TYPES]);

    it('gives the same result for the same events in any order', () => {
      fc.assert(
        fc.property(
          anySession.chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
          ),
          anyAllowed,
          ([events, shuffled], allowed) => {
            // Act
            const original = evaluate(events, { allowed });
            const reordered = evaluate(shuffled, { allowed });

            // Assert
            expect([...reordered]).toEqual([...original]);
          },
        ),
      );
    });

    it("counts one event per clientEventId at most, never lowers a severity, and gives copies their original's", () => {
      fc.assert(
        fc.property(anySession, anyAllowed, (events, allowed) => {
          // Act
          const result = evaluate(events, { allowed });

          // Assert
          expect(result.size).toBe(events.length);
          const countedClients = events
            .filter((event) => result.get(event.proctoringEventId)?.counted)
            .map((event) => event.clientEventId);
          expect(new Set(countedClients).size).toBe(countedClients.length);
          for (const event of events) {
            const outcome = result.get(event.proctoringEventId);
            if (outcome?.duplicateOf) {
              expect(outcome.severity).toBe(result.get(outcome.duplicateOf)?.severity);
              continue;
            }
            const base = PROCTORING_SEVERITIES.indexOf(DEFAULT_PROCTORING_THRESHOLDS[event.eventType]);
            expect(PROCTORING_SEVERITIES.indexOf(outcome?.severity ?? 'low')).toBeGreaterThanOrEqual(base);
            if (outcome?.counted) {
              expect(allowed).not.toContain(event.eventType);
              expect(event.reviewStatus).not.toBe('dismissed');
            }
          }
        }),
      );
    });
  });
});
