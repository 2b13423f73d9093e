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

/**
 * Formats a value for an error message, the same way in every jsii language.
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return `[${value.map(describeValue).join(', ')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    return JSON.stringify(value);
  }
  return String(value);
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
