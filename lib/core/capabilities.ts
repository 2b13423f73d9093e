import { CLOUD_DEFAULTS } from './cloud-defaults';
import { CloudProvider } from './cloud-provider';
import { CLOUDFRONT_FUNCTION_MAX_BYTES } from './edge/cloudfront-function-source';
import { AZURE_ACTIONS_PER_RULE, AZURE_RULES_PER_RULE_SET } from './edge/edge-rule-spec';
import { AZURE_CONSUMPTION_MAX_OPERATIONS } from './http-api-spec';
import { CloudLimits, LIMITS } from './limits';
import { NAME_RULES, NameRule } from './naming';
import { CLOUDFORMATION_TEMPLATE_LIMITS } from './placement';
import { AZURE_QUOTAS, GCP_LOGGING_FILTER_MAX_LENGTH, GCP_QUOTAS, QuotaRule } from './quotas';
import { REGION_PATTERN } from './regions';
import { runtimesOfferedBy } from './runtime-support';
import { STACK_PROP_RULES } from './stack-props';
import { TEXT_LIMITS } from './text-limits';
import { ASYNC_DELIVERY, BUS_DELIVERY, DeliveryTable } from './triggers/delivery';
import { COMPETING_CONSUMERS } from './triggers/queue-consumers';

/**
 * What Cirrus knows of one cloud, gathered in one place. Each entry is the
 * table that Cirrus checks and renders with (the same object, not a copy),
 * and each of those tables cites its sources beside its values. A new rule
 * goes into the table of its kind and is listed here.
 */
export interface CloudCapabilities {
  /** Function props: memory, timeouts, concurrency, log retention, queue options, reserved variables (lib/core/limits.ts). */
  readonly functionLimits: CloudLimits;
  /** Runtime names the cloud offers (lib/core/runtime-support.ts). */
  readonly runtimes: string[];
  /** The shape of a region name (lib/core/regions.ts). */
  readonly regionPattern: RegExp;
  /** Attempts and event age of topic deliveries (lib/core/triggers/delivery.ts). */
  readonly topicDelivery: DeliveryTable[CloudProvider];
  /** Attempts and event age of event-bus deliveries. */
  readonly busDelivery: DeliveryTable[CloudProvider];
  /** Whether a shared queue may have several consuming functions (lib/core/triggers/queue-consumers.ts). */
  readonly competingQueueConsumers: boolean;
  /** Rules of the resource names Cirrus derives (lib/core/naming.ts). */
  readonly nameRules: { readonly [name: string]: NameRule };
  /** Longest text of the fields Cirrus fills with derived descriptions (lib/core/text-limits.ts). */
  readonly textLimits: { readonly [field: string]: number };
  /** Per account quotas Cirrus counts across an app's stacks (lib/core/quotas.ts). */
  readonly quotas: QuotaRule[];
  /** Other counts and sizes, each with its source where it is defined. */
  readonly sizes: { readonly [limit: string]: number };
  /** Rules on the cloud's stack props (lib/core/stack-props.ts). */
  readonly stackProps?: object;
  /** Values Cirrus sets when the user gives none (lib/core/cloud-defaults.ts; function defaults are in functionLimits). */
  readonly defaults?: { readonly [name: string]: number };
}

/** The name rules whose key starts with the cloud's name. */
function nameRulesOf(prefix: string): { [name: string]: NameRule } {
  return Object.fromEntries(Object.entries(NAME_RULES).filter(([name]) => name.startsWith(prefix)));
}

function common(cloud: CloudProvider) {
  return {
    functionLimits: LIMITS[cloud], runtimes: runtimesOfferedBy(cloud), regionPattern: REGION_PATTERN[cloud],
    topicDelivery: ASYNC_DELIVERY[cloud], busDelivery: BUS_DELIVERY[cloud], competingQueueConsumers: COMPETING_CONSUMERS[cloud],
  };
}

/** Every cloud's capabilities; LOCAL is the local run, which accepts what any cloud accepts. */
export const CAPABILITIES: Record<CloudProvider, CloudCapabilities> = {
  [CloudProvider.AWS]: {
    ...common(CloudProvider.AWS),
    nameRules: {},
    textLimits: TEXT_LIMITS.aws,
    quotas: [],
    sizes: {
      templateResources: CLOUDFORMATION_TEMPLATE_LIMITS.resources,
      templateOutputs: CLOUDFORMATION_TEMPLATE_LIMITS.outputs,
      templateParameters: CLOUDFORMATION_TEMPLATE_LIMITS.parameters,
      templateMappings: CLOUDFORMATION_TEMPLATE_LIMITS.mappings,
      templateBytes: CLOUDFORMATION_TEMPLATE_LIMITS.templateBytes,
      cloudFrontFunctionBytes: CLOUDFRONT_FUNCTION_MAX_BYTES,
    },
    defaults: CLOUD_DEFAULTS.aws,
  },
  [CloudProvider.AZURE]: {
    ...common(CloudProvider.AZURE),
    nameRules: nameRulesOf('azure'),
    textLimits: TEXT_LIMITS.azure,
    quotas: AZURE_QUOTAS,
    sizes: {
      apiManagementConsumptionOperations: AZURE_CONSUMPTION_MAX_OPERATIONS,
      frontDoorRulesPerRuleSet: AZURE_RULES_PER_RULE_SET,
      frontDoorActionsPerRule: AZURE_ACTIONS_PER_RULE,
    },
    stackProps: STACK_PROP_RULES.azure,
    defaults: CLOUD_DEFAULTS.azure,
  },
  [CloudProvider.GCP]: {
    ...common(CloudProvider.GCP),
    nameRules: nameRulesOf('gcp'),
    textLimits: TEXT_LIMITS.gcp,
    quotas: GCP_QUOTAS,
    sizes: { loggingFilterCharacters: GCP_LOGGING_FILTER_MAX_LENGTH },
    stackProps: STACK_PROP_RULES.gcp,
  },
  [CloudProvider.LOCAL]: {
    ...common(CloudProvider.LOCAL),
    nameRules: {},
    textLimits: {},
    quotas: [],
    sizes: {},
  },
};
