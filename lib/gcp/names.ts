import { IConstruct } from 'constructs';
import { TEXT_LIMITS } from '../core/text-limits';
import { deriveName, fitName, NAME_RULES } from '../core/naming';

/** The kinds of GCP names Cirrus derives, each with its own rule. */
export type GcpNameKind = 'gcpFunction' | 'gcpServiceAccount' | 'gcpResource' | 'gcpBucket' | 'gcpApiGateway' | 'gcpApiConfigPrefix';

/**
 * A deterministic GCP name for a resource of `scope`, from its construct path
 * (and a suffix when one path needs several names).
 */
export function gcpName(scope: IConstruct, kind: GcpNameKind, suffix = ''): string {
  return deriveName(scope.node.path.split('/'), NAME_RULES[kind], suffix.toLowerCase());
}

/**
 * A globally unique bucket name: the project id joins the path, so the same
 * stack in two projects never collides. GCS rejects names containing "google".
 */
export function gcpBucketName(project: string, scope: IConstruct, suffix: string): string {
  return deriveName([project, ...scope.node.path.split('/')], NAME_RULES.gcpBucket, suffix).replace(/google/g, 'gcp');
}

/** A service account display name, fitted to its limit. */
export function displayName(text: string): string {
  return fitName(text, TEXT_LIMITS.gcp.serviceAccountDisplayName);
}
