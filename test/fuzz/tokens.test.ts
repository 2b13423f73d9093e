/**
 * Unresolved values in props are passed through to the output, not rejected
 * (DESIGN.md: tokens are not validated). AWS: aws-cdk-lib Lazy values and
 * CfnParameter references; Azure and GCP: cdktf TerraformVariable references
 * and cdktf Token values.
 */
import { App, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TerraformVariable, Token as TfToken } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CostBudgetGuard, EventDrivenFunction, EventQueue, FunctionCode, FunctionRuntime, ProvisionedWarmPool, SecretRef, Trigger,
} from '../../index';
import { validationViolations } from '../helpers/aws';
import { azureStack, gcpStack, resource, synthJson } from '../helpers/terraform';
import { terraformProblems } from '../helpers/terraform-checks';

const code = FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };

function awsApp(): { app: App; stack: Stack } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-tokens-')) });
  return { app, stack: new Stack(app, 'tokens', { env: { region: 'eu-west-1', account: '123456789012' } }) };
}

describe('tokens in props are passed through on AWS', () => {
  test('CfnParameter numbers and strings reach the template as references', () => {
    const { app, stack } = awsApp();
    const p = (id: string, type = 'Number') => new CfnParameter(stack, id, { type });
    const fn = new EventDrivenFunction(stack, 'Fn', {
      ...base,
      memoryMb: p('Memory').valueAsNumber,
      timeoutSeconds: p('Timeout').valueAsNumber,
      maxConcurrency: p('Concurrency').valueAsNumber,
      description: p('Description', 'String').valueAsString,
      environment: { TABLE: p('Table', 'String').valueAsString },
      secrets: { DB: SecretRef.fromName(p('DbRef', 'String').valueAsString) },
      triggers: [Trigger.http()],
    });
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: p('Limit').valueAsNumber });
    new EventQueue(stack, 'Orders', { maxDeliveryAttempts: p('Attempts').valueAsNumber });
    const warmed = new EventDrivenFunction(stack, 'Warmed', { ...base, triggers: [Trigger.http()] });
    new ProvisionedWarmPool(stack, 'Warm', { function: warmed, minInstances: p('WarmMin').valueAsNumber, maxInstances: 10 });
    void fn;

    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: { Ref: 'Memory' }, Timeout: { Ref: 'Timeout' }, ReservedConcurrentExecutions: { Ref: 'Concurrency' },
      Description: { Ref: 'Description' }, Environment: { Variables: { TABLE: { Ref: 'Table' } } },
    });
    t.hasResourceProperties('AWS::Budgets::Budget', { Budget: { BudgetLimit: { Amount: { Ref: 'Limit' } } } });
    t.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: { Ref: 'Attempts' } } });
    t.hasResourceProperties('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: { Ref: 'WarmMin' } } });
    expect(JSON.stringify(t.toJSON())).toContain('"Ref":"DbRef"');
    expect(validationViolations(app)).toEqual([]);
  });

  test('Lazy numbers and strings are resolved into the template', () => {
    const { app, stack } = awsApp();
    new EventDrivenFunction(stack, 'Fn', {
      ...base,
      memoryMb: Lazy.number({ produce: () => 1024 }),
      timeoutSeconds: Lazy.number({ produce: () => 45 }),
      description: Lazy.string({ produce: () => 'lazy description' }),
      environment: { TABLE: Lazy.string({ produce: () => 'lazy-table' }) },
    });
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: Lazy.number({ produce: () => 321 }) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, Timeout: 45, Description: 'lazy description', Environment: { Variables: { TABLE: 'lazy-table' } } });
    t.hasResourceProperties('AWS::Budgets::Budget', { Budget: { BudgetLimit: { Amount: 321 } } });
    expect(validationViolations(app)).toEqual([]);
  });
});

describe.each([
  ['azure', azureStack, 'azurerm_function_app_flex_consumption', 'azurerm_consumption_budget_resource_group'],
  ['gcp', gcpStack, 'google_cloudfunctions2_function', 'google_billing_budget'],
] as const)('tokens in props are passed through on %s', (cloud, makeStack, fnType, budgetType) => {
  test('TerraformVariable numbers and strings reach the Terraform JSON as var references', () => {
    const { stack } = makeStack();
    const v = (id: string, type = 'number') => new TerraformVariable(stack, id, { type });
    const fn = new EventDrivenFunction(stack, 'Fn', {
      ...base,
      memoryMb: v('memory').numberValue,
      maxConcurrency: v('concurrency').numberValue,
      description: v('description', 'string').stringValue,
      environment: { TABLE: v('table', 'string').stringValue },
      triggers: [Trigger.http()],
    });
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: v('limit').numberValue, billingAccountId: cloud === 'gcp' ? '01ABCD-23EF45-6789AB' : undefined });
    v('attempts');
    new EventQueue(stack, 'Orders', { maxDeliveryAttempts: TfToken.asNumber('${var.attempts}') });
    const warmed = new EventDrivenFunction(stack, 'Warmed', { ...base, triggers: [Trigger.http()] });
    new ProvisionedWarmPool(stack, 'Warm', { function: warmed, minInstances: v('warm').numberValue, maxInstances: cloud === 'azure' ? 100 : 10 });
    void fn;

    const tf = synthJson(stack);
    const json = JSON.stringify(tf);
    const f = resource(tf, fnType, /^Fn_/);
    const budget = resource(tf, budgetType);
    if (cloud === 'azure') {
      expect(f).toMatchObject({ instance_memory_in_mb: '${var.memory}', maximum_instance_count: '${var.concurrency}', app_settings: { TABLE: '${var.table}' } });
      expect(budget.amount).toBe('${var.limit}');
      expect(json).toContain('"max_delivery_count":"${var.attempts}"');
      expect(resource(tf, fnType, /^Warmed_/).always_ready).toEqual([{ name: 'http', instance_count: '${var.warm}' }]);
    } else {
      expect(f.service_config).toMatchObject({ max_instance_count: '${var.concurrency}', environment_variables: { TABLE: '${var.table}' } });
      expect(resource(tf, fnType, /^Warmed_/).service_config.min_instance_count).toBe('${var.warm}');
      expect(f.description).toBe('${var.description}');
      expect(JSON.stringify(budget.amount)).toContain('${var.limit}');
    }
    expect(terraformProblems(tf, cloud)).toEqual([]);
  });
});
