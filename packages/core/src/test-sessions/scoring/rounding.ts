/**
 * Scores are kept to two decimals. The nudge makes values such as 1.005, stored as
 * 1.00499999..., round up as a person would; it is far below a hundredth for any score here.
 */
export const round2 = (value: number): number => Math.round(value * 100 + 1e-9) / 100;
