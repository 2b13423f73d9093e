import type { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import { CloudProvider } from '../core/cloud-provider';
import { StackShared, StackSharedPerKey } from '../core/stack-shared';
import { isCirrusStack } from '../targets/resolve-target';

/** The Google APIs Cirrus functions and their triggers use (`<api>.googleapis.com`). */
export const GOOGLE_APIS = [
  'cloudfunctions', 'run', 'cloudbuild', 'artifactregistry', 'logging',
  'pubsub', 'cloudscheduler', 'iam', 'storage', 'cloudresourcemanager',
] as const;

/** One of GOOGLE_APIS. */
export type GoogleApi = typeof GOOGLE_APIS[number];

/** The GcpStack holding a construct (imported as a type only, to avoid a cycle). */
export function gcpStackOf(scope: IConstruct): GcpStack {
  const stack: IConstruct = TerraformStack.of(scope);
  if (!isGcpStack(stack)) {
    throw new Error(`${scope.node.path} is not in a GcpStack`); // resolveTarget checked it: a bug in Cirrus
  }
  return stack;
}

function isGcpStack(stack: IConstruct): stack is GcpStack {
  return isCirrusStack(stack, CloudProvider.GCP);
}

function apiId(api: string): string {
  return `CirrusApi${api.charAt(0).toUpperCase()}${api.slice(1)}`;
}

/** The google_project_service of one Google API (`CirrusApi<Name>`), never disabled on destroy (other workloads of the project may use it). */
const PROJECT_SERVICES = new StackSharedPerKey((stack: GcpStack, api: string) => new ProjectService(stack, apiId(api), {
  service: `${api}.googleapis.com`,
  disableOnDestroy: false,
  disableDependentServices: false,
}));

/**
 * The google_project_service resources of these APIs (any Google API, also
 * beyond GOOGLE_APIS), enabled once per stack; undefined when the stack does
 * not manage APIs.
 */
export function enabledApis(stack: GcpStack, ...names: string[]): ProjectService[] | undefined {
  return stack.enableApis ? names.map((api) => PROJECT_SERVICES.of(stack, api)) : undefined;
}

/**
 * The google_project_service resources of these APIs, to depend on; none when
 * the stack does not manage APIs. The first call enables all of GOOGLE_APIS.
 */
export function apis(stack: GcpStack, ...names: GoogleApi[]): ProjectService[] {
  enabledApis(stack, ...GOOGLE_APIS);
  return enabledApis(stack, ...(names.length > 0 ? names : GOOGLE_APIS)) ?? [];
}

/** The stack's project, read once (its number names the Google service agents). */
const PROJECT = new StackShared((stack: GcpStack) => {
  const { DataGoogleProject: Project } = require('@cdktf/provider-google/lib/data-google-project') as { DataGoogleProject: typeof DataGoogleProject };
  return new Project(stack, 'CirrusProject', { projectId: stack.project });
});

/** The stack's project data source, created on first use. */
export function projectData(stack: GcpStack): DataGoogleProject {
  return PROJECT.of(stack);
}

/** The Pub/Sub service agent, which forwards dead letters and mints push OIDC tokens. */
export function pubsubServiceAgent(stack: GcpStack): string {
  return `serviceAccount:service-${projectData(stack).number}@gcp-sa-pubsub.iam.gserviceaccount.com`;
}

/** A dependsOn value on these APIs: undefined when the stack manages none. */
export function needsApis(stack: GcpStack, ...names: GoogleApi[]): ProjectService[] | undefined {
  const services = apis(stack, ...names);
  return services.length > 0 ? services : undefined;
}
