import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ITerraformDependable } from 'cdktf';
import type { GcpStack } from '../../constructs/gcp-stack';
import { displayName, gcpName } from './names';
import { needsApis, projectData, sharedChild } from './stack-services';

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
    sharedChild(stack, `CirrusBuildSourceReader${inRegion}`, () => {
      const sources = `gcf-v2-sources-${projectData(stack).number}-${region}`;
      return new ProjectIamMember(stack, `CirrusBuildSourceReader${inRegion}`, {
        project: stack.project,
        role: 'roles/storage.objectViewer',
        member: serviceAccount.member,
        condition: {
          title: `gcf-v2-sources-${region}`,
          description: `Function sources Cloud Functions copies for builds in ${region}, and nothing else`,
          expression: `resource.name.startsWith("projects/_/buckets/${sources}")`,
        },
      });
    }),
  ];
  return { serviceAccount, repository, grants };
}
