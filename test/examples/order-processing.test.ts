import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildOrderProcessingApps } from '../../examples/order-processing/app';
import { summarizeOutputs } from '../../scripts/summary';

function synthInto(dir: string): { cdkOut: string; tfOut: string } {
  const cdkOut = path.join(dir, 'cdk.out');
  const tfOut = path.join(dir, 'cdktf.out');
  const { awsApp, terraformApp } = buildOrderProcessingApps(cdkOut, tfOut);
  awsApp.synth();
  terraformApp.synth();
  return { cdkOut, tfOut };
}

function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) {
        walk(full);
      } else {
        out.set(path.relative(dir, full), fs.readFileSync(full));
      }
    }
  };
  walk(dir);
  return out;
}

/** The addresses that must not change between releases: CloudFormation logical ids and Terraform resource addresses. */
function stableAddresses(cdkOut: string, tfOut: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of fs.readdirSync(cdkOut).filter((f) => f.endsWith('.template.json')).sort()) {
    const t = JSON.parse(fs.readFileSync(path.join(cdkOut, file), 'utf8'));
    // A Lambda version is immutable: its logical id follows the code and configuration by design.
    out[file] = Object.entries(t.Resources).map(([id, r]: [string, any]) => `${r.Type} ${id.replace(/CurrentVersion[0-9A-Fa-f]+$/, 'CurrentVersion<hash>')}`).sort();
  }
  for (const stack of fs.readdirSync(path.join(tfOut, 'stacks')).sort()) {
    const tf = JSON.parse(fs.readFileSync(path.join(tfOut, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    out[stack] = Object.entries(tf.resource as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)).sort();
  }
  return out;
}

describe('order-processing example', () => {
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-example-a-'));
  const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-example-b-'));
  let first: { cdkOut: string; tfOut: string };

  beforeAll(() => {
    first = synthInto(dirA);
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

  test('two synths are byte-identical (no timestamps, random names or absolute paths)', () => {
    const second = synthInto(dirB);
    for (const [a, b] of [[first.cdkOut, second.cdkOut], [first.tfOut, second.tfOut]]) {
      const filesA = filesUnder(a);
      const filesB = filesUnder(b);
      expect([...filesB.keys()]).toEqual([...filesA.keys()]);
      for (const [name, content] of filesA) {
        expect({ name, same: content.equals(filesB.get(name)!) }).toEqual({ name, same: true });
      }
    }
    for (const [name, content] of filesUnder(first.tfOut)) {
      if (name.endsWith('.json')) {
        expect({ name, absolute: content.toString('utf8').includes(dirA) }).toEqual({ name, absolute: false });
      }
    }
  });

  test('logical ids and Terraform addresses are stable', () => {
    expect(stableAddresses(first.cdkOut, first.tfOut)).toMatchSnapshot();
  });
});
