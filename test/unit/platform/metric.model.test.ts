import {
  addDays,
  DEFAULT_SERIES_DAYS,
  dayOf,
  daysIn,
  expiryOf,
  MAX_SERIES_DAYS,
  seriesRange,
  zeroFilledSeries,
} from '@assist-ten/core/platform/metric.model';
import { ValidationError } from '@assist-ten/core/shared/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

describe('dayOf', () => {
  it('buckets an instant by its UTC day', () => {
    expect(dayOf('2025-03-09T23:59:59.999Z')).toBe('2025-03-09');
    expect(dayOf('2025-03-10T00:00:00.000Z')).toBe('2025-03-10');
  });

  it('converts an instant with an offset to UTC before bucketing', () => {
    expect(dayOf('2025-03-10T01:30:00+02:00')).toBe('2025-03-09');
    expect(dayOf('2025-03-09T22:30:00-02:00')).toBe('2025-03-10');
  });

  it('throws for a value that is not an instant', () => {
    expect(thrownBy(() => dayOf('yesterday'))).toBeInstanceOf(RangeError);
  });
});

describe('addDays and daysIn', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('counts both ends of a range', () => {
    expect(daysIn('2025-01-01', '2025-01-01')).toBe(1);
    expect(daysIn('2024-01-01', '2024-12-31')).toBe(366);
  });

  it('is the inverse of addDays for any day and offset', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 2000 }),
        (date, offset) => {
          const from = dayOf(date);
          expect(daysIn(from, addDays(from, offset))).toBe(offset + 1);
        },
      ),
    );
  });
});

describe('expiryOf', () => {
  it('lets DynamoDB delete an item the given number of days after its day ends', () => {
    expect(expiryOf('2025-01-01', 400)).toBe(Date.parse('2026-02-06T00:00:00Z') / 1000);
  });
});

describe('seriesRange', () => {
  const today = '2025-06-15';

  it('defaults to the last 30 days, today included', () => {
    const range = seriesRange({}, today);

    expect(range).toEqual({ from: '2025-05-17', to: today });
    expect(daysIn(range.from, range.to)).toBe(DEFAULT_SERIES_DAYS);
  });

  it('defaults from to the 30 days ending at a given to', () => {
    expect(seriesRange({ to: '2025-01-31' }, today)).toEqual({ from: '2025-01-02', to: '2025-01-31' });
  });

  it('defaults to to today when only from is given', () => {
    expect(seriesRange({ from: '2025-06-01' }, today)).toEqual({ from: '2025-06-01', to: today });
  });

  it('accepts a one-day range and a range of exactly the maximum', () => {
    expect(seriesRange({ from: today, to: today }, today)).toEqual({ from: today, to: today });
    expect(seriesRange({ from: '2024-01-01', to: '2024-12-31' }, today)).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });

  it('refuses from after to, naming from', () => {
    const error = thrownBy(() => seriesRange({ from: '2025-06-02', to: '2025-06-01' }, today));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([expect.objectContaining({ field: 'from', code: 'after_to' })]);
  });

  it('refuses a from after today when to defaults to today', () => {
    const error = thrownBy(() => seriesRange({ from: '2025-06-16' }, today));

    expect((error as ValidationError).errors?.[0]?.field).toBe('from');
  });

  it(`refuses a range longer than ${MAX_SERIES_DAYS} days, naming from`, () => {
    const error = thrownBy(() => seriesRange({ from: '2024-01-01', to: '2025-01-01' }, today));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      expect.objectContaining({ field: 'from', code: 'range_too_long' }),
    ]);
  });
});

describe('zeroFilledSeries', () => {
  it('has a point for every day of the range, in order, 0 where nothing was counted', () => {
    const points = zeroFilledSeries('2025-01-30', '2025-02-02', [{ day: '2025-01-31', value: 4 }]);

    expect(points).toEqual([
      { day: '2025-01-30', value: 0 },
      { day: '2025-01-31', value: 4 },
      { day: '2025-02-01', value: 0 },
      { day: '2025-02-02', value: 0 },
    ]);
  });

  it('sums the counts of one day, as the platform shards are summed', () => {
    const shards = [
      { day: '2025-01-01', value: 2 },
      { day: '2025-01-02', value: 1 },
      { day: '2025-01-01', value: 3 },
      { day: '2025-01-01', value: 5 },
    ];

    expect(zeroFilledSeries('2025-01-01', '2025-01-02', shards)).toEqual([
      { day: '2025-01-01', value: 10 },
      { day: '2025-01-02', value: 1 },
    ]);
  });

  it('ignores counts outside the range', () => {
    const points = zeroFilledSeries('2025-01-02', '2025-01-02', [
      { day: '2025-01-01', value: 7 },
      { day: '2025-01-03', value: 7 },
    ]);

    expect(points).toEqual([{ day: '2025-01-02', value: 0 }]);
  });

  it('keeps the total of any shards whose days are in range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 9 }), value: fc.integer({ min: -5, max: 100 }) })),
        (counts) => {
          const points = zeroFilledSeries(
            '2025-01-01',
            '2025-01-10',
            counts.map(({ offset, value }) => ({ day: addDays('2025-01-01', offset), value })),
          );

          expect(points).toHaveLength(10);
          expect(points.reduce((sum, point) => sum + point.value, 0)).toBe(
            counts.reduce((sum, count) => sum + count.value, 0),
          );
        },
      ),
    );
  });
});
