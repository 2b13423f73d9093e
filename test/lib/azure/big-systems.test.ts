import { Testing } from 'cdktf';
import { AzureStack, EventBucket, EventDrivenFunction, EventQueue, FunctionCode, FunctionRuntime, Schedule, Trigger } from '../../../index';
import { AZURE_QUOTAS } from '../../../lib/core/quotas';
import { resources } from '../../helpers/terraform';

const quota = (id: string) => AZURE_QUOTAS.find((q) => q.id === id)!.defaultValue;
const base = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline('exports.handler = async () => {}'), handler: 'index.handler' };
const count = (tf: any, type: string) => Object.keys(resources(tf, type)).length;

/** `n` functions with a queue trigger (every fifth also on a schedule) in one AzureStack. */
function bigStack(n: number, props: { subscriptionId?: string; grantedQuotas?: { [id: string]: number } } = {}, app = Testing.app(), id = 'big', location = 'westeurope'): AzureStack {
  const stack = new AzureStack(app, id, { location, ...props });
  for (let i = 0; i < n; i++) {
    const triggers = [Trigger.queue({})];
    if (i % 5 === 0) {
      triggers.push(Trigger.schedule(Schedule.everyMinutes(5)));
    }
    new EventDrivenFunction(stack, `Fn${i}`, { ...base, triggers });
  }
  return stack;
}

describe('Azure big systems (250 functions in one AzureStack)', () => {
  let tf: any;
  beforeAll(() => {
    const stack = bigStack(250);
    stack.runAllValidations();
    tf = JSON.parse(Testing.synth(stack));
  }, 300_000);

  test('synthesizes 250 Flex Consumption apps, each with its own identity, plan and host storage', () => {
    expect(count(tf, 'azurerm_function_app_flex_consumption')).toBe(250);
    expect(count(tf, 'azurerm_user_assigned_identity')).toBe(250);
    expect(count(tf, 'azurerm_service_plan')).toBe(250);
    expect(count(tf, 'azurerm_storage_account')).toBe(250);
  });

  test('stays within the subscription\'s storage accounts, role assignments and per-resource-group quotas', () => {
    expect(count(tf, 'azurerm_storage_account')).toBeLessThanOrEqual(quota('azure.storage.accounts'));
    expect(count(tf, 'azurerm_role_assignment')).toBe(250 * 4);
    expect(count(tf, 'azurerm_role_assignment')).toBeLessThanOrEqual(quota('azure.authorization.roleAssignments'));
    for (const type of AZURE_QUOTAS.find((q) => q.id === 'azure.resourceGroup.resourcesPerType')!.resourceTypes) {
      expect(count(tf, type)).toBeLessThanOrEqual(800);
    }
    expect(count(tf, 'azurerm_servicebus_namespace')).toBe(1);
    expect(count(tf, 'azurerm_servicebus_queue')).toBe(250);
    expect(count(tf, 'azurerm_log_analytics_workspace')).toBe(1);
  });
});

describe('Azure quotas across stacks', () => {
  test('fails when one storage account more than the 250 per region and subscription would be created, naming the quota and the fix', () => {
    const stack = bigStack(250, { subscriptionId: '00000000-0000-0000-0000-000000000001' });
    new EventBucket(stack, 'Invoices');
    expect(() => stack.runAllValidations()).toThrow(
      /quota "Storage accounts per region per subscription" \(azure\.storage\.accounts, https:\/\/learn\.microsoft\.com\/[^ ]+\) exceeded in subscription 00000000-0000-0000-0000-000000000001, region westeurope: 251 azurerm_storage_account \(251 in big\) against 250; the default is 250: request a quota increase/);
  }, 300_000);

  test('fails when the AzureStacks of one subscription add up past the quota in one region, but not across regions', () => {
    const app = Testing.app();
    const subscriptionId = '00000000-0000-0000-0000-000000000001';
    const a = bigStack(130, { subscriptionId }, app, 'part-a');
    const b = bigStack(130, { subscriptionId }, app, 'part-b');
    const c = bigStack(130, { subscriptionId }, app, 'part-c', 'northeurope');
    expect(() => a.runAllValidations()).toThrow(/region westeurope: 260 azurerm_storage_account \(130 in part-a, 130 in part-b\) against 250/);
    expect(() => c.runAllValidations()).not.toThrow();
    void b;
  }, 300_000);

  test('counts stacks without a subscriptionId together per app, and says so', () => {
    const app = Testing.app();
    const a = bigStack(130, {}, app, 'part-a');
    bigStack(130, {}, app, 'part-b');
    expect(() => a.runAllValidations()).toThrow(/exceeded in the subscription Terraform's credentials select \(not set on the stacks, so counted per app\), region westeurope: 260/);
  }, 300_000);

  test('accepts a granted storage account quota', () => {
    const stack = bigStack(250, { grantedQuotas: { 'azure.storage.accounts': 500 } });
    new EventQueue(stack, 'Orders');
    new EventBucket(stack, 'Invoices');
    expect(() => stack.runAllValidations()).not.toThrow();
  }, 300_000);

  test('fails when grantedQuotas declares a hard limit', () => {
    expect(() => new AzureStack(Testing.app(), 's', { location: 'westeurope', grantedQuotas: { 'azure.authorization.roleAssignments': 8000 } }))
      .toThrow(/grantedQuotas\.azure\.authorization\.roleAssignments is a hard limit of 4000/);
  });
});
