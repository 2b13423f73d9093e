import { markKind } from './validation';

/**
 * The language family of a function runtime.
 */
export enum RuntimeFamily {
  /** JavaScript on Node.js. */
  NODEJS = 'nodejs',
  /** Python. */
  PYTHON = 'python',
}

/**
 * A language runtime for an EventDrivenFunction, mapped to each cloud's own
 * runtime id when rendered.
 */
export class FunctionRuntime {
  /** Node.js 20 (end of life: deprecated on AWS, retired on GCP; prefer NODEJS_22). */
  public static readonly NODEJS_20 = new FunctionRuntime(RuntimeFamily.NODEJS, '20');
  /** Node.js 22. */
  public static readonly NODEJS_22 = new FunctionRuntime(RuntimeFamily.NODEJS, '22');
  /** Node.js 24. */
  public static readonly NODEJS_24 = new FunctionRuntime(RuntimeFamily.NODEJS, '24');
  /** Python 3.12. */
  public static readonly PYTHON_3_12 = new FunctionRuntime(RuntimeFamily.PYTHON, '3.12');
  /** Python 3.13. */
  public static readonly PYTHON_3_13 = new FunctionRuntime(RuntimeFamily.PYTHON, '3.13');
  /** Python 3.14 (not yet offered by Azure Functions Flex Consumption). */
  public static readonly PYTHON_3_14 = new FunctionRuntime(RuntimeFamily.PYTHON, '3.14');

  /** The language family. */
  public readonly family: RuntimeFamily;

  /** The language version, e.g. `22` or `3.12`. */
  public readonly version: string;

  private constructor(family: RuntimeFamily, version: string) {
    this.family = family;
    this.version = version;
  }

  /** The runtime's neutral name, e.g. `nodejs22` or `python3.12`. */
  public get name(): string {
    return `${this.family}${this.version}`;
  }

  /** The file extension of a handler module in this runtime (`.js` or `.py`). */
  public get fileExtension(): string {
    return this.family === RuntimeFamily.NODEJS ? '.js' : '.py';
  }

  /** Returns the runtime's neutral name. */
  public toString(): string {
    return this.name;
  }
}

markKind(FunctionRuntime, 'FunctionRuntime');
