import { loadAzureNodeApp, triggerBinding } from '../helpers/azure-functions-host';
import { buildOrderPipelineApps } from '../../examples/order-pipeline/app';
import { summarizeOutputs } from '../../scripts/summary';
import {
  awsTemplate, cfnResources, expectNoAbsolutePaths, expectSameFiles, stableAddresses, synthInto, SynthOutput, tempDir, terraformAsset, terraformConfig, tfResources,
} from './example-helpers';

/** The names of the subscribers, from the Terraform names or logical ids that start with them. */
const subscriberNames = (ids: string[]) => ids.map((id) => id.replace(/_?Topic[0-9a-f]{6}Subscription.*$/, '')).sort();

describe('order-pipeline example', () => {
  const dirA = tempDir('pipeline-a');
  let out: SynthOutput;

  beforeAll(() => {
    out = synthInto(buildOrderPipelineApps, dirA);
  });

  test('synthesizes one stack per cloud, free of CloudFormation validation findings, within its budget', () => {
    const lines = summarizeOutputs(out.cdkOut, out.tfOut);
    expect(lines.map((l) => `${l.cloud} ${l.stack}`)).toEqual(['aws pipeline-aws', 'azure pipeline-azure', 'gcp pipeline-gcp']);
    for (const line of lines) {
      expect(line.errors).toEqual([]);
      expect(line.estimatedMonthlyCostUsd).toBeGreaterThan(0);
      expect(line.estimatedMonthlyCostUsd).toBeLessThan(200);
    }
    expect(lines.filter((l) => l.cloud !== 'gcp').flatMap((l) => l.warnings)).toEqual([]);
  });

  test('AWS: two subscriptions on the order topic, a nightly schedule, an S3 rule filtered to invoices/', () => {
    const t = awsTemplate(out, 'pipeline-aws');
    const [topicId] = Object.keys(cfnResources(t, 'AWS::SNS::Topic')).filter((id) => id.startsWith('OrderEvents'));
    const onTopic = Object.entries(cfnResources(t, 'AWS::SNS::Subscription')).filter(([, s]) => s.Properties.TopicArn?.Ref === topicId);
    expect(subscriberNames(onTopic.map(([id]) => id))).toEqual(['ReserveStock', 'SendConfirmation']);
    for (const [, s] of onTopic) {
      expect(s.Properties.Protocol).toBe('lambda');
      expect(s.Properties).not.toHaveProperty('FilterPolicy');
    }

    const [schedule] = Object.values(cfnResources(t, 'AWS::Scheduler::Schedule'));
    expect(schedule.Properties).toMatchObject({ ScheduleExpression: 'cron(30 2 * * ? *)', ScheduleExpressionTimezone: 'UTC' });

    const [bucketId, bucket] = Object.entries(cfnResources(t, 'AWS::S3::Bucket')).find(([id]) => id.startsWith('Invoices'))!;
    expect(bucket.Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    const [rule] = Object.values(cfnResources(t, 'AWS::Events::Rule'));
    expect(rule.Properties.EventPattern).toEqual({
      'source': ['aws.s3'],
      'detail-type': ['Object Created'],
      'detail': { bucket: { name: [{ Ref: bucketId }] }, object: { key: [{ prefix: 'invoices/' }] } },
    });
  });

  test('Azure: two Service Bus subscriptions on the topic, the nightly timer in the package, an Event Grid subscription filtered to invoices/', () => {
    const tf = terraformConfig(out, 'pipeline-azure');
    const [topic] = Object.keys(tfResources(tf, 'azurerm_servicebus_topic'));
    const subscriptions = Object.entries(tfResources(tf, 'azurerm_servicebus_subscription'));
    expect(subscriberNames(subscriptions.map(([name]) => name))).toEqual(['ReserveStock', 'SendConfirmation']);
    for (const [, s] of subscriptions) {
      expect(s.topic_id).toBe(`\${azurerm_servicebus_topic.${topic}.id}`);
    }
    expect(tfResources(tf, 'azurerm_servicebus_subscription_rule')).toEqual({});

    // A timer trigger is a binding in the app package, not a Terraform resource.
    const files = terraformAsset(out, 'pipeline-azure', 'CloseDay_Package_Asset_');
    expect(triggerBinding(loadAzureNodeApp(files).get('Schedule')!)).toMatchObject({ type: 'timerTrigger', schedule: '0 30 2 * * *' });
    expect(files.find((f) => f.path === 'cirrus-functions.cjs')!.content.toString('utf8')).toContain('"closeDay"');

    const [storage] = Object.values(tfResources(tf, 'azurerm_eventgrid_system_topic_event_subscription'));
    expect(storage.included_event_types).toEqual(['Microsoft.Storage.BlobCreated']);
    expect(storage.subject_filter.subject_begins_with).toMatch(/^\/blobServices\/default\/containers\/[a-z0-9-]+\/blobs\/invoices\/$/);
    expect(storage.subject_filter.subject_ends_with).toBeUndefined();
  });

  test('GCP: two push subscriptions on the topic, a nightly Cloud Scheduler job, a bucket notification with the invoices/ prefix', () => {
    const tf = terraformConfig(out, 'pipeline-gcp');
    const [topic] = Object.keys(tfResources(tf, 'google_pubsub_topic')).filter((k) => k.startsWith('OrderEvents_'));
    const onTopic = Object.entries(tfResources(tf, 'google_pubsub_subscription')).filter(([, s]) => s.topic === `\${google_pubsub_topic.${topic}.id}`);
    expect(subscriberNames(onTopic.map(([name]) => name))).toEqual(['ReserveStock', 'SendConfirmation']);
    for (const [, s] of onTopic) {
      expect(s.filter).toBeUndefined();
      expect(s.push_config.oidc_token).toBeDefined();
    }

    const [job] = Object.values(tfResources(tf, 'google_cloud_scheduler_job'));
    expect(job).toMatchObject({ schedule: '30 2 * * *', time_zone: 'UTC', description: 'Nightly invoice run, 02:30 UTC' });

    const [notification] = Object.values(tfResources(tf, 'google_storage_notification'));
    const [bucket] = Object.keys(tfResources(tf, 'google_storage_bucket')).filter((k) => k.startsWith('Invoices_'));
    expect(notification).toMatchObject({
      bucket: `\${google_storage_bucket.${bucket}.name}`, event_types: ['OBJECT_FINALIZE'], object_name_prefix: 'invoices/', payload_format: 'JSON_API_V1',
    });
  });

  test('one ShopApi per cloud: POST /orders and POST /quotes, each to its own function', () => {
    const aws = awsTemplate(out, 'pipeline-aws');
    expect(Object.keys(cfnResources(aws, 'AWS::ApiGatewayV2::Api'))).toHaveLength(1);
    const routes = Object.values<any>(cfnResources(aws, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(['POST /orders', 'POST /quotes']);
    const azure = terraformConfig(out, 'pipeline-azure');
    expect(Object.keys(tfResources(azure, 'azurerm_api_management'))).toHaveLength(1);
    const backends = Object.values<any>(tfResources(azure, 'azurerm_api_management_backend')).map((b) => b.url).sort();
    expect(backends).toEqual([expect.stringMatching(/PlaceOrder_/), expect.stringMatching(/QuoteOrder_/)]);
    const gcp = terraformConfig(out, 'pipeline-gcp');
    const doc: string = Object.values<any>(tfResources(gcp, 'google_api_gateway_api_config'))[0].openapi_documents[0].document.contents;
    expect(doc).toMatch(/"\/orders" = \{"post" = \{"operationId" = "PlaceOrder_Http_POST", "x-google-backend" = \{"address" = google_cloudfunctions2_function\.PlaceOrder_/);
    expect(doc).toMatch(/"\/quotes" = \{"post" = \{"operationId" = "QuoteOrder_Http_POST", "x-google-backend" = \{"address" = google_cloudfunctions2_function\.QuoteOrder_/);
  });

  test('two synths are byte-identical (no timestamps, random names or absolute paths)', () => {
    expectSameFiles(out, synthInto(buildOrderPipelineApps, tempDir('pipeline-b')));
    expectNoAbsolutePaths([out.cdkOut, out.tfOut], dirA);
  });

  test('logical ids and Terraform addresses are stable', () => {
    expect(stableAddresses(out)).toMatchSnapshot();
  });
});
