import { Testing } from 'cdktf';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import {
  AzureStack, EventBucket, EventDrivenFunction, EventQueue, EventTopic, FunctionCode, FunctionRuntime, GcpStack, Trigger,
} from '../../../index';
import { AZURE_DATA_RESOURCE_TYPES } from '../../../lib/azure/data-resources';
import { GCP_DATA_RESOURCE_TYPES } from '../../../lib/gcp/data-resources';
import { synthJson } from '../../helpers/terraform';
import { terraformProblems } from '../../helpers/terraform-checks';

const fnProps = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline('exports.handler = async () => {}'), handler: 'index.handler' };

/** A stack with a queue-triggered function, a shared queue, topic and bucket. */
function populate(stack: AzureStack | GcpStack): void {
  const queue = new EventQueue(stack, 'Orders');
  const topic = new EventTopic(stack, 'Events');
  const bucket = new EventBucket(stack, 'Invoices');
  new EventDrivenFunction(stack, 'Worker', { ...fnProps, triggers: [Trigger.queue({ queue })] });
  const api = new EventDrivenFunction(stack, 'Api', { ...fnProps, triggers: [Trigger.http({ path: '/orders' })] });
  queue.grantSend(api);
  topic.grantPublish(api);
  bucket.grantWrite(api);
}

/** `type.name` -> whether the resource has prevent_destroy, for every resource of the document. */
function preventDestroy(tf: any): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [type, byName] of Object.entries<Record<string, any>>(tf.resource ?? {})) {
    for (const [name, body] of Object.entries<any>(byName)) {
      out[`${type}.${name}`] = body.lifecycle?.prevent_destroy === true;
    }
  }
  return out;
}

describe.each([
  ['azure' as const, AZURE_DATA_RESOURCE_TYPES, (protectData?: boolean) => new AzureStack(Testing.app(), 'orders-azure', { location: 'westeurope', protectData })],
  ['gcp' as const, GCP_DATA_RESOURCE_TYPES, (protectData?: boolean) => new GcpStack(Testing.app(), 'orders-gcp', { project: 'acme-prod', region: 'europe-west1', protectData })],
])('protectData on %s', (cloud, dataTypes, makeStack) => {
  test('protects every data-holding resource and nothing else', () => {
    const stack = makeStack(true);
    populate(stack);
    const tf = synthJson(stack);
    const flags = preventDestroy(tf);
    const isData = (address: string) => dataTypes.includes(address.split('.')[0]);
    const data = Object.keys(flags).filter(isData);
    // Queues, topics, buckets and logs of the functions are all there to protect.
    expect(new Set(data.map((a) => a.split('.')[0])).size).toBeGreaterThanOrEqual(cloud === 'azure' ? 6 : 4);
    expect(data.filter((a) => !flags[a])).toEqual([]);
    expect(Object.keys(flags).filter((a) => !isData(a) && flags[a])).toEqual([]);
    expect(terraformProblems(tf, cloud)).toEqual([]);
    expect(stack.protectData).toBe(true);
  });

  test('is off by default: terraform destroy works', () => {
    const stack = makeStack();
    populate(stack);
    expect(Object.values(preventDestroy(synthJson(stack))).filter((v) => v)).toEqual([]);
    expect(stack.protectData).toBe(false);
  });
});

test('protectData covers resources added after the stack, including the user\'s own, and keeps their lifecycle settings', () => {
  const stack = new AzureStack(Testing.app(), 'orders-azure', { location: 'westeurope', protectData: true });
  new StorageAccount(stack, 'Archive', {
    name: 'acmearchive', resourceGroupName: stack.resourceGroupName, location: stack.location,
    accountTier: 'Standard', accountReplicationType: 'ZRS', lifecycle: { ignoreChanges: ['tags'] },
  });
  const archive = synthJson(stack).resource.azurerm_storage_account.Archive;
  expect(archive.lifecycle).toEqual({ ignore_changes: ['tags'], prevent_destroy: true });
});
