import { NestedStack, Stack } from 'aws-cdk-lib';
import { HandleSlot } from '../core/handle-slot';
import { Construct, IConstruct } from 'constructs';
import { CirrusValidationError } from '../core/errors';
import { hashedGroupId, pinnedGroupId, placementOf, PlacementRequest } from '../core/placement';

/** The nested stacks Cirrus made for functions (a construct of that id made by the user is an error). */
const GROUPS = new WeakMap<IConstruct, NestedStack>();

/** The scopes that mirror a function's construct path inside its nested stack, per parent scope and id. */
const MIRRORS = new HandleSlot<Map<string, Construct>>('mirror scopes');

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
    scope = mirrorScope(scope, id);
  }
  return scope;
}

/** The child `id` of `parent` that mirrors a scope of the function's path, made on first use. */
function mirrorScope(parent: Construct, id: string): Construct {
  const mirrors = MIRRORS.getOrCreate(parent, () => new Map<string, Construct>());
  const made = mirrors.get(id) ?? new Construct(parent, id);
  mirrors.set(id, made);
  return made;
}

function nestedGroup(stack: Stack, groupId: string, fnPath: string): NestedStack {
  const existing = stack.node.tryFindChild(groupId);
  if (existing && !GROUPS.has(existing)) {
    throw new CirrusValidationError(fnPath, [`placement: ${stack.node.path} already has a construct ${groupId} that is not a Cirrus function group: rename that construct`]);
  }
  const group = existing && GROUPS.get(existing);
  if (group) {
    return group;
  }
  const nested = new NestedStack(stack, groupId, { description: `Cirrus functions of ${stack.node.path} (group ${groupId})` });
  GROUPS.set(nested, nested);
  return nested;
}

/** Whether a construct is a nested stack Cirrus made for functions. */
export function isFunctionGroup(scope: IConstruct): boolean {
  return GROUPS.has(scope);
}
