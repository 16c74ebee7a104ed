import {
  BUCKET_COUNT,
  bucketOf,
  COUNTER_FIELDS,
  type Counters,
  creationDeltas,
  enteredStages,
  funnelOf,
  medianHours,
  moveDeltas,
} from '@assist-ten/core/applications/funnel.model';
import { describe, expect, it } from 'vitest';

const histogram = (entries: Record<number, number>): number[] =>
  Array.from({ length: BUCKET_COUNT }, (_, bucket) => entries[bucket] ?? 0);

const sum = (into: Counters, deltas: Counters): Counters => {
  const total: Counters = { ...into };
  for (const [field, value] of Object.entries(deltas) as [keyof Counters, number][]) {
    total[field] = (total[field] ?? 0) + value;
  }
  return total;
};

const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000).toISOString();

describe('bucketOf', () => {
  it.each([
    [0, 0],
    [0.99, 0],
    [1, 1],
    [3.5, 1],
    [12, 3],
    [47.9, 4],
    [168, 7],
    [1439, 9],
    [1440, 10],
    [100_000, 10],
  ])('puts %f hours in bucket %i', (hours, bucket) => {
    expect(bucketOf(hours)).toBe(bucket);
  });
});

describe('medianHours', () => {
  it('is null without samples', () => {
    expect(medianHours(histogram({}))).toBeNull();
  });

  it('reads one sample as the middle of its bucket', () => {
    // Arrange: one stay of 1-2 days
    const counts = histogram({ 4: 1 });

    // Act
    const median = medianHours(counts);

    // Assert
    expect(median).toBe(36);
  });

  it('interpolates inside the bucket that holds the middle sample', () => {
    // Arrange: 2 under an hour, 2 of 4-12 h: the middle (2 of 4) is the upper edge of the first bucket
    const counts = histogram({ 0: 2, 2: 2 });

    // Act
    const median = medianHours(counts);

    // Assert
    expect(median).toBe(1);
  });

  it('lands a quarter into the bucket when a quarter of its samples are needed', () => {
    // Arrange: 3 samples under 1 h, 4 samples in 12-24 h; the middle (3.5) is half a sample into 12-24 h
    const counts = histogram({ 0: 3, 3: 4 });

    // Act
    const median = medianHours(counts);

    // Assert: 12 + (0.5 / 4) * 12
    expect(median).toBe(13.5);
  });

  it('stays within the bucket of the true median, however the samples lie inside it', () => {
    // Arrange: 5 true stays in hours, their histogram
    const stays = [2, 30, 31, 47, 200];
    const counts = histogram({});
    for (const hours of stays) counts[bucketOf(hours)] = (counts[bucketOf(hours)] ?? 0) + 1;

    // Act
    const median = medianHours(counts) ?? Number.NaN;

    // Assert: the true median is 31, in the 24-48 h bucket
    expect(median).toBeGreaterThanOrEqual(24);
    expect(median).toBeLessThanOrEqual(48);
  });

  it('gives the lower bound of the open-ended last bucket, a floor', () => {
    expect(medianHours(histogram({ 10: 3 }))).toBe(1440);
  });
});

describe('enteredStages', () => {
  it('counts skipped stages as passed through', () => {
    expect(enteredStages('applied', 'interview')).toEqual(['screening', 'assessment', 'interview']);
  });

  it('enters nothing on a step back or a return to a stage already reached', () => {
    expect(enteredStages('interview', 'assessment')).toEqual([]);
    expect(enteredStages('interview', 'interview')).toEqual([]);
  });

  it('enters an exit as itself', () => {
    expect(enteredStages('offer', 'rejected')).toEqual(['rejected']);
  });
});

describe('moveDeltas', () => {
  it('moves one application between stages and records the stay it ended', () => {
    // Act
    const deltas = moveDeltas({
      from: 'applied',
      to: 'screening',
      furthest: 'applied',
      stageEnteredAt: at(0),
      appliedAt: at(0),
      at: at(30),
    });

    // Assert
    expect(deltas).toEqual({ currentApplied: -1, currentScreening: 1, enteredScreening: 1, hoursInApplied4: 1 });
  });

  it('records the time to hire and the stay in the offer on a hire', () => {
    // Act
    const deltas = moveDeltas({
      from: 'offer',
      to: 'hired',
      furthest: 'offer',
      stageEnteredAt: at(100),
      appliedAt: at(0),
      at: at(200),
    });

    // Assert
    expect(deltas).toEqual({ currentOffer: -1, currentHired: 1, enteredHired: 1, hoursInOffer6: 1, hoursToHire7: 1 });
  });

  it('names only counter fields the entity defines', () => {
    // Act
    const deltas = moveDeltas({
      from: 'applied',
      to: 'offer',
      furthest: 'applied',
      stageEnteredAt: at(0),
      appliedAt: at(0),
      at: at(5000),
    });

    // Assert
    expect(Object.keys(deltas).every((field) => (COUNTER_FIELDS as readonly string[]).includes(field))).toBe(true);
  });
});

describe('funnelOf', () => {
  it('is all zeros and nulls without counters', () => {
    // Act
    const funnel = funnelOf({});

    // Assert
    expect(funnel.totals).toEqual({
      applications: 0,
      active: 0,
      hired: 0,
      rejected: 0,
      withdrawn: 0,
      hireRate: null,
      medianHoursToHire: null,
    });
    expect(funnel.stages.every((stage) => stage.current === 0 && stage.conversionFromPrevious === null)).toBe(true);
  });

  it('adds up a scripted pipeline: 4 applied, 3 screened, 1 skipped to interview, 1 hired, 1 rejected', () => {
    // Arrange
    let counters: Counters = {};
    for (let index = 0; index < 4; index++) counters = sum(counters, creationDeltas());
    const move = (from: 'applied' | 'screening' | 'interview' | 'offer', to: string, furthest: string, hours: number) =>
      (counters = sum(
        counters,
        moveDeltas({
          from,
          to: to as 'screening',
          furthest: furthest as 'applied',
          stageEnteredAt: at(0),
          appliedAt: at(0),
          at: at(hours),
        }),
      ));
    move('applied', 'screening', 'applied', 2);
    move('applied', 'screening', 'applied', 2);
    move('applied', 'interview', 'applied', 2);
    move('screening', 'rejected', 'screening', 10);
    move('interview', 'offer', 'interview', 30);
    move('offer', 'hired', 'offer', 50);

    // Act
    const funnel = funnelOf(counters);

    // Assert
    const byStage = Object.fromEntries(funnel.stages.map((stage) => [stage.stage, stage]));
    expect(byStage.applied).toMatchObject({ current: 1, entered: 4, conversionFromPrevious: null, completedStays: 3 });
    expect(byStage.screening).toMatchObject({ current: 1, entered: 3, conversionFromPrevious: 0.75 });
    expect(byStage.assessment).toMatchObject({ current: 0, entered: 1, conversionFromPrevious: 0.333 });
    expect(byStage.interview).toMatchObject({ current: 0, entered: 1, conversionFromPrevious: 1 });
    expect(byStage.hired).toMatchObject({ current: 1, entered: 1, conversionFromPrevious: 1 });
    expect(byStage.rejected).toMatchObject({ current: 1, entered: 1, conversionFromPrevious: null });
    expect(byStage.applied?.medianHoursInStage).toBe(2.5);
    expect(funnel.totals).toMatchObject({ applications: 4, active: 2, hired: 1, rejected: 1, hireRate: 0.25 });
    expect(funnel.totals.medianHoursToHire).toBe(72);
  });
});
