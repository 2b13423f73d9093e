import * as fs from 'fs';
import * as path from 'path';
import { buildOrderProcessingApps } from '../../examples/order-processing/app';
import { summarizeOutputs } from '../../scripts/summary';
import { awsAddresses, expectNoAbsolutePaths, expectSameFiles, readJson, synthInto, SynthOutput, tempDir, terraformAddresses, terraformConfig } from './example-helpers';

/**
 * The addresses that must not change between releases: CloudFormation logical ids (keyed by
 * template file) and Terraform resource addresses. A Lambda version is immutable: its logical
 * id follows the code and configuration by design, so everything after `CurrentVersion` is masked.
 */
function stableAddresses(out: SynthOutput): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const file of fs.readdirSync(out.cdkOut).filter((f) => f.endsWith('.template.json')).sort()) {
    result[file] = awsAddresses(readJson(path.join(out.cdkOut, file)), (id) => id.replace(/CurrentVersion[0-9A-Fa-f]+$/, 'CurrentVersion<hash>'));
  }
  for (const stack of fs.readdirSync(path.join(out.tfOut, 'stacks')).sort()) {
    result[stack] = terraformAddresses(terraformConfig(out, stack));
  }
  return result;
}

describe('order-processing example', () => {
  const dirA = tempDir('example-a');
  let first: SynthOutput;

  beforeAll(() => {
    first = synthInto(buildOrderProcessingApps, dirA);
  });

  test('synthesizes one stack per cloud, free of CloudFormation validation findings', () => {
    const lines = summarizeOutputs(first.cdkOut, first.tfOut);
    expect(lines.map((l) => `${l.cloud} ${l.stack}`)).toEqual(['aws orders-aws', 'azure orders-azure', 'gcp orders-gcp']);
    for (const line of lines) {
      expect(line.errors).toEqual([]);
      expect(line.resources).toBeGreaterThan(10);
      expect(line.estimatedMonthlyCostUsd).toBeGreaterThan(0);
      expect(line.estimatedMonthlyCostUsd).toBeLessThan(500);
    }
  });

  test('each cloud gets the five functions, the budget enforcer and every declared trigger', () => {
    const aws = JSON.parse(fs.readFileSync(path.join(first.cdkOut, 'orders-aws.template.json'), 'utf8'));
    const types = Object.values(aws.Resources).map((r: any) => r.Type);
    expect(types.filter((t) => t === 'AWS::Lambda::Function')).toHaveLength(6);
    expect(types.filter((t) => t === 'AWS::SNS::Subscription' )).toHaveLength(4); // two topic subscribers, the budget enforcer on its topic, its alarm email
    expect(types).toEqual(expect.arrayContaining([
      'AWS::ApiGatewayV2::Route', 'AWS::SQS::Queue', 'AWS::Lambda::EventSourceMapping', 'AWS::Scheduler::Schedule',
      'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::Budgets::Budget', 'AWS::S3::Bucket', 'AWS::Events::Rule', 'AWS::CloudWatch::Alarm',
    ]));

    const azure = JSON.parse(fs.readFileSync(path.join(first.tfOut, 'stacks', 'orders-azure', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(azure.resource.azurerm_function_app_flex_consumption)).toHaveLength(6);
    expect(Object.keys(azure.resource.azurerm_servicebus_subscription)).toHaveLength(2);
    expect(azure.resource).toHaveProperty('azurerm_eventgrid_system_topic_event_subscription');
    expect(azure.resource).toHaveProperty('azurerm_servicebus_queue');
    expect(azure.resource).toHaveProperty('azurerm_consumption_budget_resource_group');

    const gcp = JSON.parse(fs.readFileSync(path.join(first.tfOut, 'stacks', 'orders-gcp', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(gcp.resource.google_cloudfunctions2_function)).toHaveLength(6);
    expect(gcp.resource).toHaveProperty('google_storage_notification');
    expect(gcp.resource).toHaveProperty('google_billing_budget');
    expect(gcp.resource).toHaveProperty('google_pubsub_subscription');
    expect(gcp.resource).toHaveProperty('google_cloud_scheduler_job');
  });

  test('one HttpApi per cloud: one entry point (a stack output), both routes to their functions', () => {
    const aws = JSON.parse(fs.readFileSync(path.join(first.cdkOut, 'orders-aws.template.json'), 'utf8'));
    const ofType = (t: string) => Object.entries<any>(aws.Resources).filter(([, r]) => r.Type === t);
    expect(ofType('AWS::ApiGatewayV2::Api')).toHaveLength(1);
    expect(ofType('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties.AuthorizationType]).sort())
      .toEqual([['GET /invoices/{orderId}', 'AWS_IAM'], ['POST /orders', 'AWS_IAM']]);
    expect(Object.values<any>(aws.Outputs).map((o) => o.Value)).toContainEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OrdersApi/), 'ApiEndpoint'] });

    const azure = JSON.parse(fs.readFileSync(path.join(first.tfOut, 'stacks', 'orders-azure', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(azure.resource.azurerm_api_management)).toHaveLength(1);
    expect(Object.values<any>(azure.resource.azurerm_api_management_api_operation).map((o) => `${o.method} ${o.url_template}`).sort())
      .toEqual(['GET /invoices/{orderId}', 'POST /orders']);
    expect(Object.values<any>(azure.output).map((o) => o.value)).toContainEqual(expect.stringMatching(/azurerm_api_management\.OrdersApi_\w+\.gateway_url/));

    const gcp = JSON.parse(fs.readFileSync(path.join(first.tfOut, 'stacks', 'orders-gcp', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(gcp.resource.google_api_gateway_gateway)).toHaveLength(1);
    const doc: string = (Object.values<any>(gcp.resource.google_api_gateway_api_config)[0]).openapi_documents[0].document.contents;
    expect(doc).toMatch(/"\/orders" = \{"post" = \{"operationId" = "ProcessOrder_Http_POST", "x-google-backend" = \{"address" = google_cloudfunctions2_function\.ProcessOrder_/);
    expect(doc).toMatch(/"\/invoices\/\{orderId\}" = \{"get" = \{"operationId" = "ArchiveInvoice_Http_GET"/);
    expect(JSON.stringify(gcp.resource.google_cloud_run_v2_service_iam_member ?? {})).not.toContain('allUsers');
    expect(Object.values<any>(gcp.output).map((o) => o.value)).toContainEqual(expect.stringMatching(/google_api_gateway_gateway\.OrdersApi_\w+\.default_hostname/));
  });

  test('two synths are byte-identical (no timestamps, random names or absolute paths)', () => {
    expectSameFiles(first, synthInto(buildOrderProcessingApps, tempDir('example-b')));
    expectNoAbsolutePaths([first.tfOut], dirA);
  });

  test('logical ids and Terraform addresses are stable', () => {
    expect(stableAddresses(first)).toMatchSnapshot();
  });
});
