import { createHash } from 'crypto';
import type { IConstruct } from 'constructs';

/** The rules a cloud puts on one kind of resource name. */
export interface NameRule {
  /** Longest allowed name. */
  readonly maxLength: number;
  /** Whether hyphens are allowed (between alphanumerics). */
  readonly hyphens: boolean;
  /** A fixed prefix, e.g. `st` or `func-`. */
  readonly prefix: string;
}

/** Characters of the hash that ends a derived name. */
export const NAME_HASH_LENGTH = 8;

/** Short, stable hash of a construct path (8 lowercase hex characters). */
export function pathHash(constructPath: string, length = NAME_HASH_LENGTH): string {
  return createHash('sha256').update(constructPath).digest('hex').slice(0, length);
}

/** What a derived name hashes: the construct path, and the suffix that tells several names of one path apart. */
export function nameSeed(pathComponents: string[], suffix = ''): string {
  return pathComponents.join('/') + (suffix ? `#${suffix}` : '');
}

/**
 * A deterministic name for a resource that a cloud requires to be unique or
 * short: a readable part from the construct path's last components plus a
 * hash of the whole path, within the rule's length and characters. Same
 * path, same name, every synth.
 *
 * @param pathComponents the construct path, split on `/`, from the stack down
 * @param rule the cloud's naming rule
 * @param suffix distinguishes several names derived from one path
 * @param hash the hash that ends the name, NAME_HASH_LENGTH characters of
 *   [a-z0-9] (default: of the path and suffix); names that must be globally
 *   unique pass one that Terraform computes from more (lib/azure globalName)
 */
export function deriveName(pathComponents: string[], rule: NameRule, suffix = '', hash = pathHash(nameSeed(pathComponents, suffix))): string {
  const separator = rule.hyphens ? '-' : '';
  const room = rule.maxLength - rule.prefix.length - NAME_HASH_LENGTH - separator.length;
  const readable = pathComponents
    .slice(-2)
    .concat(suffix ? [suffix] : [])
    .join(separator)
    .toLowerCase()
    .replace(rule.hyphens ? /[^a-z0-9-]/g : /[^a-z0-9]/g, '')
    .replace(/-+/g, '-')
    .slice(0, Math.max(room, 0))
    .replace(/^-+|-+$/g, '');
  return rule.prefix + (readable ? `${readable}${separator}${hash}` : hash);
}

/** Azure and GCP naming rules used by the renderers. */
export const NAME_RULES = {
  /** Azure function app: part of a global host name; kept to 32 characters. */
  azureFunctionApp: { maxLength: 32, hyphens: true, prefix: 'func-' },
  /** Azure storage account: 3-24 lowercase letters and digits, globally unique. */
  azureStorageAccount: { maxLength: 24, hyphens: false, prefix: 'st' },
  /** Azure Service Bus namespace: 6-50, letters, digits, hyphens, globally unique. */
  azureServiceBusNamespace: { maxLength: 50, hyphens: true, prefix: 'sb-' },
  /** Azure resource inside a resource group (plan, insights, identity): kept to 60. */
  azureResource: { maxLength: 60, hyphens: true, prefix: '' },
  /** GCP Cloud Functions (2nd gen) function: its Cloud Run service name allows 49. */
  gcpFunction: { maxLength: 49, hyphens: true, prefix: 'fn-' },
  /** GCP service account id: 6-30, starts with a letter. */
  gcpServiceAccount: { maxLength: 30, hyphens: true, prefix: 'sa-' },
  /** GCP Pub/Sub topic or subscription, Cloud Scheduler job, log bucket: kept to 63. */
  gcpResource: { maxLength: 63, hyphens: true, prefix: 'c-' },
  /** GCS bucket: 3-63 lowercase, globally unique. */
  gcpBucket: { maxLength: 63, hyphens: true, prefix: 'cirrus-' },
  /**
   * GCP API Gateway API and gateway id: lowercase letters, digits and hyphens, at most 63
   * (https://cloud.google.com/api-gateway/docs/creating-api#creating_an_api); kept to 50.
   */
  gcpApiGateway: { maxLength: 50, hyphens: true, prefix: 'api-' },
  /** GCP API Gateway config id prefix: Terraform appends `-` and 26 characters, within the id's 63. */
  gcpApiConfigPrefix: { maxLength: 36, hyphens: true, prefix: 'cfg-' },
  /**
   * Azure API Management service: 1-50 letters, digits and hyphens, starting with a letter, globally
   * unique (its host is <name>.azure-api.net): https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftapimanagement
   */
  azureApiManagement: { maxLength: 50, hyphens: true, prefix: 'apim-' },
} satisfies Record<string, NameRule>;

/**
 * A name, label or description that must fit `maxLength` characters: the
 * text itself when it fits, else its start, `-` and a hash of the whole text,
 * so that two long texts that share a start still get different names. The
 * one rule Cirrus uses to shorten a text derived from a user's construct
 * path; the limits are in lib/core/text-limits.ts.
 */
export function fitName(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }
  const hash = pathHash(text);
  return `${text.slice(0, Math.max(maxLength - hash.length - 1, 0))}-${hash}`.slice(-maxLength);
}

/** fitName for fields of letters and digits only (an IAM statement Sid): the start and the hash, without `-`. */
export function fitIdentifier(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }
  const hash = pathHash(text);
  return `${text.slice(0, Math.max(maxLength - hash.length, 0))}${hash}`.slice(-maxLength);
}

/**
 * A description derived from construct paths, made acceptable where the
 * cloud restricts characters (AWS IAM role descriptions take printable
 * Latin-1 only): other characters become `?`, and the text is fitted to
 * `maxLength` (fitName). Construct ids may hold any Unicode.
 */
export function printableDescription(text: string, maxLength: number): string {
  return fitName(text.replace(/[^\t\n\r\x20-\x7e\xa1-\xff]/gu, '?'), maxLength);
}

/**
 * The id of a grant to `grantee` under `owner`: `<prefix><hash of the
 * grantee's construct path>`, so reordering grants changes no address.
 * Undefined when that grant exists already (granting twice is one grant).
 */
export function grantChildId(owner: IConstruct, prefix: string, grantee: IConstruct): string | undefined {
  const id = `${prefix}${pathHash(grantee.node.path)}`;
  return owner.node.tryFindChild(id) ? undefined : id;
}
