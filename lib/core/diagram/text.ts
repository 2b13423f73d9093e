import { isUnresolved } from '../tokens';

/** A value for a label: tokens are only known at deployment. */
export function shown(value: string | number | undefined, unit = ''): string {
  if (value === undefined) {
    return '';
  }
  return isUnresolved(value) ? '(set at deployment)' : `${value}${unit}`;
}

/** `1 email`, `2 emails`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
