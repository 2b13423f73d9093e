import { Match } from 'aws-cdk-lib/assertions';
import { EventBucket, EventDrivenFunction, FunctionCode, FunctionRuntime, StorageEvent, Trigger } from '../../index';
import { awsStack, template, validationViolations } from '../helpers/aws';
import { azureGlobalName, azureStack, gcpStack, resource, resources, synthJson } from '../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({})');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };

describe('storage triggers on AWS', () => {
  test('a private, encrypted, versioned bucket sending events to EventBridge; a rule on its objects targets the live alias', () => {
    const { app, stack } = awsStack();
    const bucket = new EventBucket(stack, 'Invoices');
    bucket.grantWrite(new EventDrivenFunction(stack, 'Billing', base));
    new EventDrivenFunction(stack, 'Archive', {
      ...base, triggers: [Trigger.storage({ bucket, events: [StorageEvent.OBJECT_CREATED, StorageEvent.OBJECT_DELETED], prefix: 'invoices/', suffix: '.pdf' })],
    });
    const t = template(stack);
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    t.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.resourceCountIs('Custom::S3BucketNotifications', 0);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'], 'detail-type': ['Object Created', 'Object Deleted'],
        detail: { bucket: { name: [{ Ref: Match.stringLikeRegexp('^Invoices') }] }, object: { key: [{ wildcard: 'invoices/*.pdf' }] } },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^ArchiveLiveAlias') }, DeadLetterConfig: Match.anyValue() })],
    });
    const billing = Object.values(t.findResources('AWS::IAM::Policy')).find((p: any) => p.Properties.Roles[0].Ref.startsWith('BillingServiceRole')) as any;
    expect(JSON.stringify(billing)).toContain('s3:PutObject');
    expect(JSON.stringify(billing)).not.toContain('s3:GetObject');
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { INVOICES_BUCKET: { Ref: Match.stringLikeRegexp('^Invoices') } } } });
    expect(validationViolations(app)).toEqual([]);
  });

  test('without a bucket the trigger creates its own', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'F', { ...base, triggers: [Trigger.storage({ prefix: 'in/' })] });
    // The trigger's own bucket, and the stack's server access log bucket it logs to.
    template(stack).resourceCountIs('AWS::S3::Bucket', 2);
    template(stack).hasResourceProperties('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' }, LoggingConfiguration: Match.objectLike({ LogFilePrefix: Match.stringLikeRegexp('FStorageBucket') }) });
    template(stack).hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ detail: { bucket: Match.anyValue(), object: { key: [{ prefix: 'in/' }] } } }) });
  });
});

describe('storage triggers on Azure', () => {
  test('blob events through the account\'s Event Grid system topic, filtered to the container, prefix and suffix', () => {
    const { stack } = azureStack();
    const bucket = new EventBucket(stack, 'Invoices');
    bucket.grantRead(new EventDrivenFunction(stack, 'Reader', base));
    new EventDrivenFunction(stack, 'Archive', { ...base, triggers: [Trigger.storage({ bucket, prefix: 'invoices/', suffix: '.pdf' })] });
    const tf = synthJson(stack);
    const account = resource(tf, 'azurerm_storage_account', /^Invoices_Account/);
    // Unique per subscription and location: the name ends in a hash Terraform computes from both.
    expect(account.name).toMatch(azureGlobalName('st[a-z0-9]{1,14}', 'orders-azure/Invoices#data'));
    expect(account).toMatchObject({ min_tls_version: 'TLS1_2', shared_access_key_enabled: false, allow_nested_items_to_be_public: false });
    expect(resource(tf, 'azurerm_eventgrid_system_topic')).toMatchObject({ topic_type: 'Microsoft.Storage.StorageAccounts', source_resource_id: expect.stringContaining('Invoices_Account'), identity: { type: 'SystemAssigned' } });
    expect(resource(tf, 'azurerm_eventgrid_system_topic_event_subscription')).toMatchObject({
      included_event_types: ['Microsoft.Storage.BlobCreated'],
      subject_filter: { subject_begins_with: '/blobServices/default/containers/objects/blobs/invoices/', subject_ends_with: '.pdf' },
      azure_function_endpoint: { function_id: expect.stringMatching(/Archive_\w+\.id\}\/functions\/Storage[0-9a-f]{6}$/) },
      dead_letter_identity: { type: 'SystemAssigned' },
    });
    const reader = Object.values(resources(tf, 'azurerm_role_assignment')).find((r: any) => r.role_definition_name === 'Storage Blob Data Reader') as any;
    // The container's own id, so Terraform creates the grant after the container.
    expect(reader.scope).toMatch(/^\$\{azurerm_storage_container\.Invoices_\w+\.resource_manager_id\}$/);
  });
});

describe('storage triggers on GCP', () => {
  test('Cloud Storage notifications to a topic the storage agent may publish to, pushed to the function', () => {
    const { stack } = gcpStack();
    const bucket = new EventBucket(stack, 'Invoices');
    bucket.grantWrite(new EventDrivenFunction(stack, 'Billing', base));
    new EventDrivenFunction(stack, 'Archive', { ...base, triggers: [Trigger.storage({ bucket, prefix: 'invoices/', events: [StorageEvent.OBJECT_DELETED] })] });
    const tf = synthJson(stack);
    expect(resource(tf, 'google_storage_bucket', /^Invoices/)).toMatchObject({ uniform_bucket_level_access: true, public_access_prevention: 'enforced', versioning: { enabled: true }, force_destroy: false });
    expect(resource(tf, 'google_storage_notification')).toMatchObject({ payload_format: 'JSON_API_V1', event_types: ['OBJECT_DELETE'], object_name_prefix: 'invoices/', bucket: expect.stringContaining('Invoices') });
    expect(resource(tf, 'google_pubsub_topic_iam_member', /StoragePublisher/)).toMatchObject({ role: 'roles/pubsub.publisher', member: '${data.google_storage_project_service_account.CirrusStorageAgent.member}' });
    expect(resource(tf, 'google_pubsub_subscription', /^Archive_Storage[0-9a-f]{6}Subscription/)).toMatchObject({ dead_letter_policy: { max_delivery_attempts: 5 } });
    expect(resource(tf, 'google_storage_bucket_iam_member', /^Invoices_Writer[0-9a-f]+_/)).toMatchObject({ role: 'roles/storage.objectCreator', member: expect.stringContaining('Billing_ServiceAccount') });
  });

  test('fails when a suffix is asked for, which Cloud Storage notifications cannot filter', () => {
    const { stack } = gcpStack();
    expect(() => new EventDrivenFunction(stack, 'F', { ...base, triggers: [Trigger.storage({ suffix: '.pdf' })] }))
      .toThrow(/triggers\[0\]\.suffix cannot be expressed on GCP: Cloud Storage notifications filter by prefix only/);
  });
});

describe('storage trigger validation', () => {
  test('fails when the prefix holds a wildcard', () => {
    const { stack } = awsStack();
    expect(() => new EventDrivenFunction(stack, 'F', { ...base, triggers: [Trigger.storage({ prefix: 'a*' })] }))
      .toThrow(/triggers\[0\]\.prefix must be 1-512 characters without wildcards/);
  });
});
