import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ITerraformDependable } from 'cdktf';
import type { GcpStack } from '../../constructs/gcp-stack';
import { StackShared, StackSharedPerKey } from '../core/stack-shared';
import { displayName, gcpName } from './names';
import { needsApis, projectData } from './stack-services';

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

/** The construct id suffix of a region's resources: none in the stack's own region (ids unchanged). */
function inRegion(stack: GcpStack, region: string): string {
  return region === stack.region ? '' : `-${region}`;
}

/** The service account Cloud Build runs as, one per stack. */
const BUILD_ACCOUNT = new StackShared((stack: GcpStack) => new ServiceAccount(stack, 'CirrusBuildServiceAccount', {
  accountId: gcpName(stack, 'gcpServiceAccount', 'build'),
  displayName: displayName(`Cirrus function builds of ${stack.node.path}`),
  dependsOn: needsApis(stack, 'iam'),
}));

/** The image repository of each region the stack's functions run in. */
const IMAGE_REPOSITORIES = new StackSharedPerKey((stack: GcpStack, region: string) => new ArtifactRegistryRepository(stack, `CirrusFunctionImages${inRegion(stack, region)}`, {
  repositoryId: gcpName(stack, 'gcpResource', `images${inRegion(stack, region)}`),
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

/** roles/logging.logWriter on the project for the build account (Cloud Logging grants it only there). */
const LOG_WRITER = new StackShared((stack: GcpStack) => new ProjectIamMember(stack, 'CirrusBuildLogWriter', {
  project: stack.project,
  role: 'roles/logging.logWriter',
  member: BUILD_ACCOUNT.of(stack).member,
}));

/** roles/artifactregistry.writer for the build account on each region's repository. */
const IMAGE_WRITERS = new StackSharedPerKey((stack: GcpStack, region: string) => new ArtifactRegistryRepositoryIamMember(stack, `CirrusBuildImageWriter${inRegion(stack, region)}`, {
  location: region,
  repository: IMAGE_REPOSITORIES.of(stack, region).name,
  role: 'roles/artifactregistry.writer',
  member: BUILD_ACCOUNT.of(stack).member,
}));

/** roles/storage.objectViewer for the build account, conditioned on the region's gcf-v2-sources bucket. */
const SOURCE_READERS = new StackSharedPerKey((stack: GcpStack, region: string) => {
  const sources = `gcf-v2-sources-${projectData(stack).number}-${region}`;
  return new ProjectIamMember(stack, `CirrusBuildSourceReader${inRegion(stack, region)}`, {
    project: stack.project,
    role: 'roles/storage.objectViewer',
    member: BUILD_ACCOUNT.of(stack).member,
    condition: {
      title: `gcf-v2-sources-${region}`,
      description: `Function sources Cloud Functions copies for builds in ${region}, and nothing else`,
      expression: `resource.name.startsWith("projects/_/buckets/${sources}")`,
    },
  });
});

/**
 * The stack's build identity, created once: a service account Cloud Build
 * runs as (instead of the project's default compute or Cloud Build account,
 * which is shared and often an Editor), pushing to a repository of its own.
 *
 * It may write the repository (granted on the repository) and read the
 * function sources: Cloud Functions copies each package from Cirrus's code
 * bucket into a bucket it creates itself, `gcf-v2-sources-<project
 * number>-<region>`, and the build fetches it from there ("Build process
 * overview", cloud.google.com/functions/docs/building; a build without that
 * access fails with "Access to bucket gcf-v2-sources-... denied",
 * hashicorp/terraform-provider-google#20571). That bucket does not exist
 * before the first function of the region, so no bucket-level grant can
 * name it: the build account gets roles/storage.objectViewer on the project
 * with an IAM condition limiting it to that bucket (Cloud Storage honours
 * resource.name conditions, cloud.google.com/iam/docs/conditions-resource-attributes).
 * Google's pages name roles/run.builder for this account; it is granted as
 * its parts instead, because a condition on it would also narrow its
 * Artifact Registry and Logging permissions, which recognise no resource
 * names. Writing build logs needs roles/logging.logWriter, which Cloud
 * Logging only grants on the project. These two are the project-level grants
 * Cirrus makes, both to the build account, never to a function. IAM grants
 * can take a minute to propagate, so a first build may need a retried apply.
 */
export function buildIdentity(stack: GcpStack, region: string = stack.region): BuildIdentity {
  const serviceAccount = BUILD_ACCOUNT.of(stack);
  const repository = IMAGE_REPOSITORIES.of(stack, region);
  const grants: ITerraformDependable[] = [LOG_WRITER.of(stack), IMAGE_WRITERS.of(stack, region), SOURCE_READERS.of(stack, region)];
  return { serviceAccount, repository, grants };
}
