/** Base of Cirrus errors; not exported, so jsii erases it (jsii cannot model Error subclasses). */
abstract class CirrusError extends Error {}

/**
 * The one error Cirrus throws for invalid input.
 *
 * Its message names the construct path, the prop, the value given and what
 * is allowed. All problems found in one construct are reported together, one
 * per line. (jsii cannot export Error subclasses to other languages, so this
 * class is TypeScript/JavaScript only; other languages receive the same
 * message in their runtime's exception and can test it with
 * `CirrusErrors.isValidationError`.)
 *
 * @internal
 */
export class CirrusValidationError extends CirrusError {
  /** The path of the construct whose props were rejected. */
  public readonly constructPath: string;

  /** Every problem found, one sentence each, without the construct path. */
  public readonly problems: string[];

  /**
   * @param constructPath the construct's path (`node.path`)
   * @param problems one sentence per problem
   */
  constructor(constructPath: string, problems: string[]) {
    super(problems.map((p) => `${constructPath}: ${p}`).join('\n'));
    this.name = 'CirrusValidationError';
    this.constructPath = constructPath;
    this.problems = problems;
    Object.setPrototypeOf(this, CirrusValidationError.prototype);
  }
}

/**
 * Tells Cirrus validation errors apart from other errors, in every jsii language.
 */
export class CirrusErrors {
  /**
   * Whether `x` is an error Cirrus threw for invalid input.
   *
   * @param x any value, usually a caught error
   */
  public static isValidationError(x: any): boolean {
    return x instanceof CirrusValidationError || (typeof x === 'object' && x !== null && x.name === 'CirrusValidationError');
  }

  private constructor() {}
}

/** Strings longer than this are shortened in messages; lists and objects show this many entries at most. */
const MAX_STRING = 200;
const MAX_ENTRIES = 10;
/** Nesting shown before an inner list or object is written as `[...]` / `{...}`. */
const MAX_DEPTH = 4;

/** The class name of an object that is not a plain object or array, or undefined. */
function className(value: object): string | undefined {
  const proto = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype || Array.isArray(value)) {
    return undefined;
  }
  const name = typeof proto.constructor === 'function' ? proto.constructor.name : '';
  return name || 'object';
}

/** A string as written in JavaScript, shortened past MAX_STRING characters. */
function describeString(value: string): string {
  return value.length <= MAX_STRING ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, MAX_STRING))}... (${value.length} characters)`;
}

/**
 * A class instance: a construct by its kind and path (`EventTopic orders-aws/Events`),
 * a value with its own toString by that (`EdgeRule.redirect("/a", "/b", 302)`),
 * a Cirrus value class by its class and kind (`Trigger queue`, `FunctionRuntime nodejs22`).
 */
function describeInstance(value: any, name: string): string {
  const node = value.node;
  if (node !== null && typeof node === 'object' && typeof node.path === 'string') {
    return node.path === '' ? `${name} (the root of the app)` : `${name} ${node.path}`;
  }
  if (typeof value.toString === 'function' && value.toString !== Object.prototype.toString) {
    const text = String(value.toString());
    if (!text.startsWith('[object ')) {
      const named = text.includes(name) ? text : `${name} ${text}`;
      return named.length <= MAX_STRING ? named : `${named.slice(0, MAX_STRING)}...`;
    }
  }
  for (const field of ['kind', 'name']) {
    if (typeof value[field] === 'string') {
      return `${name} ${value[field]}`;
    }
  }
  const fields = describeJson({ ...value }, [value]);
  return fields === undefined || fields === '{}' ? name : `${name} ${fields}`;
}

function describeFunction(value: Function): string {
  const isClass = /^class\b/.test(Function.prototype.toString.call(value));
  return `${isClass ? 'class' : 'function'}${value.name ? ` ${value.name}` : ''}`;
}

/**
 * Inside objects, plain data is written exactly as JSON.stringify writes it
 * (so messages stay the same as before this function handled more); what
 * JSON cannot write (constructs, class instances, functions, cycles) is
 * described instead of failing.
 */
function describeJson(value: unknown, ancestors: object[]): string | undefined {
  if (value === undefined || typeof value === 'symbol') {
    return undefined;
  }
  if (value === null || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  }
  if (typeof value === 'string') {
    return describeString(value);
  }
  if (typeof value === 'bigint') {
    return `${value}n`;
  }
  if (typeof value === 'function') {
    return describeFunction(value);
  }
  const obj = value as object;
  if (ancestors.includes(obj)) {
    return '[circular]';
  }
  const name = className(obj);
  if (name) {
    return describeInstance(obj, name);
  }
  if (ancestors.length >= MAX_DEPTH) {
    return Array.isArray(obj) ? '[...]' : '{...}';
  }
  const inner = [...ancestors, obj];
  if (Array.isArray(obj)) {
    const items = obj.slice(0, MAX_ENTRIES).map((v) => describeJson(v, inner) ?? 'null');
    return `[${items.join(',')}${obj.length > MAX_ENTRIES ? `,... (${obj.length} items)` : ''}]`;
  }
  const entries = Object.keys(obj).flatMap((k) => {
    const text = describeJson((obj as Record<string, unknown>)[k], inner);
    return text === undefined ? [] : [`${JSON.stringify(k)}:${text}`];
  });
  const more = entries.length > MAX_ENTRIES ? `,... (${entries.length} entries)` : '';
  return `{${entries.slice(0, MAX_ENTRIES).join(',')}${more}}`;
}

function describeAny(value: unknown, ancestors: object[]): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'string') {
    return describeString(value);
  }
  if (Array.isArray(value)) {
    if (ancestors.includes(value)) {
      return '[circular]';
    }
    const items = value.slice(0, MAX_ENTRIES).map((v) => describeAny(v, [...ancestors, value]));
    return `[${items.join(', ')}${value.length > MAX_ENTRIES ? `, ... (${value.length} items)` : ''}]`;
  }
  if (typeof value === 'object' && value !== null) {
    return describeJson(value, ancestors) ?? String(value);
  }
  if (typeof value === 'function') {
    return describeFunction(value);
  }
  if (typeof value === 'bigint') {
    return `${value}n`;
  }
  return String(value);
}

/**
 * Formats a value for an error message, the same way in every jsii language:
 * strings quoted, `nothing` for undefined, lists as `[a, b]`, plain objects
 * as JSON, constructs by kind and path (`EventTopic orders-aws/Events`),
 * Cirrus values by class and kind (`Trigger queue`). Long values are
 * shortened. Never throws, whatever it is given.
 * @internal
 */
export function describeValue(value: unknown): string {
  try {
    return describeAny(value, []);
  } catch {
    // A getter or proxy that throws: say what it is without reading it.
    return value === null ? 'null' : `a value of type ${typeof value}`;
  }
}

/**
 * Collects validation problems so that a construct reports all of them at once.
 * @internal
 */
export class ProblemCollector {
  private readonly problems: string[] = [];

  /** Records one problem. */
  public add(problem: string): void {
    this.problems.push(problem);
  }

  /** Records `prop must be ... (got value)`. */
  public invalid(prop: string, rule: string, value: unknown): void {
    this.problems.push(`${prop} ${rule} (got ${describeValue(value)})`);
  }

  /** Whether anything was recorded. */
  public get empty(): boolean {
    return this.problems.length === 0;
  }

  /** Throws one CirrusValidationError listing every problem, if there is any. */
  public throwIfAny(constructPath: string): void {
    if (this.problems.length > 0) {
      throw new CirrusValidationError(constructPath, [...this.problems]);
    }
  }
}
