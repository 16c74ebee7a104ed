export type Unit = 'bytes' | 'ms' | 'requests' | 'count' | 'CU' | 'flag' | 'events/s' | 'docs/min';

export interface Metric {
  id: string;
  label: string;
  value: number | null;
  unit: Unit;
  /** Human-readable budget, e.g. "<= 150 ms"; null: reported, not budgeted. */
  budget: string | null;
  /** null when there is no budget. */
  pass: boolean | null;
  /** Why it missed, or what the value is made of. */
  note?: string;
}

export const reported = (id: string, label: string, value: number | null, unit: Unit, note?: string): Metric => ({
  id,
  label,
  value,
  unit,
  budget: null,
  pass: null,
  ...(note ? { note } : {}),
});

export const atMost = (
  id: string,
  label: string,
  value: number | null,
  unit: Unit,
  max: number,
  budgetText: string,
  note?: string,
): Metric => ({
  id,
  label,
  value,
  unit,
  budget: budgetText,
  pass: value !== null && Number.isFinite(value) && value <= max,
  ...(note ? { note } : {}),
});

const show = (value: number | null, unit: Unit): string => {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'bytes':
      return `${value.toLocaleString('en-US')} B (${(value / 1024).toFixed(1)} KB)`;
    case 'ms':
      return `${value.toFixed(2)} ms`;
    case 'CU':
      return `${value} CU`;
    case 'flag':
      return value ? 'yes' : 'no';
    default:
      return String(value);
  }
};

export const printTable = (metrics: readonly Metric[]): void => {
  const rows = metrics.map((metric) => [
    metric.label,
    show(metric.value, metric.unit),
    metric.budget ?? '-',
    metric.pass === null ? '' : metric.pass ? 'ok' : 'MISS',
  ]);
  const header = ['metric', 'value', 'budget', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
};
