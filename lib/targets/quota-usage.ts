import { TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { quotaExcesses, StackUsage } from '../core/quota-check';
import { AZURE_QUOTAS, GCP_QUOTAS, QuotaRule } from '../core/quotas';
import { CloudProvider } from '../core/cloud-provider';
import { isCirrusStack } from './resolve-target';

/** What a Cirrus Terraform stack tells the quota check about itself. */
export interface QuotaScope {
  /** The project or subscription, when known at synth time. */
  readonly account?: string;
  /** The stack's default region (resources without a region of their own are in it). */
  readonly region: string;
  /** Granted quota values the stack declares. */
  readonly grantedQuotas: { [quotaId: string]: number };
}

const RULES: Record<'gcp' | 'azure', QuotaRule[]> = { gcp: GCP_QUOTAS, azure: AZURE_QUOTAS };
const SCOPES = new WeakMap<IConstruct, QuotaScope>();

/** The resource types any quota of the cloud counts. */
function trackedTypes(cloud: 'gcp' | 'azure'): Set<string> {
  return new Set(RULES[cloud].flatMap((r) => r.resourceTypes));
}

/** The region a resource is created in: its own location or region input, else the stack's. */
function regionOf(resource: TerraformResource, fallback: string): string {
  // Every azurerm and google resource with a place has one of these inputs (the generated bindings' getters).
  const value: unknown = Reflect.get(resource, 'locationInput') ?? Reflect.get(resource, 'regionInput');
  return typeof value === 'string' ? value : fallback;
}

/** Counts the stack's resources of the types the cloud's quotas track, by type and region. */
export function stackUsage(stack: TerraformStack, cloud: 'gcp' | 'azure'): StackUsage {
  const scope = SCOPES.get(stack)!;
  const types = trackedTypes(cloud);
  const counts: StackUsage['counts'] = {};
  for (const node of stack.node.findAll()) {
    const type = (node as { terraformResourceType?: string }).terraformResourceType;
    if (type && types.has(type) && TerraformResource.isTerraformResource(node) && TerraformStack.of(node) === stack) {
      const region = regionOf(node, scope.region);
      counts[type] ??= {};
      counts[type][region] = (counts[type][region] ?? 0) + 1;
    }
  }
  return { stackPath: stack.node.path, account: scope.account, counts, granted: scope.grantedQuotas };
}

/** The app's Cirrus stacks of one cloud. */
function stacksOf(app: IConstruct, cloud: 'gcp' | 'azure'): TerraformStack[] {
  const provider = cloud === 'gcp' ? CloudProvider.GCP : CloudProvider.AZURE;
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c) && isCirrusStack(c, provider) && SCOPES.has(c));
}

/**
 * Registers a GcpStack or AzureStack with the cross-stack quota check: at
 * synthesis its validation adds up the resources of all the app's stacks
 * of the same cloud and project or subscription (where that is known),
 * and fails with each quota the group would exceed, naming the quota, the
 * totals per stack and the fix.
 */
export function checkQuotasAcrossStacks(stack: TerraformStack, cloud: 'gcp' | 'azure', scope: QuotaScope): void {
  SCOPES.set(stack, scope);
  stack.node.addValidation({
    validate: () => {
      const app = stack.node.scope ?? stack;
      const usages = stacksOf(app, cloud).map((s) => stackUsage(s, cloud));
      return quotaExcesses(cloud, RULES[cloud], usages)
        .filter((e) => e.stackPaths.includes(stack.node.path))
        .map((e) => e.problem);
    },
  });
}
