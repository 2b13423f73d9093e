// Hand-written baseline for Google Cloud: the same Terraform resources Cirrus
// emits for the workload, written directly with cdktf and the google provider
// classes (deep imports), in the same construct tree. The code package (the
// handler folder, the same for every function) is zipped once in-process and
// referenced by one TerraformAsset per function, as Cirrus's output does.
import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectExclusion } from '@cdktf/provider-google/lib/logging-project-exclusion';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { MonitoringAlertPolicy, MonitoringAlertPolicyConditionsConditionThreshold } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { App, AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { hashedName, readFolder, RULES, writePackage } from './baseline-support';
import { BuiltApp, functionId, GCP_PROJECT, GCP_REGION, GCP_STACK_ID, HANDLER_DIR, Workload } from './workload';

const APIS = ['cloudfunctions', 'run', 'cloudbuild', 'artifactregistry', 'logging', 'pubsub', 'cloudscheduler', 'iam', 'storage', 'cloudresourcemanager'];
const logFilter = (names: string[]) => `resource.type="cloud_run_revision" AND resource.labels.service_name=(${names.map((n) => `"${n}"`).join(' OR ')})`;
/** Splits the function names into filters of at most 20,000 characters (Cloud Logging's limit), in order. */
function chunkNames(names: string[]): string[][] {
  const chunks: string[][] = [];
  for (const name of names) {
    const last = chunks[chunks.length - 1];
    if (last && logFilter([...last, name]).length <= 20000) {
      last.push(name);
    } else {
      chunks.push([name]);
    }
  }
  return chunks;
}

export function build(w: Workload): BuiltApp {
  const project = GCP_PROJECT;
  const region = GCP_REGION;
  const app = new App({ outdir: w.outdir, skipValidation: true }); // as the Cirrus side (bench/cirrus-app.ts)
  const stack = new TerraformStack(app, GCP_STACK_ID);
  const stackPath = [GCP_STACK_ID];
  new GoogleProvider(stack, 'google', { project, region });

  const api: Record<string, ProjectService> = {};
  for (const name of APIS) {
    api[name] = new ProjectService(stack, `CirrusApi${name.charAt(0).toUpperCase()}${name.slice(1)}`, {
      service: `${name}.googleapis.com`, disableOnDestroy: false, disableDependentServices: false,
    });
  }
  const buildAccount = new ServiceAccount(stack, 'CirrusBuildServiceAccount', {
    accountId: hashedName(stackPath, RULES.gcpServiceAccount, 'build'),
    displayName: `Cirrus function builds of ${GCP_STACK_ID}`,
    dependsOn: [api.iam],
  });
  const repository = new ArtifactRegistryRepository(stack, 'CirrusFunctionImages', {
    repositoryId: hashedName(stackPath, RULES.gcpResource, 'images'),
    location: region,
    format: 'DOCKER',
    description: `Function images of ${GCP_STACK_ID}, built by Cirrus`,
    cleanupPolicyDryRun: false,
    cleanupPolicies: [
      { id: 'keep-recent', action: 'KEEP', mostRecentVersions: { keepCount: 5 } },
      { id: 'delete-old', action: 'DELETE', condition: { olderThan: `${30 * 86400}s` } },
    ],
    dependsOn: [api.artifactregistry],
  });
  const codeBucket = new StorageBucket(stack, 'CirrusCodeBucket', {
    name: hashedName([project, GCP_STACK_ID], RULES.gcpBucket, 'code').replace(/google/g, 'gcp'),
    location: region,
    uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced',
    versioning: { enabled: true },
    forceDestroy: false,
    lifecycleRule: [{ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: 30 } }],
    dependsOn: [api.storage],
  });
  const projectData = new DataGoogleProject(stack, 'CirrusProject', { projectId: project });
  const buildGrants = [
    new ProjectIamMember(stack, 'CirrusBuildLogWriter', { project, role: 'roles/logging.logWriter', member: buildAccount.member }),
    new ArtifactRegistryRepositoryIamMember(stack, 'CirrusBuildImageWriter', {
      location: region, repository: repository.name, role: 'roles/artifactregistry.writer', member: buildAccount.member,
    }),
    new ProjectIamMember(stack, 'CirrusBuildSourceReader', {
      project,
      role: 'roles/storage.objectViewer',
      member: buildAccount.member,
      condition: {
        title: `gcf-v2-sources-${region}`,
        description: `Function sources Cloud Functions copies for builds in ${region}, and nothing else`,
        expression: `resource.name.startsWith("projects/_/buckets/gcf-v2-sources-${projectData.number}-${region}")`,
      },
    }),
  ];
  const logBucketId = hashedName(stackPath, RULES.gcpResource, 'logs-30d');
  const logBucket = new LoggingProjectBucketConfig(stack, 'CirrusLogs30d', {
    project,
    location: 'global',
    bucketId: logBucketId,
    retentionDays: 30,
    description: `Logs of Cirrus functions in ${GCP_STACK_ID}, kept 30 days`,
    dependsOn: [api.logging],
  });
  const pubsubAgent = `serviceAccount:service-${projectData.number}@gcp-sa-pubsub.iam.gserviceaccount.com`;
  const monitoringApi = new ProjectService(stack, 'CirrusApiMonitoring', {
    service: 'monitoring.googleapis.com', disableOnDestroy: false, disableDependentServices: false,
  });
  const code = writePackage(readFolder(HANDLER_DIR));
  const functionDeps = [...APIS.map((a) => api[a]), ...buildGrants];
  const functionNames: string[] = [];
  let invoker: ServiceAccount | undefined;
  let tokenCreator: ServiceAccountIamMember | undefined;

  for (let i = 0; i < w.n; i++) {
    const scope = new Construct(stack, functionId(i));
    const path = `${GCP_STACK_ID}/${functionId(i)}`;
    const parts = [GCP_STACK_ID, functionId(i)];
    const fnName = hashedName(parts, RULES.gcpFunction);
    functionNames.push(fnName);
    const runtimeAccount = new ServiceAccount(scope, 'ServiceAccount', {
      accountId: hashedName(parts, RULES.gcpServiceAccount),
      displayName: `Runtime identity of ${path}`,
      dependsOn: [api.iam],
    });
    const asset = new TerraformAsset(scope, 'CodeAsset', { path: code.file, type: AssetType.FILE, assetHash: code.hash });
    const object = new StorageBucketObject(scope, 'CodeObject', {
      name: `${fnName}/${code.hash}.zip`, bucket: codeBucket.name, source: asset.path, contentType: 'application/zip',
    });
    const fn = new Cloudfunctions2Function(scope, 'Resource', {
      name: fnName,
      location: region,
      buildConfig: {
        runtime: 'nodejs22',
        entryPoint: 'handler',
        source: { storageSource: { bucket: codeBucket.name, object: object.name } },
        serviceAccount: buildAccount.id,
        dockerRepository: repository.id,
      },
      serviceConfig: {
        availableMemory: '256M',
        availableCpu: '0.167',
        timeoutSeconds: 30,
        maxInstanceRequestConcurrency: 1,
        serviceAccountEmail: runtimeAccount.email,
        environmentVariables: { LOG_EXECUTION_ID: 'true' },
        ingressSettings: 'ALLOW_ALL',
        allTrafficOnLatestRevision: true,
      },
      dependsOn: functionDeps,
    });
    // Alert policies (no notification channels): 5xx, 429, p99 latency at 80 % of the timeout, dead letters.
    const service = `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${fnName}"`;
    const policy = (id: string, title: string, severity: string, condition: MonitoringAlertPolicyConditionsConditionThreshold, description: string) =>
      new MonitoringAlertPolicy(scope, id, {
        displayName: `${path}: ${title}`,
        combiner: 'OR',
        severity,
        conditions: [{ displayName: title, conditionThreshold: condition }],
        documentation: { content: `${path}: ${description}.`, mimeType: 'text/markdown' },
        dependsOn: [monitoringApi],
      });
    const atLeastOne = (filter: string, aligner: string, reducer?: string): MonitoringAlertPolicyConditionsConditionThreshold => ({
      filter,
      comparison: 'COMPARISON_GT',
      thresholdValue: 0,
      duration: '0s',
      aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: aligner, crossSeriesReducer: reducer }],
      trigger: { count: 1 },
      evaluationMissingData: 'EVALUATION_MISSING_DATA_INACTIVE',
    });
    policy('ErrorsAlarm', 'errors', 'ERROR',
      atLeastOne(`${service} AND metric.type = "run.googleapis.com/request_count" AND metric.labels.response_code_class = "5xx"`, 'ALIGN_DELTA', 'REDUCE_SUM'),
      '1 or more requests answered with a 5xx status (failed executions) in 5 min');
    policy('ThrottlesAlarm', 'throttles', 'WARNING',
      atLeastOne(`${service} AND metric.type = "run.googleapis.com/request_count" AND metric.labels.response_code = "429"`, 'ALIGN_DELTA', 'REDUCE_SUM'),
      '1 or more requests answered with 429 (no instance available, e.g. at the maximum instance count) in 5 min');
    policy('DurationAlarm', 'duration', 'WARNING', {
      filter: `${service} AND metric.type = "run.googleapis.com/request_latencies"`,
      comparison: 'COMPARISON_GT',
      thresholdValue: 24000,
      duration: '0s',
      aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: 'ALIGN_PERCENTILE_99', crossSeriesReducer: 'REDUCE_MAX' }],
      trigger: { count: 1 },
      evaluationMissingData: 'EVALUATION_MISSING_DATA_INACTIVE',
    }, 'p99 request latency reached 80% of the timeout (24000 ms) in 5 min');
    if (w.kind !== 'queue') {
      continue;
    }
    // One invoker identity per stack, with run.invoker on each function's service.
    invoker ??= new ServiceAccount(stack, 'CirrusInvokerServiceAccount', {
      accountId: hashedName(stackPath, RULES.gcpServiceAccount, 'invoker'),
      displayName: `Invokes the functions of ${GCP_STACK_ID} for their queue, topic and schedule triggers`,
      dependsOn: [api.iam],
    });
    new CloudRunV2ServiceIamMember(scope, 'InvokerBinding', {
      project, location: region, name: fnName, role: 'roles/run.invoker', member: invoker.member, dependsOn: [fn],
    });
    tokenCreator ??= new ServiceAccountIamMember(stack, 'CirrusPubsubTokenCreator', {
      serviceAccountId: invoker.name, role: 'roles/iam.serviceAccountTokenCreator', member: pubsubAgent, dependsOn: [api.pubsub],
    });
    const topic = new PubsubTopic(scope, 'QueueTopic', { name: hashedName(parts, RULES.gcpResource, 'queue'), dependsOn: [api.pubsub] });
    const deadLetterTopic = new PubsubTopic(scope, 'QueueDeadLetterTopic', { name: hashedName(parts, RULES.gcpResource, 'queue-dlq'), dependsOn: [api.pubsub] });
    const deadLetterSubscription = new PubsubSubscription(scope, 'QueueDeadLetterSubscription', {
      name: hashedName(parts, RULES.gcpResource, 'queue-dlq-sub'),
      topic: deadLetterTopic.id,
      messageRetentionDuration: `${7 * 86400}s`,
      expirationPolicy: { ttl: '' },
    });
    const uri = fn.serviceConfig.uri;
    const subscription = new PubsubSubscription(scope, 'QueueSubscription', {
      name: hashedName(parts, RULES.gcpResource, 'queue-sub'),
      topic: topic.id,
      ackDeadlineSeconds: 30,
      pushConfig: { pushEndpoint: uri, oidcToken: { serviceAccountEmail: invoker.email, audience: uri } },
      deadLetterPolicy: { deadLetterTopic: deadLetterTopic.id, maxDeliveryAttempts: 5 },
      retryPolicy: { minimumBackoff: '10s', maximumBackoff: '600s' },
      messageRetentionDuration: `${4 * 86400}s`,
      expirationPolicy: { ttl: '' },
    });
    new PubsubTopicIamMember(scope, 'QueueDeadLetterPublisher', { topic: deadLetterTopic.name, role: 'roles/pubsub.publisher', member: pubsubAgent });
    new PubsubSubscriptionIamMember(scope, 'QueueDeadLetterSubscriber', { subscription: subscription.name, role: 'roles/pubsub.subscriber', member: pubsubAgent });
    policy('QueueDeadLetterAlarm', 'dead letters of trigger Queue', 'WARNING',
      atLeastOne(`resource.type = "pubsub_subscription" AND resource.labels.subscription_id = "${deadLetterSubscription.name}" AND metric.type = "pubsub.googleapis.com/subscription/num_undelivered_messages"`, 'ALIGN_MAX'),
      '1 or more messages waiting in the dead-letter subscription QueueDeadLetterSubscription');
  }
  // One sink and one _Default exclusion per 20,000 characters of function names.
  chunkNames(functionNames).forEach((names, c) => {
    new LoggingProjectExclusion(stack, `CirrusDefaultLogExclusion${c === 0 ? '' : c + 1}`, {
      name: hashedName(stackPath, RULES.gcpResource, c === 0 ? 'routed-logs' : `routed-logs-${c + 1}`),
      description: `Logs of Cirrus functions in ${GCP_STACK_ID}: routed to their retention buckets`,
      filter: logFilter(names),
      dependsOn: [api.logging],
    });
    new LoggingProjectSink(stack, `CirrusLogSink30d${c === 0 ? '' : c + 1}`, {
      name: hashedName(stackPath, RULES.gcpResource, c === 0 ? 'route-30d' : `route-30d-${c + 1}`),
      description: `Logs of the Cirrus functions in ${GCP_STACK_ID} that keep logs 30 days`,
      filter: logFilter(names),
      destination: `logging.googleapis.com/projects/${project}/locations/global/buckets/${logBucketId}`,
      uniqueWriterIdentity: true,
      dependsOn: [logBucket],
    });
  });
  return { synth: () => app.synth() };
}
