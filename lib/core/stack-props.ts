import { CloudProvider } from './cloud-provider';
import { describeValue, ProblemCollector } from './errors';
import { fitName } from './naming';
import { REGION_PATTERN } from './regions';
import { TEXT_LIMITS } from './text-limits';
import { isUnresolved } from './tokens';
import { given } from './validation';

/**
 * The rules on the props of AzureStack and GcpStack, as data with their
 * sources. The stacks (constructs/) check their props with these and report
 * every problem in one error naming the stack.
 */
export const STACK_PROP_RULES = {
  azure: {
    /**
     * Resource group: 1-90 alphanumerics, underscores, parentheses, hyphens and periods, not
     * ending in a period (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources).
     */
    resourceGroupName: /^[A-Za-z0-9._()-]{1,90}$/,
    /** Subscription ids are GUIDs (learn.microsoft.com/azure/azure-portal/get-subscription-tenant-id). */
    subscriptionId: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    /**
     * Tags: "Each resource, resource group, and subscription can have a maximum of 50 tag name-value
     * pairs"; names up to 512 characters (128 for storage accounts, which Cirrus tags too), values up to
     * 256; names cannot contain `<`, `>`, `%`, `&`, `\`, `?`, `/`
     * (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations).
     */
    tags: { max: 50, nameMaxLength: 128, valueMaxLength: 256, forbidden: /[<>%&\\?/]/ },
  },
  gcp: {
    /**
     * Project id: 6-30 lowercase letters, digits or hyphens, starting with a letter, not ending with a
     * hyphen (cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin).
     */
    project: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    /**
     * Labels: at most 64 per resource; keys 1-63 characters starting with a lowercase letter, values
     * 0-63; lowercase letters, digits, `_` and `-` (cloud.google.com/resource-manager/docs/labels-overview#requirements).
     */
    labels: { max: 64, key: /^[a-z][a-z0-9_-]{0,62}$/, value: /^[a-z0-9_-]{0,63}$/ },
  },
};

/** What AzureStack reads of its props. */
export interface AzureStackPropsInput {
  readonly location: unknown;
  readonly resourceGroupName?: unknown;
  readonly subscriptionId?: unknown;
  readonly tags?: { [key: string]: unknown };
}

/** Checks AzureStack's location, resource group, subscription and tags; returns the resource group's name. */
export function checkAzureStackProps(problems: ProblemCollector, stackId: string, props: AzureStackPropsInput): string {
  const rules = STACK_PROP_RULES.azure;
  if (typeof props.location !== 'string' || !REGION_PATTERN[CloudProvider.AZURE].test(props.location)) {
    problems.invalid('location', 'must be an Azure region name in lowercase letters and digits, e.g. "westeurope"', props.location);
  }
  const rgName = given(props.resourceGroupName, fitName(`rg-${stackId}`.replace(/[^A-Za-z0-9._()-]/g, '-'), TEXT_LIMITS.azure.resourceGroupName));
  if (typeof rgName !== 'string' || !rules.resourceGroupName.test(rgName) || rgName.endsWith('.')) {
    problems.invalid('resourceGroupName', 'must be 1-90 letters, digits, ".", "_", "-", "(" or ")", not ending in "."', rgName);
  }
  const sub = props.subscriptionId;
  if (typeof sub === 'string' && !isUnresolved(sub) && !rules.subscriptionId.test(sub)) {
    problems.invalid('subscriptionId', 'must be a subscription id, a GUID such as "00000000-0000-0000-0000-000000000000"', sub);
  }
  const tags = Object.entries(props.tags ?? {});
  if (tags.length > rules.tags.max) {
    problems.add(`tags has ${tags.length} tags; Azure allows at most ${rules.tags.max} per resource`);
  }
  for (const [name, value] of tags) {
    if (name.length === 0 || name.length > rules.tags.nameMaxLength || rules.tags.forbidden.test(name)) {
      problems.invalid(`tags key ${describeValue(name)}`, `must be 1-${rules.tags.nameMaxLength} characters without <, >, %, &, \\, ? or /`, name);
    }
    if (typeof value === 'string' && !isUnresolved(value) && value.length > rules.tags.valueMaxLength) {
      problems.invalid(`tags.${name}`, `must be at most ${rules.tags.valueMaxLength} characters`, value);
    }
  }
  return typeof rgName === 'string' ? rgName : '';
}

/** What GcpStack reads of its props. */
export interface GcpStackPropsInput {
  readonly project: unknown;
  readonly region: unknown;
  readonly labels?: { [key: string]: unknown };
}

/** Checks GcpStack's project, region and labels. */
export function checkGcpStackProps(problems: ProblemCollector, props: GcpStackPropsInput): void {
  const rules = STACK_PROP_RULES.gcp;
  if (typeof props.project !== 'string' || !rules.project.test(props.project)) {
    problems.invalid('project', 'must be a GCP project id: 6-30 lowercase letters, digits or hyphens, starting with a letter', props.project);
  }
  if (typeof props.region !== 'string' || !REGION_PATTERN[CloudProvider.GCP].test(props.region)) {
    problems.invalid('region', 'must be a GCP region such as "europe-west1"', props.region);
  }
  const labels = Object.entries(props.labels ?? {});
  if (labels.length > rules.labels.max) {
    problems.add(`labels has ${labels.length} labels; GCP allows at most ${rules.labels.max} per resource`);
  }
  for (const [k, v] of labels) {
    if (!rules.labels.key.test(k) || typeof v !== 'string' || !rules.labels.value.test(v)) {
      problems.invalid(`labels.${k}`, 'keys must start with a lowercase letter; keys and values hold at most 63 lowercase letters, digits, "_" or "-"', v);
    }
  }
}
