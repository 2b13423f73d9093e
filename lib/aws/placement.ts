import { NestedStack, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { CirrusValidationError } from '../core/errors';
import { hashedGroupId, pinnedGroupId, placementOf, PlacementRequest } from '../core/placement';

/** The nested stacks Cirrus made for functions (a construct of that id made by the user is an error). */
const GROUPS = new WeakSet<IConstruct>();

/**
 * Where a function's resources go: the function construct itself (its
 * stack, as without nesting), or a mirror of its path inside the nested
 * stack its group names. Mirroring the path (`Orders/ProcessOrder` inside
 * `Functions07`) keeps the logical ids inside the nested template the ones
 * the function would have in its stack.
 */
export function placementScope(fn: Construct, request: PlacementRequest | undefined): Construct {
  const stack = Stack.of(fn);
  const config = placementOf(stack);
  if (request !== undefined && request.groupName === undefined) {
    return fn;
  }
  const scopes = fn.node.scopes;
  const relative = scopes.slice(scopes.indexOf(stack) + 1).map((s) => s.node.id);
  const groupId = request?.groupName !== undefined
    ? pinnedGroupId(request.groupName)
    : config ? hashedGroupId(relative.join('/'), config.groups) : undefined;
  if (groupId === undefined) {
    return fn;
  }
  let scope: Construct = nestedGroup(stack, groupId, fn.node.path);
  for (const id of relative) {
    scope = (scope.node.tryFindChild(id) as Construct | undefined) ?? new Construct(scope, id);
  }
  return scope;
}

function nestedGroup(stack: Stack, groupId: string, fnPath: string): NestedStack {
  const existing = stack.node.tryFindChild(groupId);
  if (existing && !GROUPS.has(existing)) {
    throw new CirrusValidationError(fnPath, [`placement: ${stack.node.path} already has a construct ${groupId} that is not a Cirrus function group: rename that construct`]);
  }
  if (existing) {
    return existing as NestedStack;
  }
  const nested = new NestedStack(stack, groupId, { description: `Cirrus functions of ${stack.node.path} (group ${groupId})` });
  GROUPS.add(nested);
  return nested;
}

/** Whether a construct is a nested stack Cirrus made for functions. */
export function isFunctionGroup(scope: IConstruct): boolean {
  return GROUPS.has(scope);
}
