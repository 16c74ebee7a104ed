/** Percentile by linear interpolation between the closest ranks (p in 0..100). */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lower = sorted[low] ?? Number.NaN;
  const upper = sorted[high] ?? lower;
  return lower + (upper - lower) * (rank - low);
};

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  min: number;
  max: number;
}

export const summarise = (samples: readonly number[]): Summary => ({
  n: samples.length,
  p50: round(percentile(samples, 50)),
  p90: round(percentile(samples, 90)),
  p99: round(percentile(samples, 99)),
  min: round(Math.min(...samples)),
  max: round(Math.max(...samples)),
});

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (value: number): string => `${value.toFixed(2)} ms`;
