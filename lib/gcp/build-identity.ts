import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { ITerraformDependable } from 'cdktf';
import type { GcpStack } from '../../constructs/gcp-stack';
import { codeBucket } from './code-package';
import { displayName, gcpName } from './names';
import { needsApis, sharedChild } from './stack-services';

/** How the stack's functions are built: Cloud Build's identity and the image repository. */
export interface BuildIdentity {
  /** The build service account. */
  readonly serviceAccount: ServiceAccount;
  /** The Artifact Registry repository the images are pushed to. */
  readonly repository: ArtifactRegistryRepository;
  /** The grants the build needs: a function depends on them. */
  readonly grants: ITerraformDependable[];
}

/** Function images kept per function, whatever their age. */
const KEEP_RECENT_IMAGES = 5;
/** Older images beyond those are deleted after this long. */
const DELETE_IMAGES_AFTER = `${30 * 86400}s`;

/**
 * The stack's build identity, created once: a service account Cloud Build
 * runs as (instead of the project's default compute or Cloud Build account,
 * which is shared and often an Editor), pushing to a repository of its own.
 *
 * It may read the code bucket and write the repository, both granted on the
 * resource. Writing build logs needs roles/logging.logWriter, which Cloud
 * Logging only grants on the project (or above): the one project-level grant
 * Cirrus makes, to the build account, never to a function. IAM grants can
 * take a minute to propagate, so a first build may need a retried apply.
 */
export function buildIdentity(stack: GcpStack, region: string = stack.region): BuildIdentity {
  const serviceAccount = sharedChild(stack, 'CirrusBuildServiceAccount', () => new ServiceAccount(stack, 'CirrusBuildServiceAccount', {
    accountId: gcpName(stack, 'gcpServiceAccount', 'build'),
    displayName: displayName(`Cirrus function builds of ${stack.node.path}`),
    dependsOn: needsApis(stack, 'iam'),
  }));
  // One repository per region the stack's functions run in (ids of the stack's own region unchanged).
  const inRegion = region === stack.region ? '' : `-${region}`;
  const repository = sharedChild(stack, `CirrusFunctionImages${inRegion}`, () => new ArtifactRegistryRepository(stack, `CirrusFunctionImages${inRegion}`, {
    repositoryId: gcpName(stack, 'gcpResource', `images${inRegion}`),
    location: region,
    format: 'DOCKER',
    description: `Function images of ${stack.node.path}, built by Cirrus`,
    cleanupPolicyDryRun: false,
    cleanupPolicies: [
      { id: 'keep-recent', action: 'KEEP', mostRecentVersions: { keepCount: KEEP_RECENT_IMAGES } },
      { id: 'delete-old', action: 'DELETE', condition: { olderThan: DELETE_IMAGES_AFTER } },
    ],
    dependsOn: needsApis(stack, 'artifactregistry'),
  }));
  const grants: ITerraformDependable[] = [
    sharedChild(stack, 'CirrusBuildLogWriter', () => new ProjectIamMember(stack, 'CirrusBuildLogWriter', {
      project: stack.project,
      role: 'roles/logging.logWriter',
      member: serviceAccount.member,
    })),
    sharedChild(stack, `CirrusBuildImageWriter${inRegion}`, () => new ArtifactRegistryRepositoryIamMember(stack, `CirrusBuildImageWriter${inRegion}`, {
      location: region,
      repository: repository.name,
      role: 'roles/artifactregistry.writer',
      member: serviceAccount.member,
    })),
    sharedChild(stack, 'CirrusBuildCodeReader', () => new StorageBucketIamMember(stack, 'CirrusBuildCodeReader', {
      bucket: codeBucket(stack).name,
      role: 'roles/storage.objectViewer',
      member: serviceAccount.member,
    })),
  ];
  return { serviceAccount, repository, grants };
}
