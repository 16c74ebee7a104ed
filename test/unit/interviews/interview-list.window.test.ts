import { isEmptyWindow, listWindow } from '@assist-ten/core/interviews/interview-list.window';
import { describe, expect, it } from 'vitest';

const NOW = '2030-03-04T12:00:00.000Z';

describe('listWindow', () => {
  it('reads upcoming interviews from the longest interview length ago, soonest first', () => {
    expect(listWindow({ when: 'upcoming' }, NOW)).toEqual({
      lower: '2030-03-04T04:00:00.000Z',
      upper: '~',
      order: 'asc',
      ended: false,
    });
  });

  it('reads past interviews up to now, latest first', () => {
    expect(listWindow({ when: 'past' }, NOW)).toEqual({ lower: '0', upper: NOW, order: 'desc', ended: true });
  });

  it('narrows to from/to (to inclusive), given with any offset', () => {
    // Act
    const window = listWindow({ when: 'upcoming', from: '2030-03-10T10:00:00+02:00', to: '2030-03-11T00:00:00Z' }, NOW);

    // Assert
    expect(window).toMatchObject({ lower: '2030-03-10T08:00:00.000Z', upper: '2030-03-11T00:00:00.001Z' });
  });

  it('keeps a past list short of now even when `to` is later', () => {
    expect(listWindow({ when: 'past', to: '2031-01-01T00:00:00Z' }, NOW).upper).toBe(NOW);
  });

  it('is empty when the range lies wholly on the other side of now', () => {
    expect(isEmptyWindow(listWindow({ when: 'past', from: '2030-05-01T00:00:00Z' }, NOW))).toBe(true);
    expect(isEmptyWindow(listWindow({ when: 'upcoming', to: '2030-03-01T00:00:00Z' }, NOW))).toBe(true);
    expect(isEmptyWindow(listWindow({ when: 'upcoming' }, NOW))).toBe(false);
  });
});
