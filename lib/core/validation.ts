/**
 * Type and range checks shared by the spec builders of lib/core.
 *
 * Props come from TypeScript, but also from JavaScript and, through jsii,
 * from Python and other languages, so a prop may hold anything: a string
 * where a number goes, one Trigger where a list goes, an EventTopic where an
 * EventQueue goes, null. Each check reports `prop must be <what is allowed>
 * (got <value>)` to the construct's ProblemCollector instead of letting a
 * TypeError escape later. `undefined` always means "not given".
 */
import { Construct } from 'constructs';
import { ProblemCollector } from './errors';
import { isUnresolved } from './tokens';

/** The brand that tells Cirrus constructs and values apart without importing their classes (no import cycles). */
const CIRRUS_KIND = Symbol.for('cirrus-constructs.kind');

/**
 * Brands a Cirrus class: its instances (and its subclasses') answer `kindOf`
 * with `kind`, e.g. `'EventQueue'`.
 */
export function markKind(cls: Function, kind: string): void {
  Object.defineProperty(cls.prototype, CIRRUS_KIND, { value: kind, enumerable: false });
}

/** The Cirrus kind of a value (`'EventQueue'`, `'Trigger'`, ...), or undefined for anything else. */
export function kindOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const kind = (value as Record<symbol, unknown>)[CIRRUS_KIND];
  return typeof kind === 'string' ? kind : undefined;
}

/** What a prop must be, as an error says it, and the test. */
export interface Expected {
  /** Completes `prop must be ...`: `a string`, `an array of Trigger`. */
  readonly text: string;
  test(value: unknown): boolean;
}

/** An object of named fields (a struct such as QueueTriggerOptions): not a list, construct or Cirrus value. */
export function isStruct(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Construct.isConstruct(value) && kindOf(value) === undefined;
}

export const A_STRING: Expected = { text: 'a string', test: (v) => typeof v === 'string' };
export const A_BOOLEAN: Expected = { text: 'true or false', test: (v) => typeof v === 'boolean' };
export const STRINGS: Expected = { text: 'an array of strings', test: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string') };
export const STRING_MAP: Expected = {
  text: 'an object of names to strings, e.g. { TABLE: "orders" }',
  test: (v) => isStruct(v) && Object.values(v).every((x) => typeof x === 'string'),
};

/** A struct, e.g. `struct('QueueTriggerOptions', '{ batchSize: 10 }')`. */
export function struct(name: string, example?: string): Expected {
  return { text: `an object (${name})${example ? `, e.g. ${example}` : ''}`, test: isStruct };
}

/** A list (its items are checked one by one, by index, where it is used). */
export function arrayOf(what: string): Expected {
  return { text: `an array of ${what}`, test: Array.isArray };
}

/** One of an enum's values, e.g. `oneOf(Object.values(HttpAuth), 'HttpAuth.PRIVATE or HttpAuth.PUBLIC')`. */
export function oneOf(values: readonly unknown[], text: string): Expected {
  return { text, test: (v) => values.includes(v) };
}

/** A Cirrus construct or value of one kind, e.g. `ofKind('EventQueue')`. */
export function ofKind(kind: string, text = `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`): Expected {
  return { text, test: (v) => kindOf(v) === kind };
}

/**
 * Checks a prop that may be left out: reports `prop must be <text> (got
 * value)` when it is given (not undefined) and fails the test. Returns
 * whether the prop may be used as its type.
 */
export function checkType(problems: ProblemCollector, prop: string, value: unknown, expected: Expected): boolean {
  if (value === undefined || expected.test(value)) {
    return true;
  }
  problems.invalid(prop, `must be ${expected.text}`, value);
  return false;
}

/**
 * Checks the props of one object against their expected types and returns
 * a copy in which every prop that failed is left out, so the checks that
 * follow see it as not given (its problem is already reported) and never
 * meet a value of the wrong type.
 */
export function checkTypes<T extends object>(problems: ProblemCollector, input: T, rules: { [K in keyof T]?: Expected }, prefix = ''): T {
  const out = { ...input } as Record<string, unknown>;
  for (const [prop, rule] of Object.entries(rules) as Array<[string, Expected]>) {
    if (!checkType(problems, `${prefix}${prop}`, out[prop], rule)) {
      out[prop] = undefined;
    }
  }
  return out as T;
}

/** `value`, or `fallback` when it was not given. Unlike `??`, null is kept, so it is reported rather than taken as "not given". */
export function given<T, F>(value: T | undefined, fallback: F): T | F {
  return value === undefined ? fallback : value;
}

/** Whether a value is an unresolved number (a CDK or CDKTF numeric token), whose value is only known at deploy time. */
export function isNumberToken(value: unknown): boolean {
  return typeof value === 'number' && isUnresolved(value);
}

/** Whether a number is whole and within a range. */
export function inRange(value: unknown, range: { readonly min: number; readonly max: number }): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
}

/**
 * Checks a whole-number prop that may be left out (undefined) or be a token:
 * reports `prop must be a whole number from min to max<where> (got value)`
 * for anything else outside the range, strings and null included.
 * Returns whether the value may be used.
 */
export function checkWholeNumber(
  problems: ProblemCollector, prop: string, value: unknown, range: { readonly min: number; readonly max: number }, where = '',
): boolean {
  if (value === undefined || isNumberToken(value) || inRange(value, range)) {
    return true;
  }
  problems.invalid(prop, `must be a whole number from ${range.min} to ${range.max}${where}`, value);
  return false;
}

/** A whole number within `range`, on `cloud` (the message says where the range applies). */
export function checkNumber(problems: ProblemCollector, prop: string, value: unknown, range: { min: number; max: number }, cloud: string): void {
  checkWholeNumber(problems, prop, value, range, ` on ${cloud}`);
}
