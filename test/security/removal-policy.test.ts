// Stateful resources carry an explicit removal / retention policy, in every
// bundled example and in the all-constructs app (docs/security.md, "Removal and
// retention"):
// - AWS: SQS queues, S3 buckets, log groups and KMS keys are retained when the
//   stack is deleted or the resource replaced (DeletionPolicy and
//   UpdateReplacePolicy Retain); SNS topics, which store no messages, are
//   deleted, explicitly.
// - Terraform has no "retain on destroy": data is protected where it lives.
//   GCP buckets refuse to be destroyed while they hold objects
//   (force_destroy = false) and are versioned; Azure event buckets keep blob
//   versions and restore deleted blobs and containers for 7 days; queues and
//   subscriptions state how long they keep messages; log stores their retention.
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { App, Stack } from 'aws-cdk-lib';
import { buildScanTarget, cloudFormationTemplates, SCAN_TARGET_NAMES, terraformStacks } from './scan-targets';

/** The removal policy each stateful AWS resource type must carry. */
const AWS_POLICY: Record<string, 'Retain' | 'Delete'> = {
  'AWS::SQS::Queue': 'Retain',
  'AWS::S3::Bucket': 'Retain',
  'AWS::Logs::LogGroup': 'Retain',
  'AWS::KMS::Key': 'Retain',
  'AWS::SNS::Topic': 'Delete',
};

/** Stateful AWS resources whose DeletionPolicy / UpdateReplacePolicy differ from AWS_POLICY. */
function awsRemovalProblems(where: string, template: any): string[] {
  const problems: string[] = [];
  for (const [id, r] of Object.entries<any>(template.Resources ?? {})) {
    const expected = AWS_POLICY[r.Type];
    if (expected && (r.DeletionPolicy !== expected || r.UpdateReplacePolicy !== expected)) {
      problems.push(`${where}/${id} (${r.Type}): DeletionPolicy ${r.DeletionPolicy ?? 'unset'}, UpdateReplacePolicy ${r.UpdateReplacePolicy ?? 'unset'}; expected ${expected}`);
    }
  }
  return problems;
}

const entries = (tf: any, type: string): Array<[string, any]> => Object.entries(tf.resource?.[type] ?? {});

/** Stateful Terraform resources without their explicit retention setting. */
function terraformRetentionProblems(where: string, tf: any): string[] {
  const problems: string[] = [];
  const fail = (id: string, type: string, what: string) => problems.push(`${where}/${id} (${type}): ${what}`);
  for (const [id, b] of entries(tf, 'google_storage_bucket')) {
    if (b.force_destroy !== false) {
      fail(id, 'google_storage_bucket', `force_destroy must be false (got ${b.force_destroy})`);
    }
    if (b.versioning?.enabled !== true) {
      fail(id, 'google_storage_bucket', 'versioning must be enabled');
    }
  }
  for (const [id, s] of entries(tf, 'google_pubsub_subscription')) {
    if (!s.message_retention_duration) {
      fail(id, 'google_pubsub_subscription', 'message_retention_duration must be set');
    }
    if (s.expiration_policy?.ttl !== '') {
      fail(id, 'google_pubsub_subscription', 'must never expire (expiration_policy.ttl "")');
    }
  }
  for (const type of ['azurerm_servicebus_queue', 'azurerm_servicebus_subscription']) {
    for (const [id, q] of entries(tf, type)) {
      if (!q.default_message_ttl || q.dead_lettering_on_message_expiration !== true) {
        fail(id, type, 'needs default_message_ttl and dead_lettering_on_message_expiration = true');
      }
    }
  }
  // Event bucket accounts: the accounts holding an `objects` container (function-package accounts hold only code).
  const dataAccounts = new Set(entries(tf, 'azurerm_storage_container').filter(([, c]) => c.name === 'objects')
    .map(([, c]) => /azurerm_storage_account\.([^.]+)\.id/.exec(c.storage_account_id)?.[1]));
  for (const [id, a] of entries(tf, 'azurerm_storage_account').filter(([k]) => dataAccounts.has(k))) {
    const blob = a.blob_properties ?? {};
    if (blob.versioning_enabled !== true || !(blob.delete_retention_policy?.days >= 7) || !(blob.container_delete_retention_policy?.days >= 7)) {
      fail(id, 'azurerm_storage_account', 'an event bucket account needs blob versioning and 7 days of blob and container soft delete');
    }
  }
  for (const [id, w] of entries(tf, 'azurerm_log_analytics_workspace')) {
    if (!w.retention_in_days) {
      fail(id, 'azurerm_log_analytics_workspace', 'retention_in_days must be set');
    }
  }
  for (const [id, l] of entries(tf, 'google_logging_project_bucket_config')) {
    if (!l.retention_days) {
      fail(id, 'google_logging_project_bucket_config', 'retention_days must be set');
    }
  }
  return problems;
}

describe.each(SCAN_TARGET_NAMES)('removal and retention policies in %s', (name) => {
  let target: ReturnType<typeof buildScanTarget>;
  beforeAll(() => {
    target = buildScanTarget(name);
  });

  test('AWS: queues, buckets, log groups and keys are retained; topics deleted, explicitly', () => {
    const templates = cloudFormationTemplates(target.awsApp);
    const stateful = Object.values(templates).flatMap((t: any) => Object.values<any>(t.Resources).filter((r) => AWS_POLICY[r.Type]));
    expect(stateful.length).toBeGreaterThan(0);
    expect(Object.entries(templates).flatMap(([stack, t]) => awsRemovalProblems(`${name}/${stack}`, t))).toEqual([]);
  });

  test('Azure and GCP: data stores protect their data, queues and logs state their retention', () => {
    const stacks = terraformStacks(target.terraformApp);
    expect(Object.keys(stacks).length).toBeGreaterThan(0);
    expect(Object.entries(stacks).flatMap(([stack, tf]) => terraformRetentionProblems(`${name}/${stack}`, tf))).toEqual([]);
  });
});

describe('removal policy checks', () => {
  test('fails when a queue keeps aws-cdk-lib\'s default removal policy (Delete)', () => {
    const app = new App();
    const stack = new Stack(app, 's');
    new sqs.Queue(stack, 'Plain');
    const template = app.synth().getStackByName('s').template;
    expect(awsRemovalProblems('s', template)).toEqual([expect.stringMatching(/Plain.*AWS::SQS::Queue.*DeletionPolicy Delete.*expected Retain/)]);
  });

  test('fails when a bucket may be force-destroyed or an event bucket account has no soft delete', () => {
    const tf = {
      resource: {
        google_storage_bucket: { B: { force_destroy: true, versioning: { enabled: true } } },
        azurerm_storage_account: { A: {} },
        azurerm_storage_container: { C: { name: 'objects', storage_account_id: '${azurerm_storage_account.A.id}' } },
      },
    };
    expect(terraformRetentionProblems('t', tf)).toEqual([
      't/B (google_storage_bucket): force_destroy must be false (got true)',
      't/A (azurerm_storage_account): an event bucket account needs blob versioning and 7 days of blob and container soft delete',
    ]);
  });
});
