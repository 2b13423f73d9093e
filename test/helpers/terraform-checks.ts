/**
 * Structure checks for the Terraform JSON Cirrus synthesizes on Azure and GCP:
 * what `terraform validate` and the provider schemas would reject, checked
 * without Terraform. Used by the fuzz tests and usable by any test:
 *
 *   expect(terraformProblems(synthJson(stack), 'azure')).toEqual([]);
 *
 * Checked:
 * - the required top-level blocks (terraform.required_providers, provider, resource);
 * - every `${...}` reference names a resource, data source, variable or local
 *   that exists in the same JSON;
 * - no unresolved token text (`${TfToken[`, `${Token[`, `#{Token[`) and no
 *   'undefined', 'NaN', 'Infinity' or '[object Object]' in any value or key;
 *   every number is finite;
 * - resource names within the cloud's length and character rules (the
 *   provider's documented rules, and NAME_RULES for the names Cirrus derives);
 * - numeric attributes within the ranges the provider documents that Cirrus
 *   knows (LIMITS and the delivery tables of lib/core).
 */
import { CloudProvider } from '../../lib/core/cloud-provider';
import { GCP_MEMORY_CPU, LIMITS } from '../../lib/core/limits';
import { NAME_RULES } from '../../lib/core/naming';

export type TerraformCloud = 'azure' | 'gcp';

/** A rule on a string attribute: a pattern, and whether a reference (`${...}`) is allowed instead. */
interface NameCheck {
  readonly pattern: RegExp;
  readonly rule: string;
}

function lengthAndChars(min: number, max: number, chars: string, first = chars, last = chars): NameCheck {
  const body = max - (first === chars ? 0 : 1) - (last === chars ? 0 : 1);
  const minBody = Math.max(0, min - (first === chars ? 0 : 1) - (last === chars ? 0 : 1));
  const parts = [first === chars ? '' : `[${first}]`, `[${chars}]{${minBody},${body}}`, last === chars ? '' : `[${last}]`];
  return { pattern: new RegExp(`^(?=.{${min},${max}}$)${parts.join('')}$`), rule: `${min}-${max} characters of [${chars}]` };
}

/** Names Cirrus derives: the NAME_RULES (prefix, length, hyphens) in lowercase letters and digits. */
function derived(rule: { maxLength: number; hyphens: boolean; prefix: string }, min = 1): NameCheck {
  const chars = rule.hyphens ? 'a-z0-9-' : 'a-z0-9';
  const prefix = rule.prefix.replace(/[-]/g, '\\-');
  return {
    pattern: new RegExp(`^(?=.{${min},${rule.maxLength}}$)${prefix}[a-z0-9](?:[${chars}]*[a-z0-9])?$`),
    rule: `${rule.prefix}... at most ${rule.maxLength} characters of [${chars}] (NAME_RULES)`,
  };
}

/** The hash that ends a global Azure name, computed by Terraform: `${substr(sha1(join("/", [...])), 0, 8)}`. */
const TERRAFORM_NAME_HASH = /\$\{substr\(sha1\(join\("\/", \[data\.azurerm_client_config\.CirrusClientConfig\.subscription_id, "[a-z0-9]+", "[0-9a-f]{16}"\]\)\), 0, 8\)\}$/;

/** Per resource type: attribute path (dots) to the rule its literal value must follow. */
const NAME_CHECKS: Record<string, Record<string, NameCheck>> = {
  // Azure (azurerm 4.55 validation functions)
  azurerm_resource_group: { name: lengthAndChars(1, 90, 'A-Za-z0-9._()-', 'A-Za-z0-9._()-', 'A-Za-z0-9_()-') },
  azurerm_function_app_flex_consumption: { name: derived(NAME_RULES.azureFunctionApp, 2) },
  azurerm_storage_account: { name: derived(NAME_RULES.azureStorageAccount, 3) },
  azurerm_storage_container: { name: { pattern: /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$/, rule: '3-63 lowercase letters, digits, single hyphens' } },
  azurerm_servicebus_namespace: { name: derived(NAME_RULES.azureServiceBusNamespace, 6) },
  azurerm_servicebus_queue: { name: lengthAndChars(1, 260, 'A-Za-z0-9._-', 'A-Za-z0-9', 'A-Za-z0-9_') },
  azurerm_servicebus_topic: { name: lengthAndChars(1, 260, 'A-Za-z0-9._-', 'A-Za-z0-9', 'A-Za-z0-9_') },
  azurerm_servicebus_subscription: { name: lengthAndChars(1, 50, 'A-Za-z0-9._-', 'A-Za-z0-9', 'A-Za-z0-9_') },
  azurerm_eventgrid_topic: { name: lengthAndChars(3, 50, 'A-Za-z0-9-') },
  azurerm_eventgrid_system_topic: { name: lengthAndChars(3, 128, 'A-Za-z0-9-') },
  azurerm_eventgrid_event_subscription: { name: lengthAndChars(3, 64, 'A-Za-z0-9-') },
  azurerm_eventgrid_system_topic_event_subscription: { name: lengthAndChars(3, 64, 'A-Za-z0-9-') },
  azurerm_user_assigned_identity: { name: lengthAndChars(3, 128, 'A-Za-z0-9_-', 'A-Za-z0-9') },
  azurerm_service_plan: { name: lengthAndChars(1, 60, 'A-Za-z0-9-') },
  azurerm_application_insights: { name: lengthAndChars(1, 255, 'A-Za-z0-9()._-') },
  azurerm_log_analytics_workspace: { name: lengthAndChars(4, 63, 'A-Za-z0-9-', 'A-Za-z0-9', 'A-Za-z0-9') },
  azurerm_monitor_action_group: { short_name: lengthAndChars(1, 12, 'A-Za-z0-9 _-') },
  azurerm_consumption_budget_resource_group: { name: lengthAndChars(1, 63, 'A-Za-z0-9_-') },
  azurerm_cdn_frontdoor_profile: { name: lengthAndChars(1, 260, 'A-Za-z0-9-', 'A-Za-z0-9', 'A-Za-z0-9') },
  azurerm_cdn_frontdoor_endpoint: { name: lengthAndChars(1, 46, 'A-Za-z0-9-', 'A-Za-z0-9', 'A-Za-z0-9') },
  azurerm_cdn_frontdoor_origin_group: { name: lengthAndChars(1, 90, 'A-Za-z0-9-', 'A-Za-z0-9', 'A-Za-z0-9') },
  azurerm_cdn_frontdoor_origin: { name: lengthAndChars(1, 90, 'A-Za-z0-9-', 'A-Za-z0-9', 'A-Za-z0-9') },
  azurerm_cdn_frontdoor_rule_set: { name: lengthAndChars(1, 60, 'A-Za-z0-9', 'A-Za-z') },
  azurerm_cdn_frontdoor_rule: { name: lengthAndChars(1, 260, 'A-Za-z0-9', 'A-Za-z') },
  azurerm_cdn_frontdoor_route: { name: lengthAndChars(1, 90, 'A-Za-z0-9-', 'A-Za-z0-9', 'A-Za-z0-9') },
  azurerm_cdn_frontdoor_custom_domain: { name: lengthAndChars(2, 260, 'A-Za-z0-9-', 'A-Za-z0-9', 'A-Za-z0-9') },
  // GCP (provider-google 6.50 and the APIs' documented name rules)
  google_cloudfunctions2_function: { name: derived(NAME_RULES.gcpFunction) },
  google_service_account: { account_id: derived(NAME_RULES.gcpServiceAccount, 6) },
  google_pubsub_topic: { name: { pattern: /^(?!goog)[A-Za-z][A-Za-z0-9_.~+%-]{2,254}$/, rule: '3-255 characters, starting with a letter, not with "goog"' } },
  google_pubsub_subscription: { name: { pattern: /^(?!goog)[A-Za-z][A-Za-z0-9_.~+%-]{2,254}$/, rule: '3-255 characters, starting with a letter, not with "goog"' } },
  google_storage_bucket: { name: { pattern: /^(?!goog)(?!.*google)(?=.{3,63}$)[a-z0-9][a-z0-9._-]*[a-z0-9]$/, rule: '3-63 lowercase letters, digits, ".", "_", "-", without "goog" prefix or "google"' } },
  google_cloud_scheduler_job: { name: lengthAndChars(1, 500, 'A-Za-z0-9_-') },
  google_logging_project_bucket_config: { bucket_id: lengthAndChars(1, 100, 'A-Za-z0-9_-') },
  google_logging_project_sink: { name: lengthAndChars(1, 100, 'A-Za-z0-9_.-') },
  google_logging_project_exclusion: { name: lengthAndChars(1, 100, 'A-Za-z0-9_.-') },
  google_artifact_registry_repository: { repository_id: { pattern: /^(?=.{1,63}$)[a-z]([a-z0-9-]*[a-z0-9])?$/, rule: '1-63 lowercase letters, digits, hyphens, starting with a letter' } },
  google_project_iam_custom_role: { role_id: lengthAndChars(3, 64, 'A-Za-z0-9_.') },
  google_secret_manager_secret_iam_member: { secret_id: lengthAndChars(1, 255, 'A-Za-z0-9_-') },
};

/** GCP Compute resources (edge): RFC 1035 names of at most 63 characters. */
const COMPUTE_NAME: NameCheck = { pattern: /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, rule: 'RFC 1035: 1-63 lowercase letters, digits, hyphens, starting with a letter' };

interface Range { readonly min: number; readonly max: number; readonly integer?: boolean; readonly values?: number[] }

const azure = LIMITS[CloudProvider.AZURE];
const gcp = LIMITS[CloudProvider.GCP];
const azureMemory = 'sizes' in azure.memory ? azure.memory.sizes : [];

/** Per resource type: attribute path (list indices dropped) to its documented range. */
const NUMBER_CHECKS: Record<string, Record<string, Range>> = {
  azurerm_function_app_flex_consumption: {
    instance_memory_in_mb: { min: 512, max: 4096, integer: true, values: [512, ...azureMemory] },
    maximum_instance_count: { min: azure.concurrency.min, max: azure.concurrency.max, integer: true },
    'always_ready.instance_count': { min: 0, max: 1000, integer: true },
    http_concurrency: { min: 1, max: 1000, integer: true },
  },
  azurerm_servicebus_queue: { max_delivery_count: { min: 1, max: 2000, integer: true } },
  azurerm_servicebus_subscription: { max_delivery_count: { min: 1, max: 2000, integer: true } },
  azurerm_log_analytics_workspace: { retention_in_days: { min: 30, max: 730, integer: true } },
  azurerm_eventgrid_event_subscription: {
    'retry_policy.max_delivery_attempts': { min: 1, max: 30, integer: true },
    'retry_policy.event_time_to_live': { min: 1, max: 1440, integer: true },
    'azure_function_endpoint.max_events_per_batch': { min: 1, max: 5000, integer: true },
  },
  azurerm_eventgrid_system_topic_event_subscription: {
    'retry_policy.max_delivery_attempts': { min: 1, max: 30, integer: true },
    'retry_policy.event_time_to_live': { min: 1, max: 1440, integer: true },
    'azure_function_endpoint.max_events_per_batch': { min: 1, max: 5000, integer: true },
  },
  azurerm_consumption_budget_resource_group: { amount: { min: 0.01, max: 1e12 }, 'notification.threshold': { min: 0, max: 1000 } },
  azurerm_monitor_metric_alert: { severity: { min: 0, max: 4, integer: true }, 'criteria.threshold': { min: 0, max: Number.MAX_VALUE } },
  google_cloudfunctions2_function: {
    'service_config.timeout_seconds': { min: 1, max: gcp.maxTimeoutSeconds, integer: true },
    'service_config.max_instance_count': { min: 1, max: gcp.concurrency.max, integer: true },
    'service_config.min_instance_count': { min: 0, max: gcp.concurrency.max, integer: true },
    'service_config.max_instance_request_concurrency': { min: 1, max: 1000, integer: true },
  },
  google_pubsub_subscription: {
    ack_deadline_seconds: { min: 10, max: 600, integer: true },
    'dead_letter_policy.max_delivery_attempts': { min: gcp.deliveryAttempts.min, max: gcp.deliveryAttempts.max, integer: true },
  },
  google_logging_project_bucket_config: { retention_days: { min: 1, max: 3650, integer: true } },
  google_cloud_scheduler_job: { 'retry_config.retry_count': { min: 0, max: 5, integer: true } },
  google_billing_budget: { 'threshold_rules.threshold_percent': { min: 0, max: 10 } },
  google_monitoring_alert_policy: { 'conditions.condition_threshold.trigger.count': { min: 1, max: 1e6, integer: true } },
};

/** Per resource type: attribute path to a duration string ("<n>s") and its range in seconds. */
const DURATION_CHECKS: Record<string, Record<string, Range>> = {
  google_pubsub_subscription: { message_retention_duration: { min: 600, max: 604800 } },
  google_pubsub_topic: { message_retention_duration: { min: 600, max: 2678400 } },
  google_cloud_scheduler_job: { attempt_deadline: { min: 15, max: 1800 } },
};

const GCP_MEMORY_STRINGS = new Set(Object.keys(GCP_MEMORY_CPU).flatMap((mb) => [`${mb}M`, `${mb}Mi`, `${Number(mb) / 1024}G`, `${Number(mb) / 1024}Gi`]));
const BAD_TEXT = /\$\{TfToken\[|\$\{Token\[|#\{Token\[|\[object Object\]|(?<![A-Za-z0-9_])(undefined|NaN|-?Infinity)(?![A-Za-z0-9_])/;
const META_ARGUMENTS = new Set(['depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'connection', 'provisioner']);
const PSEUDO_ROOTS = new Set(['self', 'each', 'count', 'path', 'terraform', 'module']);

/** Every `${...}` expression in a string (nested braces and quoted strings respected). */
export function expressionsIn(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 1)) {
    if (i > 0 && text[i - 1] === '$') {
      continue; // `$${` is an escaped literal
    }
    let depth = 0;
    let inString = false;
    for (let j = i + 1; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') {
          j++;
        } else if (c === '"') {
          inString = false;
        }
      } else if (c === '"') {
        inString = true;
      } else if (c === '{') {
        depth++;
      } else if (c === '}') {
        depth--;
        if (depth === 0) {
          out.push(text.slice(i + 2, j));
          i = j;
          break;
        }
      }
    }
  }
  return out;
}

/** The references an expression makes: `type.name`, `data.type.name`, `var.x`, `local.x`. */
export function referencesIn(expression: string): string[][] {
  const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const refs: string[][] = [];
  for (const m of code.matchAll(/(?<![\w.\]])([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*)+)/g)) {
    refs.push([m[1], ...m[2].slice(1).split('.')]);
  }
  return refs;
}

function walk(value: unknown, path: string[], visit: (path: string[], value: unknown) => void): void {
  visit(path, value);
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, String(i)], visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      walk(v, [...path, k], visit);
    }
  }
}

/** `a.0.b` -> `a.b`: attribute path without list indices. */
function attributePath(path: string[]): string {
  return path.filter((p) => !/^\d+$/.test(p)).join('.');
}

function inRange(value: number, range: Range): boolean {
  if (range.values) {
    return range.values.includes(value);
  }
  return value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value));
}

/**
 * Problems of a synthesized Terraform JSON document (`JSON.parse(Testing.synth(stack))`),
 * one sentence each; empty when the document passes every check.
 */
export function terraformProblems(tf: any, cloud: TerraformCloud): string[] {
  const problems: string[] = [];
  const provider = cloud === 'azure' ? 'azurerm' : 'google';
  if (!tf || typeof tf !== 'object') {
    return ['the document is not a JSON object'];
  }
  if (!tf.terraform?.required_providers?.[provider]) {
    problems.push(`terraform.required_providers.${provider} is missing`);
  }
  if (!tf.provider?.[provider]) {
    problems.push(`provider.${provider} is missing`);
  }
  if (!tf.resource || typeof tf.resource !== 'object' || Object.keys(tf.resource).length === 0) {
    problems.push('resource block is missing or empty');
  }
  const resources: Record<string, Record<string, any>> = tf.resource ?? {};
  const data: Record<string, Record<string, any>> = tf.data ?? {};

  const exists = (ref: string[]): boolean => {
    const [root, a, b] = ref;
    if (PSEUDO_ROOTS.has(root)) {
      return true;
    }
    if (root === 'var') {
      return tf.variable?.[a] !== undefined;
    }
    if (root === 'local') {
      return tf.locals?.[a] !== undefined;
    }
    if (root === 'data') {
      return data[a]?.[b] !== undefined;
    }
    return resources[root]?.[a] !== undefined;
  };

  walk(tf, [], (path, value) => {
    const where = path.join('.');
    const key = path[path.length - 1];
    if (key !== undefined && BAD_TEXT.test(key)) {
      problems.push(`${where}: the key holds unresolved or broken text`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      problems.push(`${where} is ${value}`);
    }
    if (typeof value !== 'string') {
      return;
    }
    if (BAD_TEXT.test(value)) {
      problems.push(`${where} holds unresolved or broken text: ${JSON.stringify(value.slice(0, 200))}`);
    }
    if (path[0] === 'output' || path[0] === 'terraform') {
      return;
    }
    if (path.includes('depends_on')) {
      const ref = value.split('.');
      if (!exists(ref)) {
        problems.push(`${where} depends on ${value}, which is not in the document`);
      }
      return;
    }
    for (const expression of expressionsIn(value)) {
      for (const ref of referencesIn(expression)) {
        if (ref.length < 2 || (ref[0] !== 'data' && ref[0] !== 'var' && ref[0] !== 'local' && !PSEUDO_ROOTS.has(ref[0]) && !/_/.test(ref[0]))) {
          continue; // e.g. attribute access on a function result
        }
        if (!exists(ref)) {
          problems.push(`${where} references ${ref.slice(0, ref[0] === 'data' ? 3 : 2).join('.')}, which is not in the document`);
        }
      }
    }
  });

  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, body] of Object.entries(byName)) {
      const label = `resource.${type}.${name}`;
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
        problems.push(`${label}: the resource address is not a Terraform identifier`);
      }
      const names: Record<string, NameCheck> = { ...(NAME_CHECKS[type] ?? {}), ...(type.startsWith('google_compute_') ? { name: COMPUTE_NAME } : {}) };
      walk(body, [], (path, value) => {
        if (META_ARGUMENTS.has(path[0])) {
          return;
        }
        const attr = attributePath(path);
        const where = `${label}.${path.join('.')}`;
        const nameRule = names[attr];
        // A global Azure name ends in a hash Terraform computes (lib/azure globalName): check it as 8 hex characters.
        const named = typeof value === 'string' ? value.replace(TERRAFORM_NAME_HASH, '0a1b2c3d') : value;
        if (nameRule && typeof named === 'string' && expressionsIn(named).length === 0 && !nameRule.pattern.test(named)) {
          problems.push(`${where} is ${JSON.stringify(value)}, outside the name rule: ${nameRule.rule}`);
        }
        const range = NUMBER_CHECKS[type]?.[attr];
        if (range && typeof value === 'number' && !inRange(value, range)) {
          problems.push(`${where} is ${value}, outside ${range.values ? range.values.join(', ') : `${range.min}-${range.max}${range.integer ? ' (whole)' : ''}`}`);
        }
        const duration = DURATION_CHECKS[type]?.[attr];
        if (duration && typeof value === 'string' && expressionsIn(value).length === 0) {
          const m = /^(\d+(?:\.\d+)?)s$/.exec(value);
          if (!m || !inRange(Number(m[1]), duration)) {
            problems.push(`${where} is ${JSON.stringify(value)}, not a duration of ${duration.min}s-${duration.max}s`);
          }
        }
        if (type === 'google_cloudfunctions2_function' && attr === 'service_config.available_memory' && typeof value === 'string'
          && expressionsIn(value).length === 0 && !GCP_MEMORY_STRINGS.has(value)) {
          problems.push(`${where} is ${JSON.stringify(value)}, not a Cloud Functions memory size`);
        }
        if (typeof value === 'number' && /(_count|_seconds|_days|_in_mb|_attempts|_concurrency|_size|retention_in_days)$/.test(attr) && !(Number.isInteger(value) && value >= 0)) {
          problems.push(`${where} is ${value}, not a whole number of at least 0`);
        }
      });
    }
  }
  return problems;
}
