import { DEFAULT_PROCTORING_THRESHOLDS } from '@assist-ten/core/identity/settings.model';
import { countOf, EVENT_TYPE_LABELS, EVENT_TYPE_NOUNS, ordinal } from '@assist-ten/core/proctoring/event-labels';
import {
  eventFlag,
  integrityOf,
  isFlagged,
  MAX_REASONS,
  SEVERITY_POINTS,
  severityRank,
} from '@assist-ten/core/proctoring/integrity';
import {
  PROCTORING_EVENT_TYPES,
  PROCTORING_SEVERITIES,
  type ProctoringEventType,
  type ProctoringSeverity,
} from '@assist-ten/core/proctoring/proctoring.model';
import { type EvaluatedInputEvent, type EventSeverity, evaluateSeverities } from '@assist-ten/core/proctoring/severity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const START = Date.parse('2026-03-02T09:00:00.000Z');
const at = (seconds: number): string => new Date(START + seconds * 1000).toISOString();

let sequence = 0;
const anEvent = (overrides: Partial<EvaluatedInputEvent> = {}): EvaluatedInputEvent => {
  sequence += 1;
  return {
    proctoringEventId: `proc_${String(sequence).padStart(6, '0')}`,
    clientEventId: `client-${sequence}`,
    eventType: 'tab_switch',
    detectedAt: at(sequence),
    reviewStatus: 'pending',
    ...overrides,
  };
};

/** Events already evaluated to these severities: integrityOf on its own, without the severity rules. */
const evaluatedAs = (entries: readonly [ProctoringEventType, ProctoringSeverity, boolean?][]) => {
  const events = entries.map(([eventType]) => anEvent({ eventType }));
  const evaluated = new Map<string, EventSeverity>(
    events.map((event, index) => {
      const [, severity, counted = true] = entries[index] ?? ['tab_switch', 'low'];
      return [event.proctoringEventId, { severity, counted, reasons: [] }];
    }),
  );
  return { events, evaluated };
};

const scored = (events: readonly EvaluatedInputEvent[], allowed: string[] = []) =>
  integrityOf(evaluateSeverities(events, DEFAULT_PROCTORING_THRESHOLDS, allowed), events);

describe('integrityOf', () => {
  it('gives a session without events a full score and nothing to explain', () => {
    // Act
    const result = integrityOf(new Map(), []);

    // Assert
    expect(result).toEqual({
      integrityScore: 100,
      deductions: [],
      severityCounts: { low: 0, medium: 0, high: 0, critical: 0 },
      countedEventCount: 0,
      eventCount: 0,
      reasons: [],
    });
  });

  it.each([
    ['low', 99],
    ['medium', 96],
    ['high', 90],
    ['critical', 75],
  ] as const)('takes the points of a %s event off 100', (severity, expected) => {
    // Arrange
    const { events, evaluated } = evaluatedAs([['copy', severity]]);

    // Act
    const result = integrityOf(evaluated, events);

    // Assert
    expect(result.integrityScore).toBe(expected);
    expect(100 - expected).toBe(SEVERITY_POINTS[severity]);
  });

  it('explains a type by its count and final severities, worst first', () => {
    // Arrange: the third tab switch in 5 minutes is high.
    const events = [0, 60, 120].map((second) => anEvent({ detectedAt: at(second) }));

    // Act
    const result = scored(events);

    // Assert
    expect(result.integrityScore).toBe(82);
    expect(result.deductions).toEqual([
      {
        eventType: 'tab_switch',
        count: 3,
        points: 18,
        worstSeverity: 'high',
        explanation: '3 tab switches (1 high, 2 medium): −18',
      },
    ]);
    expect(result.reasons).toEqual(['3 tab switches (1 high, 2 medium): −18']);
  });

  it('names a single severity once and uses the singular for one event', () => {
    // Arrange
    const { events, evaluated } = evaluatedAs([
      ['paste', 'high'],
      ['paste', 'high'],
      ['multiple_faces_detected', 'critical'],
    ]);

    // Act
    const result = integrityOf(evaluated, events);

    // Assert
    expect(result.deductions.map((deduction) => deduction.explanation)).toEqual([
      '1 detection of multiple faces (critical): −25',
      '2 pastes (high): −20',
    ]);
  });

  it('lists the costliest deductions first, and types of equal cost by type', () => {
    // Arrange
    const { events, evaluated } = evaluatedAs([
      ['tab_switch', 'medium'],
      ['copy', 'medium'],
      ['window_blur', 'low'],
      ['paste', 'high'],
      ['window_blur', 'high'],
    ]);

    // Act
    const result = integrityOf(evaluated, events);

    // Assert
    expect(result.deductions.map(({ eventType, points }) => [eventType, points])).toEqual([
      ['window_blur', 11],
      ['paste', 10],
      ['copy', 4],
      ['tab_switch', 4],
    ]);
    expect(result.deductions[0]).toMatchObject({ count: 2, worstSeverity: 'high' });
  });

  it('never goes below 0', () => {
    // Arrange: 5 × 25 = 125 points.
    const { events, evaluated } = evaluatedAs(
      Array.from({ length: 5 }, () => ['face_mismatch', 'critical'] as [ProctoringEventType, ProctoringSeverity]),
    );

    // Act
    const result = integrityOf(evaluated, events);

    // Assert
    expect(result.integrityScore).toBe(0);
    expect(result.deductions[0]?.points).toBe(125);
  });

  it('costs nothing for uncounted events but counts them among the events', () => {
    // Arrange
    const { events, evaluated } = evaluatedAs([
      ['paste', 'high', false],
      ['copy', 'medium'],
    ]);

    // Act
    const result = integrityOf(evaluated, events);

    // Assert
    expect(result).toMatchObject({
      integrityScore: 96,
      countedEventCount: 1,
      eventCount: 2,
      severityCounts: { low: 0, medium: 1, high: 0, critical: 0 },
    });
    expect(result.deductions.map((deduction) => deduction.eventType)).toEqual(['copy']);
  });

  it('counts an event the evaluation did not name for nothing', () => {
    // Arrange
    const { events, evaluated } = evaluatedAs([['copy', 'medium']]);
    const unevaluated = anEvent({ eventType: 'paste' });

    // Act
    const result = integrityOf(evaluated, [...events, unevaluated]);

    // Assert
    expect(result).toMatchObject({ integrityScore: 96, countedEventCount: 1, eventCount: 2 });
  });

  it('counts severities of the counted events only', () => {
    // Arrange
    const events = [
      anEvent({ eventType: 'window_blur' }),
      anEvent({ eventType: 'copy' }),
      anEvent({ eventType: 'paste' }),
      anEvent({ eventType: 'face_mismatch' }),
      anEvent({ eventType: 'right_click' }),
      anEvent({ eventType: 'devtools_open', reviewStatus: 'dismissed' }),
    ];

    // Act
    const result = scored(events, ['right_click']);

    // Assert
    expect(result.severityCounts).toEqual({ low: 1, medium: 1, high: 1, critical: 1 });
    expect(result.countedEventCount).toBe(4);
    expect(result.eventCount).toBe(6);
    expect(result.integrityScore).toBe(100 - 1 - 4 - 10 - 25);
  });

  it(`keeps the ${MAX_REASONS} costliest explanations as reasons`, () => {
    // Arrange
    const { events, evaluated } = evaluatedAs([
      ['face_mismatch', 'critical'],
      ['paste', 'high'],
      ['copy', 'medium'],
      ['fullscreen_exit', 'medium'],
      ['tab_switch', 'medium'],
      ['looking_away', 'low'],
      ['noise_detected', 'low'],
    ]);

    // Act
    const result = integrityOf(evaluated, events);

    // Assert
    expect(result.deductions).toHaveLength(7);
    expect(result.reasons).toEqual([
      '1 face mismatch (critical): −25',
      '1 paste (high): −10',
      '1 copy (medium): −4',
      '1 full-screen exit (medium): −4',
      '1 tab switch (medium): −4',
    ]);
  });

  it('counts 1,000 copies of the same clientEventId once', () => {
    // Arrange
    const copies = Array.from({ length: 1000 }, (_, n) =>
      anEvent({ clientEventId: 'resent', proctoringEventId: `proc_9${String(n).padStart(5, '0')}` }),
    );

    // Act
    const result = scored(copies);

    // Assert
    expect(result).toMatchObject({ integrityScore: 96, countedEventCount: 1, eventCount: 1 });
    expect(result.reasons).toEqual(['1 tab switch (medium): −4']);
  });

  it('reads one stored event listed twice as one event', () => {
    // Arrange
    const { events, evaluated } = evaluatedAs([['paste', 'high']]);

    // Act
    const result = integrityOf(evaluated, [...events, ...events]);

    // Assert
    expect(result).toMatchObject({ integrityScore: 90, countedEventCount: 1, eventCount: 1 });
  });

  it('keeps the score an integer from 0 to 100 that matches its deductions, whatever the events', () => {
    const anyEvaluation = fc.array(
      fc.tuple(fc.constantFrom(...PROCTORING_EVENT_TYPES), fc.constantFrom(...PROCTORING_SEVERITIES), fc.boolean()),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(anyEvaluation, (entries) => {
        // Arrange
        const { events, evaluated } = evaluatedAs(entries);

        // Act
        const result = integrityOf(evaluated, events);

        // Assert
        const lost = result.deductions.reduce((sum, deduction) => sum + deduction.points, 0);
        expect(Number.isInteger(result.integrityScore)).toBe(true);
        expect(result.integrityScore).toBeGreaterThanOrEqual(0);
        expect(result.integrityScore).toBeLessThanOrEqual(100);
        expect(result.integrityScore).toBe(Math.max(0, 100 - lost));
        expect(result.deductions.reduce((sum, deduction) => sum + deduction.count, 0)).toBe(result.countedEventCount);
        expect(result.countedEventCount).toBe(entries.filter(([, , counted]) => counted).length);
      }),
    );
  });
});

describe('the example in docs/proctoring-scoring.md', () => {
  it('gives the severities, score and explanation the document shows', () => {
    // Arrange
    const event = (
      id: string,
      clientEventId: string,
      eventType: ProctoringEventType,
      second: number,
      extra: Partial<EvaluatedInputEvent> = {},
    ): EvaluatedInputEvent => ({
      proctoringEventId: id,
      clientEventId,
      eventType,
      detectedAt: at(second),
      reviewStatus: 'pending',
      ...extra,
    });
    const events = [
      event('proc_1', 'c1', 'tab_switch', 0, { durationSeconds: 10 }),
      event('proc_2', 'c2', 'tab_switch', 40),
      event('proc_3', 'c3', 'tab_switch', 90, { durationSeconds: 45 }),
      event('proc_3x', 'c3', 'tab_switch', 90, { durationSeconds: 45 }),
      event('proc_4', 'c4', 'window_blur', 200, { durationSeconds: 130 }),
      event('proc_5', 'c5', 'multiple_faces_detected', 400, { reviewStatus: 'confirmed' }),
      event('proc_6', 'c6', 'noise_detected', 410),
      event('proc_7', 'c7', 'paste', 500, { reviewStatus: 'dismissed' }),
    ];

    // Act
    const evaluated = evaluateSeverities(events, DEFAULT_PROCTORING_THRESHOLDS, ['noise_detected']);
    const result = integrityOf(evaluated, events);

    // Assert
    expect(
      [...evaluated].map(([id, { severity, counted }]) => `${id} ${severity}${counted ? '' : ' not counted'}`),
    ).toEqual([
      'proc_1 medium',
      'proc_2 medium',
      'proc_3 high',
      'proc_3x high not counted',
      'proc_4 high',
      'proc_5 critical',
      'proc_6 low not counted',
      'proc_7 high not counted',
    ]);
    expect(evaluated.get('proc_3')?.reasons).toEqual(['lasted 45 s', '3rd tab switch in 5 minutes']);
    expect(result).toMatchObject({
      integrityScore: 47,
      severityCounts: { low: 0, medium: 2, high: 2, critical: 1 },
      countedEventCount: 5,
      eventCount: 7,
      reasons: [
        '1 detection of multiple faces (critical): −25',
        '3 tab switches (1 high, 2 medium): −18',
        '1 loss of window focus (high): −10',
      ],
    });
    expect(isFlagged(result.integrityScore, 60)).toBe(true);
  });
});

describe('isFlagged', () => {
  it.each([
    [59, 60, true],
    [60, 60, false],
    [0, 1, true],
    [99, 100, true],
    [100, 100, false],
  ])('flags a score of %i against a threshold of %i: %s', (score, threshold, expected) => {
    // Act
    const flagged = isFlagged(score, threshold);

    // Assert
    expect(flagged).toBe(expected);
  });

  it('never flags when the threshold is 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (score) => {
        // Act
        const flagged = isFlagged(score, 0);

        // Assert
        expect(flagged).toBe(false);
      }),
    );
  });
});

describe('eventFlag', () => {
  it.each([
    ['low', true, false, false],
    ['medium', true, false, false],
    ['high', true, false, true],
    ['critical', true, false, true],
    ['low', true, true, true],
    ['medium', true, true, true],
    ['critical', false, false, false],
    ['critical', false, true, false],
    ['low', false, true, false],
  ] as const)(
    'flags a %s event (counted %s, session flagged %s): %s',
    (severity, counted, sessionFlagged, expected) => {
      // Act
      const flagged = eventFlag(severity, counted, sessionFlagged);

      // Assert
      expect(flagged).toBe(expected);
    },
  );
});

describe('severityRank', () => {
  it('ranks critical 0 to low 3, so the queue sorts worst first as text', () => {
    // Act
    const ranks = PROCTORING_SEVERITIES.map(severityRank);

    // Assert
    expect(ranks).toEqual(['3', '2', '1', '0']);
    expect([...PROCTORING_SEVERITIES].sort((a, b) => (severityRank(a) < severityRank(b) ? -1 : 1))).toEqual([
      'critical',
      'high',
      'medium',
      'low',
    ]);
  });
});

describe('event labels', () => {
  it('names every event type in words, each differently', () => {
    // Act
    const labels = PROCTORING_EVENT_TYPES.map((eventType) => EVENT_TYPE_LABELS[eventType]);
    const nouns = PROCTORING_EVENT_TYPES.flatMap((eventType) => [
      EVENT_TYPE_NOUNS[eventType].one,
      EVENT_TYPE_NOUNS[eventType].other,
    ]);

    // Assert
    expect(Object.keys(EVENT_TYPE_LABELS).sort()).toEqual([...PROCTORING_EVENT_TYPES].sort());
    expect(Object.keys(EVENT_TYPE_NOUNS).sort()).toEqual([...PROCTORING_EVENT_TYPES].sort());
    expect(new Set(labels).size).toBe(PROCTORING_EVENT_TYPES.length);
    expect(new Set(nouns).size).toBe(PROCTORING_EVENT_TYPES.length * 2);
    expect([...labels, ...nouns].every((text) => /^[a-z][a-z -]*[a-z]$/.test(text))).toBe(true);
  });

  it('uses the singular for one and the plural otherwise', () => {
    // Act
    const texts = [countOf('tab_switch', 1), countOf('tab_switch', 2), countOf('copy', 0), countOf('copy', 3)];

    // Assert
    expect(texts).toEqual(['1 tab switch', '2 tab switches', '0 copies', '3 copies']);
  });

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [101, '101st'],
    [111, '111th'],
  ])('writes %i as %s', (n, expected) => {
    // Act
    const text = ordinal(n);

    // Assert
    expect(text).toBe(expected);
  });
});
