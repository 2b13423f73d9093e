import { EventDrivenFunction, FunctionCode, FunctionRuntime, Trigger } from '../../../index';
import { functionProps, gcpStack, resourceOf, resourcesOf, stackWithFunction, synth } from './helpers';

const FUNCTION = 'google_cloudfunctions2_function';
const SERVICE_NAME = /^[a-z][a-z0-9-]{2,61}[a-z0-9]$/;
const ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;

describe('GCP function', () => {
  test('renders a 2nd gen function with the runtime, entry point and limits of the spec', () => {
    const { stack } = stackWithFunction({
      memoryMb: 1024, timeoutSeconds: 120, maxConcurrency: 50, environment: { TABLE: 'orders' }, description: 'Processes orders',
    });
    const fn = resourceOf(synth(stack), FUNCTION);
    expect(fn.location).toBe('europe-west1');
    expect(fn.description).toBe('Processes orders');
    expect(fn.build_config).toMatchObject({ runtime: 'nodejs22', entry_point: 'handler' });
    expect(fn.service_config).toMatchObject({
      available_memory: '1024M',
      available_cpu: '0.583',
      timeout_seconds: 120,
      max_instance_count: 50,
      max_instance_request_concurrency: 1,
      ingress_settings: 'ALLOW_ALL',
      all_traffic_on_latest_revision: true,
      environment_variables: { TABLE: 'orders', LOG_EXECUTION_ID: 'true' },
    });
  });

  test('uses the default 256 MB / 0.167 vCPU tier and leaves max instances to the platform', () => {
    const { stack } = stackWithFunction();
    const fn = resourceOf(synth(stack), FUNCTION);
    expect(fn.service_config.available_memory).toBe('256M');
    expect(fn.service_config.available_cpu).toBe('0.167');
    expect(fn.service_config).not.toHaveProperty('max_instance_count');
  });

  test('maps Python runtimes to their GCP ids', () => {
    const { stack } = stackWithFunction({ runtime: FunctionRuntime.PYTHON_3_13, code: FunctionCode.fromInline('def handler(request):\n    return "ok"\n') });
    expect(resourceOf(synth(stack), FUNCTION).build_config.runtime).toBe('python313');
  });

  test('runs as a dedicated service account of its own', () => {
    const { stack } = stackWithFunction();
    const tf = synth(stack);
    const fn = resourceOf(tf, FUNCTION);
    const [address, account] = Object.entries(resourcesOf(tf, 'google_service_account')).find(([name]) => name.startsWith('ProcessOrder_ServiceAccount_'))!;
    expect(fn.service_config.service_account_email).toBe(`\${google_service_account.${address}.email}`);
    expect(account.account_id).toMatch(ACCOUNT_ID);
    expect(account.display_name).toBe('Runtime identity of test/ProcessOrder');
    // No project-level role for the function's identity.
    for (const grant of Object.values(resourcesOf(tf, 'google_project_iam_member'))) {
      expect(grant.member).not.toContain(address);
    }
  });

  test('gives two functions two different service accounts', () => {
    const stack = gcpStack();
    new EventDrivenFunction(stack, 'A', functionProps());
    new EventDrivenFunction(stack, 'B', functionProps());
    const tf = synth(stack);
    const emails = Object.values(resourcesOf(tf, FUNCTION)).map((f) => f.service_config.service_account_email);
    expect(new Set(emails).size).toBe(2);
  });

  test('builds with the stack build account, which holds only the grants a build needs', () => {
    const { stack } = stackWithFunction();
    const tf = synth(stack);
    const fn = resourceOf(tf, FUNCTION);
    expect(fn.build_config.service_account).toBe('${google_service_account.CirrusBuildServiceAccount.id}');
    expect(fn.build_config.docker_repository).toBe('${google_artifact_registry_repository.CirrusFunctionImages.id}');
    const buildMember = '${google_service_account.CirrusBuildServiceAccount.member}';
    expect(resourceOf(tf, 'google_project_iam_member', 'CirrusBuildLogWriter')).toMatchObject({ role: 'roles/logging.logWriter', member: buildMember });
    expect(Object.keys(resourcesOf(tf, 'google_project_iam_member')).sort()).toEqual(['CirrusBuildLogWriter', 'CirrusBuildSourceReader']);
    expect(resourceOf(tf, 'google_artifact_registry_repository_iam_member')).toMatchObject({ role: 'roles/artifactregistry.writer', member: buildMember });
    // The build fetches the source Cloud Functions copied into gcf-v2-sources-<project number>-<region>,
    // a bucket that only exists after the first deployment: a project grant narrowed to that bucket by a condition.
    expect(resourceOf(tf, 'google_project_iam_member', 'CirrusBuildSourceReader')).toEqual({
      project: 'acme-prod',
      role: 'roles/storage.objectViewer',
      member: buildMember,
      condition: {
        title: 'gcf-v2-sources-europe-west1',
        description: 'Function sources Cloud Functions copies for builds in europe-west1, and nothing else',
        expression: 'resource.name.startsWith("projects/_/buckets/gcf-v2-sources-${data.google_project.CirrusProject.number}-europe-west1")',
      },
    });
    // Nothing else: the build never reads Cirrus's own code bucket.
    expect(resourcesOf(tf, 'google_storage_bucket_iam_member')).toEqual({});
    expect(fn.depends_on).toEqual(expect.arrayContaining([
      'google_project_iam_member.CirrusBuildLogWriter',
      'google_artifact_registry_repository_iam_member.CirrusBuildImageWriter',
      'google_project_iam_member.CirrusBuildSourceReader',
    ]));
  });

  test('uploads the code zip to a private, versioned code bucket under a content-addressed name', () => {
    const { stack } = stackWithFunction();
    const tf = synth(stack);
    const fn = resourceOf(tf, FUNCTION);
    const bucket = resourceOf(tf, 'google_storage_bucket', 'CirrusCodeBucket');
    expect(bucket).toMatchObject({
      location: 'europe-west1', uniform_bucket_level_access: true, public_access_prevention: 'enforced',
      versioning: { enabled: true }, force_destroy: false,
    });
    expect(bucket.name).toMatch(/^cirrus-[a-z0-9-]{1,56}$/);
    const object = resourceOf(tf, 'google_storage_bucket_object');
    expect(object.name).toMatch(new RegExp(`^${fn.name}/[0-9a-f]{64}\\.zip$`));
    expect(object.bucket).toBe('${google_storage_bucket.CirrusCodeBucket.name}');
    expect(object.source).toMatch(/^assets\/.+\.zip$/);
    expect(fn.build_config.source.storage_source.bucket).toBe('${google_storage_bucket.CirrusCodeBucket.name}');
    expect(fn.build_config.source.storage_source.object).toMatch(/^\$\{google_storage_bucket_object\.ProcessOrder_CodeObject_[0-9A-F]+\.name\}$/);
  });

  test('routes logs to a log bucket with the retention period and keeps them out of _Default', () => {
    const { stack } = stackWithFunction({ logRetentionDays: 90 });
    const tf = synth(stack);
    const name = resourceOf(tf, FUNCTION).name;
    const bucket = resourceOf(tf, 'google_logging_project_bucket_config', 'CirrusLogs90d');
    expect(bucket).toMatchObject({ project: 'acme-prod', location: 'global', retention_days: 90 });
    const sink = resourceOf(tf, 'google_logging_project_sink', 'CirrusLogSink90d');
    const filter = `resource.type="cloud_run_revision" AND resource.labels.service_name=("${name}")`;
    expect(sink).toMatchObject({
      filter,
      destination: `logging.googleapis.com/projects/acme-prod/locations/global/buckets/${bucket.bucket_id}`,
      unique_writer_identity: true,
    });
    expect(resourceOf(tf, 'google_logging_project_exclusion').filter).toBe(filter);
  });

  test('starts another sink and exclusion when a filter would pass Cloud Logging\'s 20,000 characters', () => {
    const { Construct } = require('constructs') as typeof import('constructs');
    const { routeFunctionLogs } = require('../../../lib/gcp/logs') as typeof import('../../../lib/gcp/logs');
    const stack = gcpStack();
    const names = Array.from({ length: 600 }, (_, i) => `orders-gcp-function-number-${String(i).padStart(4, '0')}-abcdef12`);
    names.forEach((name, i) => routeFunctionLogs(new Construct(stack, `Fn${i}`), stack, name, 30));
    const tf = synth(stack);
    const sinks = resourcesOf(tf, 'google_logging_project_sink');
    const exclusions = resourcesOf(tf, 'google_logging_project_exclusion');
    expect(Object.keys(sinks)).toEqual(['CirrusLogSink30d', 'CirrusLogSink30d2']);
    expect(Object.keys(exclusions)).toEqual(['CirrusDefaultLogExclusion', 'CirrusDefaultLogExclusion2']);
    for (const r of [...Object.values(sinks), ...Object.values(exclusions)]) {
      expect(r.filter.length).toBeLessThanOrEqual(20000);
    }
    for (const name of names) {
      expect(Object.values(sinks).filter((s) => s.filter.includes(`"${name}"`))).toHaveLength(1);
      expect(Object.values(exclusions).filter((e) => e.filter.includes(`"${name}"`))).toHaveLength(1);
    }
  });

  test('shares stack resources between functions: one log bucket and one sink per retention period, one exclusion', () => {
    const stack = gcpStack();
    new EventDrivenFunction(stack, 'A', functionProps({ logRetentionDays: 30 }));
    new EventDrivenFunction(stack, 'B', functionProps({ logRetentionDays: 30 }));
    new EventDrivenFunction(stack, 'C', functionProps({ logRetentionDays: 7 }));
    const tf = synth(stack);
    expect(Object.keys(resourcesOf(tf, 'google_logging_project_bucket_config')).sort()).toEqual(['CirrusLogs30d', 'CirrusLogs7d']);
    expect(Object.keys(resourcesOf(tf, 'google_logging_project_sink')).sort()).toEqual(['CirrusLogSink30d', 'CirrusLogSink7d']);
    expect(Object.keys(resourcesOf(tf, 'google_storage_bucket'))).toEqual(['CirrusCodeBucket']);
    expect(Object.keys(resourcesOf(tf, 'google_service_account'))).toHaveLength(4); // 3 runtime + 1 build
    const exclusion = resourceOf(tf, 'google_logging_project_exclusion');
    const thirty = resourceOf(tf, 'google_logging_project_sink', 'CirrusLogSink30d');
    for (const fn of Object.values(resourcesOf(tf, FUNCTION))) {
      expect(exclusion.filter).toContain(`"${fn.name}"`);
    }
    const [a, b, c] = ['A_', 'B_', 'C_'].map((p) => resourceOf(tf, FUNCTION, p).name);
    expect(thirty.filter).toContain(`"${a}" OR "${b}"`);
    expect(thirty.filter).not.toContain(c);
  });

  test('enables the APIs it uses once per stack, never disabling them on destroy, and depends on them', () => {
    const stack = gcpStack();
    new EventDrivenFunction(stack, 'A', functionProps());
    new EventDrivenFunction(stack, 'B', functionProps());
    const tf = synth(stack);
    const services = Object.values(resourcesOf(tf, 'google_project_service'));
    expect(services.map((s) => s.service).sort()).toEqual([
      'artifactregistry.googleapis.com', 'cloudbuild.googleapis.com', 'cloudfunctions.googleapis.com',
      'cloudresourcemanager.googleapis.com', 'cloudscheduler.googleapis.com', 'iam.googleapis.com',
      'logging.googleapis.com', 'monitoring.googleapis.com', 'pubsub.googleapis.com', 'run.googleapis.com', 'storage.googleapis.com',
    ]);
    expect(services.every((s) => s.disable_on_destroy === false)).toBe(true);
    expect(resourceOf(tf, FUNCTION, 'A_').depends_on).toEqual(expect.arrayContaining([
      'google_project_service.CirrusApiCloudfunctions', 'google_project_service.CirrusApiRun', 'google_project_service.CirrusApiCloudbuild',
    ]));
  });

  test('manages no APIs when the stack opts out', () => {
    const { stack } = stackWithFunction({}, { enableApis: false });
    const tf = synth(stack);
    expect(resourcesOf(tf, 'google_project_service')).toEqual({});
    expect(JSON.stringify(tf)).not.toContain('google_project_service');
    expect(JSON.stringify(tf)).not.toMatch(/"depends_on":\[\]/);
  });

  test('labels the function with the stack labels', () => {
    const { stack } = stackWithFunction({}, { labels: { team: 'orders' } });
    expect(resourceOf(synth(stack), FUNCTION).labels).toEqual({ team: 'orders' });
  });

  test('derives names within GCP rules, deterministically, even for long construct paths', () => {
    const build = () => {
      const stack = gcpStack();
      new EventDrivenFunction(stack, 'AVeryLongFunctionConstructIdThatGoesOnAndOnForever', functionProps({ triggers: [Trigger.queue()] }));
      return synth(stack);
    };
    const tf = build();
    expect(JSON.stringify(build())).toBe(JSON.stringify(tf));
    const fn = resourceOf(tf, FUNCTION);
    expect(fn.name).toMatch(SERVICE_NAME);
    expect(fn.name.length).toBeLessThanOrEqual(49);
    for (const account of Object.values(resourcesOf(tf, 'google_service_account'))) {
      expect(account.account_id).toMatch(ACCOUNT_ID);
    }
    for (const type of ['google_pubsub_topic', 'google_pubsub_subscription']) {
      for (const r of Object.values(resourcesOf(tf, type))) {
        expect(r.name).toMatch(/^[a-z][a-z0-9-]{2,62}$/);
        expect(r.name.startsWith('goog')).toBe(false);
      }
    }
    expect(resourceOf(tf, 'google_logging_project_sink').name).toMatch(/^[a-z0-9][a-z0-9_.-]{0,99}$/);
    expect(resourceOf(tf, 'google_storage_bucket').name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
  });

  test('exposes the function name as a plain string and the function as the default child', () => {
    const { stack, fn } = stackWithFunction();
    const tf = synth(stack);
    expect(fn.functionName).toBe(resourceOf(tf, FUNCTION).name);
    expect(fn.functionName).toMatch(/^fn-test-processorder-[0-9a-f]{8}$/);
    expect(fn.node.defaultChild?.node.id).toBe('Resource');
    expect(fn.httpUrl).toBeUndefined();
  });
});
