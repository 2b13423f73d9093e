import { Annotations, CfnElement, CfnMapping, CfnOutput, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CLOUDFORMATION_TEMPLATE_LIMITS, NESTED_STACKS_CONTEXT_KEY } from '../core/placement';
import { isFunctionGroup } from './placement';

const LIMITS_URL = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html';

/** Stacks whose templates are checked already. */
const WATCHED = new WeakSet<IConstruct>();

/** Share of the resource limit from which a stack without nested placement is warned. */
const WARN_SHARE = 0.8;

interface Counts {
  resources: number;
  outputs: number;
  parameters: number;
  mappings: number;
  functions: string[];
}

/**
 * At synthesis (after aws-cdk-lib has added the parameters and outputs of
 * cross-stack references, before it writes templates), counts what each
 * template of `stack` and its nested stacks holds, and fails with the fix
 * when one is over a CloudFormation quota, instead of a deploy that fails,
 * or aws-cdk-lib's "Number of resources ... greater than allowed maximum".
 */
export function watchTemplateLimits(stack: Stack, nested: boolean): void {
  if (WATCHED.has(stack)) {
    return;
  }
  WATCHED.add(stack);
  stack.node.addValidation({ validate: () => templateProblems(stack, nested) });
}

/** The functions of a template, for messages: Cirrus marks each function's Lambda resource. */
const FUNCTION_PATH = Symbol.for('cirrus-constructs.functionPath');

/** Records which EventDrivenFunction a Lambda resource belongs to. */
export function markFunctionResource(resource: IConstruct, functionPath: string): void {
  Object.defineProperty(resource, FUNCTION_PATH, { value: functionPath, enumerable: false });
}

function templateProblems(stack: Stack, nested: boolean): string[] {
  const counts = new Map<Stack, Counts>();
  const visit = (c: IConstruct) => {
    if (c instanceof CfnElement) {
      const of = c.stack;
      const n = counts.get(of) ?? { resources: 0, outputs: 0, parameters: 0, mappings: 0, functions: [] };
      counts.set(of, n);
      if (c instanceof CfnResource) {
        n.resources++;
        const fn: unknown = Reflect.get(c, FUNCTION_PATH);
        if (typeof fn === 'string') {
          n.functions.push(fn);
        }
      } else if (c instanceof CfnOutput) {
        n.outputs++;
      } else if (c instanceof CfnParameter) {
        n.parameters++;
      } else if (c instanceof CfnMapping) {
        n.mappings++;
      }
    }
    for (const child of c.node.children) {
      visit(child);
    }
  };
  visit(stack);
  const limits = CLOUDFORMATION_TEMPLATE_LIMITS;
  const problems: string[] = [];
  for (const [of, n] of counts) {
    const where = of === stack ? 'the template' : `the nested stack ${of.node.path}`;
    if (n.resources > limits.resources) {
      problems.push(`${where} holds ${n.resources} resources; CloudFormation allows ${limits.resources} per template (${LIMITS_URL}): ${resourceFix(stack, of, nested, n)}`);
    } else if (!nested && of === stack && n.resources >= limits.resources * WARN_SHARE) {
      Annotations.of(stack).addWarningV2('cirrus:placement', `${n.resources} of the ${limits.resources} resources a template may hold: if this stack is not deployed yet, `
        + `call FunctionPlacement.nestedStacks(stack) before its first function (or set "${NESTED_STACKS_CONTEXT_KEY}": true in cdk.json's context) now, while no deployed function has to move`);
    }
    for (const [what, count, max] of [['outputs', n.outputs, limits.outputs], ['parameters', n.parameters, limits.parameters], ['mappings', n.mappings, limits.mappings]] as const) {
      if (count > max) {
        problems.push(`${where} holds ${count} ${what}; CloudFormation allows ${max} per template (${LIMITS_URL}): `
          + (what === 'mappings' ? 'move mappings to another stack' : `fewer cross-stack references: ${isFunctionGroup(of) ? 'pin the functions that use the most shared resources of other stacks to a group of their own with FunctionPlacement.group(name)' : 'split the stack'}`));
      }
    }
  }
  return problems;
}

function resourceFix(stack: Stack, of: Stack, nested: boolean, n: Counts): string {
  if (isFunctionGroup(of)) {
    return `pin some of its functions (${listed(n.functions)}) to another group with placement: FunctionPlacement.group(name), `
      + 'or use more groups in FunctionPlacement.nestedStacks (which moves functions: CloudFormation replaces what moves)';
  }
  if (!nested && of === stack && n.functions.length > 0) {
    return `put the stack's ${n.functions.length} functions in nested stacks with FunctionPlacement.nestedStacks(stack), called before its first function, `
      + `or those of every stack of the app with the context key "${NESTED_STACKS_CONTEXT_KEY}": true in cdk.json. `
      + 'Functions already deployed in this stack would move (CloudFormation replaces them): keep those with placement: FunctionPlacement.inStack(), and new ones nest (README: Big stacks)';
  }
  return 'move resources to another stack, or functions kept with FunctionPlacement.inStack() to nested stacks';
}

function listed(paths: string[]): string {
  return paths.length <= 5 ? paths.join(', ') : `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more`;
}
