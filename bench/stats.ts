// Small statistics and formatting helpers for the report.

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function min(values: number[]): number {
  return Math.min(...values);
}

export function max(values: number[]): number {
  return Math.max(...values);
}

/** Number with a sensible number of digits for a table. */
export function num(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** `median (min–max)`, or just the value for a single run. */
export function spread(values: number[], scale = 1): string {
  const v = values.map((x) => x * scale);
  if (v.length === 1) return num(v[0]);
  return `${num(median(v))} (${num(min(v))}–${num(max(v))})`;
}

export function ratio(a: number, b: number): string {
  return (a / b).toFixed(2);
}

/** A markdown table. */
export function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const a = align ?? header.map((_, i) => (i === 0 ? 'l' : 'r'));
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${a.map((x) => (x === 'l' ? ':---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  return lines.join('\n');
}
