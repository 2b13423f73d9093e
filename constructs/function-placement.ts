import { IConstruct } from 'constructs';
import { CirrusValidationError, describeValue } from '../lib/core/errors';
import { configureNestedPlacement, DEFAULT_PLACEMENT_GROUPS, groupNameProblem } from '../lib/core/placement';
import { markKind } from '../lib/core/validation';
import { isCdkStack } from '../lib/targets/resolve-target';

/**
 * Options of FunctionPlacement.nestedStacks.
 */
export interface NestedStacksOptions {
  /**
   * How many nested stacks the functions are spread over, each function by
   * a hash of its construct path. Changing it later moves functions (and
   * CloudFormation replaces what moves): choose it once, about a twentieth
   * of the most functions the stack will ever hold, or more.
   * @default 64
   */
  readonly groups?: number;
}

/**
 * Where an AWS function's resources (role, log group, version, alias,
 * queues, alarms, event source mappings, ...) go: the function's stack
 * itself, or an aws-cdk-lib NestedStack of it, so that a stack of hundreds
 * of functions stays within CloudFormation's 500 resources per template.
 *
 * `FunctionPlacement.nestedStacks(stack)` turns nesting on for a stack; each
 * function then goes to the nested stack its construct path hashes to, unless
 * its `placement` prop pins it (`FunctionPlacement.group('Billing')`) or keeps
 * it in the stack (`FunctionPlacement.inStack()`, for functions deployed
 * before nesting was turned on).
 */
export class FunctionPlacement {
  /**
   * Places the Cirrus functions of an aws-cdk-lib Stack in nested stacks.
   * Call it before the stack's first EventDrivenFunction, ideally before the
   * stack is first deployed: functions deployed in the stack itself move
   * (are replaced) unless they are kept with `FunctionPlacement.inStack()`.
   *
   * @param stack an aws-cdk-lib Stack
   * @param options the number of nested stacks
   */
  public static nestedStacks(stack: IConstruct, options: NestedStacksOptions = {}): void {
    if (!isCdkStack(stack)) {
      throw new CirrusValidationError(describePath(stack), [`FunctionPlacement.nestedStacks needs an aws-cdk-lib Stack (got ${describeValue(stack)}): Azure and GCP stacks have no per-stack resource limit`]);
    }
    configureNestedPlacement(stack, options.groups ?? DEFAULT_PLACEMENT_GROUPS);
  }

  /**
   * The function's resources go to the nested stack `Functions<name>` of its
   * stack, with the other functions pinned to that name.
   *
   * @param name letters and digits, starting with a letter (at most 40)
   */
  public static group(name: string): FunctionPlacement {
    const problem = groupNameProblem(name);
    if (problem) {
      throw new CirrusValidationError('FunctionPlacement.group', [problem]);
    }
    return new FunctionPlacement(name);
  }

  /**
   * The function's resources stay in its stack, as without nesting: for
   * functions deployed before FunctionPlacement.nestedStacks was turned on.
   */
  public static inStack(): FunctionPlacement {
    return new FunctionPlacement(undefined);
  }

  /** The group the function is pinned to; undefined for inStack(). */
  public readonly groupName?: string;

  private constructor(groupName: string | undefined) {
    this.groupName = groupName;
  }
}

function describePath(scope: unknown): string {
  const path = (scope as IConstruct | undefined)?.node?.path;
  return typeof path === 'string' && path ? path : 'FunctionPlacement.nestedStacks';
}

markKind(FunctionPlacement, 'FunctionPlacement');
