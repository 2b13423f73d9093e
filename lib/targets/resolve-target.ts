import { IConstruct } from 'constructs';
import { CloudProvider } from '../core/cloud-provider';
import { CirrusValidationError } from '../core/errors';
import { isTerraformStack } from './cdktf-engine';

/**
 * Marks the Cirrus stacks without an import cycle: set by AzureStack,
 * GcpStack and LocalStack. A global symbol, so two copies of Cirrus loaded in
 * one process (an app run through tsx and the CLI) agree.
 */
const CLOUD_MARKER = Symbol.for('cirrus-constructs.cloud');

/** Marks `stack` as rendering for `provider` (called by the Cirrus stacks' constructors). */
export function markCloud(stack: IConstruct, provider: CloudProvider): void {
  Object.defineProperty(stack, CLOUD_MARKER, { value: provider, enumerable: false });
}

/** The cloud a construct renders for, and the stack that holds it. */
export interface ResolvedTarget {
  readonly provider: CloudProvider;
  readonly stack: IConstruct;
}

/** The symbol aws-cdk-lib marks every Stack with (core/lib/private/core-construct-finders.js). */
const CDK_STACK = Symbol.for('@aws-cdk/core.Stack');

/**
 * Whether a construct is an aws-cdk-lib Stack, as `Stack.isStack` answers it,
 * without loading aws-cdk-lib's core: an Azure or GCP app loads none of it.
 */
export function isCdkStack(node: IConstruct): boolean {
  return node !== null && typeof node === 'object' && CDK_STACK in node;
}

function markerOf(scope: IConstruct): CloudProvider | undefined {
  const marked: unknown = Reflect.get(scope, CLOUD_MARKER);
  return Object.values(CloudProvider).find((p) => p === marked);
}

/** Whether `node` is a Cirrus stack of `provider` (AzureStack, GcpStack or LocalStack). */
export function isCirrusStack(node: IConstruct, provider: CloudProvider): boolean {
  return markerOf(node) === provider;
}

/**
 * Finds the cloud of a scope: the nearest enclosing aws-cdk-lib Stack (AWS),
 * AzureStack (Azure) or GcpStack (GCP). Anything else is an error naming the
 * three supported scopes.
 */
export function resolveTarget(scope: IConstruct, constructPath: string): ResolvedTarget {
  for (const node of [...scope.node.scopes].reverse()) {
    const marked = markerOf(node);
    if (marked) {
      return { provider: marked, stack: node };
    }
    if (isCdkStack(node)) {
      return { provider: CloudProvider.AWS, stack: node };
    }
    if (isTerraformStack(node)) {
      break;
    }
  }
  throw new CirrusValidationError(constructPath, [
    'must be placed inside an aws-cdk-lib Stack (AWS), a Cirrus AzureStack (Azure) or a Cirrus GcpStack (GCP); ' +
      'a plain cdktf TerraformStack or a scope outside any stack has no cloud to render for',
  ]);
}
