import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import {
  AwsCostScope, BudgetEnforcement, BudgetThreshold, CloudProvider, CostBudgetGuard, EstimateCheck, EventDrivenFunction, FunctionCode,
  FunctionRuntime, ProvisionedWarmPool, Trigger,
} from '../../index';
import { awsStack, template, validationViolations } from '../helpers/aws';
import { loadAzureNodeApp, triggerBinding } from '../helpers/azure-functions-host';
import { azureStack, deployedZip, gcpStack, resource, resources, synthJson } from '../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200 })');
const load = { monthlyInvocations: 10_000_000, averageDurationMs: 200 };
const fnProps = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler', triggers: [Trigger.http()], expectedLoad: load };
const billingAccountId = '01ABCD-23EF45-6789AB';

describe('CostBudgetGuard on AWS', () => {
  test('an AWS Budget on the account\'s spend (no manual step) notifying emails and an encrypted SNS topic only this account\'s Budgets may publish to', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Api', fnProps);
    const guard = new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 500, notifyEmails: ['ops@example.com'] });
    expect(guard.provider).toBe(CloudProvider.AWS);
    const t = template(stack);
    t.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 500, Unit: 'USD' },
        // No filter: the account's spend counts from the first day, without activating a cost-allocation tag.
        FilterExpression: Match.absent(), CostFilters: Match.absent(),
      },
      NotificationsWithSubscribers: [
        { Notification: { NotificationType: 'ACTUAL', Threshold: 80, ComparisonOperator: 'GREATER_THAN', ThresholdType: 'PERCENTAGE' }, Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ops@example.com' }, { SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('BudgetAlertTopic') } }] },
        Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 100 }) }),
        Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }) }),
      ],
    });
    t.hasResourceProperties('AWS::Lambda::Function', { Tags: Match.absent() });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('cost-allocation|activates the tag'));
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('BudgetTopicKey'), 'Arn'] } });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'budgets.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: Match.anyValue() },
        })]),
      },
    });
    t.resourceCountIs('AWS::Lambda::Function', 1);
    expect(validationViolations(app)).toEqual([]);
  });

  test('AwsCostScope.STACK_TAG: every resource carries the cirrus-budget tag the budget filters on, with a warning naming the activation command', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Api', fnProps);
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 500, awsCostScope: AwsCostScope.STACK_TAG });
    const t = template(stack);
    t.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ FilterExpression: { Tags: { Key: 'cirrus-budget', Values: ['orders-aws'], MatchOptions: ['EQUALS'] } } }),
    });
    t.hasResourceProperties('AWS::Lambda::Function', { Tags: Match.arrayWith([{ Key: 'cirrus-budget', Value: 'orders-aws' }]) });
    Annotations.fromStack(stack).hasWarning('/orders-aws/Budget', Match.stringLikeRegexp('update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=cirrus-budget,Status=Active'));
    expect(validationViolations(app)).toEqual([]);
  });

  test('fails when awsCostScope is given on Azure or GCP, or is not an AwsCostScope', () => {
    expect(() => new CostBudgetGuard(azureStack().stack, 'Budget', { monthlyLimitUsd: 5, awsCostScope: AwsCostScope.ACCOUNT }))
      .toThrow('orders-azure/Budget: awsCostScope is used on AWS only; Azure budgets are scoped by the resource group: remove it (got "account")');
    expect(() => new CostBudgetGuard(gcpStack().stack, 'Budget', { monthlyLimitUsd: 5, billingAccountId, awsCostScope: AwsCostScope.STACK_TAG }))
      .toThrow('awsCostScope is used on AWS only; GCP budgets are scoped by the project');
    expect(() => new CostBudgetGuard(awsStack().stack, 'Budget', { monthlyLimitUsd: 5, awsCostScope: 'tags' as AwsCostScope }))
      .toThrow('orders-aws/Budget: awsCostScope must be AwsCostScope.ACCOUNT or AwsCostScope.STACK_TAG (got "tags")');
  });

  test('stopFunctions: an enforcer on its own topic at the stop threshold, allowed to change only the listed functions', () => {
    const { app, stack } = awsStack();
    const api = new EventDrivenFunction(stack, 'Api', fnProps);
    new ProvisionedWarmPool(stack, 'Warm', { function: api, minInstances: 2 });
    const other = new EventDrivenFunction(stack, 'Other', fnProps);
    new CostBudgetGuard(stack, 'Budget', {
      monthlyLimitUsd: 500, thresholds: [BudgetThreshold.actual(50)], enforcement: BudgetEnforcement.stopFunctions([api], 90),
    });
    const t = template(stack);
    t.hasResourceProperties('AWS::Budgets::Budget', {
      NotificationsWithSubscribers: [
        Match.objectLike({ Notification: Match.objectLike({ Threshold: 50 }), Subscribers: [{ SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('BudgetAlertTopic') } }] }),
        { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 90, ThresholdType: 'PERCENTAGE' }, Subscribers: [{ SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('BudgetEnforcementTopic') } }] },
      ],
    });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: { Ref: Match.stringLikeRegexp('BudgetEnforcementTopic') }, Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BudgetEnforcer'), 'Arn'] } });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler', Runtime: 'nodejs22.x',
      Environment: { Variables: { CIRRUS_STOP_FUNCTIONS: { Ref: Match.stringLikeRegexp('^Api') }, CIRRUS_WARM_ALIASES: { Ref: Match.stringLikeRegexp('^Api') } } },
    });
    const policy = Object.values(t.findResources('AWS::IAM::Policy')).find((p: any) => JSON.stringify(p).includes('PutFunctionConcurrency')) as any;
    const statements = policy.Properties.PolicyDocument.Statement.filter((s: any) => String(s.Sid).match(/Stop|Remove/));
    expect(statements).toEqual([
      { Sid: 'StopListedFunctions', Effect: 'Allow', Action: 'lambda:PutFunctionConcurrency', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Api/), 'Arn'] } },
      { Sid: 'RemoveProvisionedConcurrency', Effect: 'Allow', Action: 'lambda:DeleteProvisionedConcurrencyConfig', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Api/), 'Arn'] }, ':live']] } },
    ]);
    // Only the listed function: the other one may not be touched.
    expect(JSON.stringify(policy)).not.toContain(stack.getLogicalId(other.node.defaultChild!.node.defaultChild as any));
    expect(validationViolations(app)).toEqual([]);
  });
});

describe('CostBudgetGuard on Azure', () => {
  test('a consumption budget on the resource group with an action group; enforcement through a webhook and a stop-only role', () => {
    const { stack } = azureStack();
    const api = new EventDrivenFunction(stack, 'Api', fnProps);
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 500, notifyEmails: ['ops@example.com'], enforcement: BudgetEnforcement.stopFunctions([api]) });
    const tf = synthJson(stack);
    const budget = resource(tf, 'azurerm_consumption_budget_resource_group');
    expect(budget).toMatchObject({ amount: 500, time_grain: 'Monthly', resource_group_id: '${azurerm_resource_group.ResourceGroup.id}', lifecycle: { ignore_changes: ['time_period'] } });
    expect(budget.notification.map((n: any) => `${n.threshold_type} ${n.threshold} ${n.contact_groups.length}`)).toEqual(['Actual 80 1', 'Actual 100 2', 'Forecasted 100 1']);
    expect(budget.notification[0]).toMatchObject({ operator: 'GreaterThanOrEqualTo', contact_emails: ['ops@example.com'] });
    const groups = resources(tf, 'azurerm_monitor_action_group');
    const alert = Object.values(groups).find((g: any) => g.email_receiver) as any;
    expect(alert.email_receiver).toEqual([{ name: 'email1', email_address: 'ops@example.com', use_common_alert_schema: true }]);
    const enforce = Object.values(groups).find((g: any) => g.webhook_receiver) as any;
    // No function key in the URL (it would sit in plain text in the action group and in state): the enforcer checks the budget itself.
    expect(enforce.webhook_receiver).toEqual([{
      name: 'enforcer', use_common_alert_schema: true,
      service_uri: expect.stringMatching(/^https:\/\/\$\{azurerm_function_app_flex_consumption\.Budget_Enforcer_\w+\.default_hostname\}\/budget-alert$/),
    }]);
    expect(tf.data?.azurerm_function_app_host_keys).toBeUndefined();
    expect(JSON.stringify(tf)).not.toMatch(/code=|function_key|host_keys/);
    expect(resource(tf, 'azurerm_role_definition', /StopRole/).permissions).toEqual([{ actions: ['Microsoft.Web/sites/stop/action', 'Microsoft.Web/sites/read'] }]);
    expect(resource(tf, 'azurerm_role_definition', /BudgetReadRole/).permissions).toEqual([{ actions: ['Microsoft.Consumption/budgets/read'] }]);
    const custom = Object.values(resources(tf, 'azurerm_role_assignment')).filter((r: any) => r.role_definition_id) as any[];
    expect(custom.sort((a, b) => a.role_definition_id.localeCompare(b.role_definition_id)).reverse()).toEqual([
      expect.objectContaining({ scope: expect.stringMatching(/^\$\{azurerm_function_app_flex_consumption\.Api_\w+\.id\}$/), principal_id: expect.stringContaining('Budget_Enforcer_Identity'), role_definition_id: expect.stringContaining('Budget_StopRole') }),
      expect.objectContaining({ scope: '${azurerm_resource_group.ResourceGroup.id}', principal_id: expect.stringContaining('Budget_Enforcer_Identity'), role_definition_id: expect.stringContaining('Budget_BudgetReadRole') }),
    ]);
    const enforcer = Object.values(resources(tf, 'azurerm_function_app_flex_consumption')).find((a: any) => a.app_settings.CIRRUS_STOP_APP_IDS) as any;
    expect(enforcer.app_settings).toMatchObject({
      CIRRUS_STOP_APP_IDS: expect.stringMatching(/^\$\{azurerm_function_app_flex_consumption\.Api_\w+\.id\}$/),
      CIRRUS_BUDGET_ID: `\${azurerm_resource_group.ResourceGroup.id}/providers/Microsoft.Consumption/budgets/${budget.name}`,
      CIRRUS_STOP_AT_PERCENT: '100',
    });
    // The webhook's route takes no key; the enforcer's own HTTP trigger is anonymous.
    const files = deployedZip(stack, tf, /^Budget_Enforcer_/);
    expect(triggerBinding(loadAzureNodeApp(files).get('Http')!)).toMatchObject({ authLevel: 'anonymous', methods: ['POST'], route: 'budget-alert' });
  });
});

describe('CostBudgetGuard on GCP', () => {
  test('a billing budget on the project with threshold rules, email channels and an all-updates topic', () => {
    const { stack } = gcpStack();
    new EventDrivenFunction(stack, 'Api', fnProps);
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 250.5, billingAccountId, notifyEmails: ['ops@example.com'], thresholds: [BudgetThreshold.actual(50), BudgetThreshold.forecasted(120)] });
    const tf = synthJson(stack);
    const budget = resource(tf, 'google_billing_budget');
    expect(budget).toMatchObject({
      billing_account: billingAccountId,
      amount: { specified_amount: { currency_code: 'USD', units: '250', nanos: 500000000 } },
      budget_filter: { projects: ['projects/${data.google_project.CirrusProject.number}'], calendar_period: 'MONTH' },
      threshold_rules: [{ threshold_percent: 0.5, spend_basis: 'CURRENT_SPEND' }, { threshold_percent: 1.2, spend_basis: 'FORECASTED_SPEND' }],
      all_updates_rule: { pubsub_topic: expect.stringMatching(/^\$\{google_pubsub_topic\.Budget_Topic_\w+\.id\}$/), schema_version: '1.0', monitoring_notification_channels: [expect.stringContaining('google_monitoring_notification_channel')] },
    });
    expect(resource(tf, 'google_monitoring_notification_channel')).toMatchObject({ type: 'email', labels: { email_address: 'ops@example.com' } });
    expect(resource(tf, 'google_pubsub_topic_iam_member', /BillingPublisher/)).toMatchObject({ role: 'roles/pubsub.publisher', member: 'serviceAccount:billing-budget-alert@system.gserviceaccount.com' });
    // The Billing Budget API needs a quota project with user credentials: the budget alone uses a provider that sends one.
    expect(budget.provider).toBe('google.cirrus_billing');
    expect(tf.provider.google).toEqual([
      expect.objectContaining({ project: 'acme-prod', region: 'europe-west1' }),
      { alias: 'cirrus_billing', project: 'acme-prod', region: 'europe-west1', user_project_override: true, billing_project: 'acme-prod' },
    ]);
    expect(tf.provider.google[0]).not.toHaveProperty('user_project_override');
    const others = Object.entries<any>(tf.resource).filter(([type]) => type !== 'google_billing_budget').flatMap(([, byName]) => Object.values<any>(byName));
    expect(others.filter((r) => r.provider !== undefined)).toEqual([]);
  });

  test('stopFunctions: the enforcer consumes the budget topic and may only get and set the IAM policy of the listed services', () => {
    const { stack } = gcpStack();
    const api = new EventDrivenFunction(stack, 'Api', fnProps);
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 100, billingAccountId, enforcement: BudgetEnforcement.stopFunctions([api], 90) });
    const tf = synthJson(stack);
    expect(resource(tf, 'google_billing_budget').all_updates_rule.pubsub_topic).toMatch(/google_pubsub_topic\.Budget_Enforcer_QueueTopic_\w+\.id/);
    expect(resource(tf, 'google_project_iam_custom_role')).toMatchObject({ permissions: ['run.services.getIamPolicy', 'run.services.setIamPolicy'] });
    expect(resource(tf, 'google_cloud_run_v2_service_iam_member', /Stop1/)).toMatchObject({
      name: api.functionName, role: expect.stringContaining('google_project_iam_custom_role'), member: expect.stringContaining('Budget_Enforcer_ServiceAccount'),
    });
    const enforcer = resource(tf, 'google_cloudfunctions2_function', /Budget_Enforcer/);
    expect(enforcer.service_config.environment_variables).toMatchObject({
      CIRRUS_STOP_SERVICES: `projects/acme-prod/locations/europe-west1/services/${api.functionName}`, CIRRUS_STOP_AT_PERCENT: '90',
    });
    expect(Object.keys(resources(tf, 'google_project_iam_member')).filter((k) => k.includes('Budget'))).toEqual([]);
  });
});

describe('cost estimate', () => {
  test.each<[string, () => { stack: any; app: any }, number, number, number]>([
    // 10M x 0.2 s x 0.25 GB = 500,000 GB-s; requests 10 x $0.20 = $2; compute 500,000 x $0.0000166667 = $8.33 -> $10.33
    // free tier: $0.20 + 400,000 x $0.0000166667 = $6.87
    ['AWS', () => awsStack(), 10.33, -6.87, 3.46],
    // 10M x 0.2 s x 2 GB = 4,000,000 GB-s x $0.000026 = $104 + 10 x $0.40 = $108; free: 0.25 x $0.40 + 100,000 x $0.000026 = $2.70
    ['Azure', () => azureStack(), 108, -2.7, 105.3],
    // 2,000,000 s x 0.167 vCPU = 334,000 vCPU-s x $0.000024 = $8.016; 500,000 GiB-s x $0.0000025 = $1.25; 10 x $0.40 = $4 -> $13.27
    // free: 2M requests $0.80 + 180,000 vCPU-s $4.32 + 360,000 GiB-s $0.90 = $6.02
    ['GCP', () => gcpStack(), 13.27, -6.02, 7.25],
  ])('%s: functions with an expectedLoad are priced from the dated table, with the free tier once', (_cloud, make, line, credit, total) => {
    const { stack } = make();
    new EventDrivenFunction(stack, 'Api', fnProps);
    new EventDrivenFunction(stack, 'NoLoad', { ...fnProps, expectedLoad: undefined });
    const guard = new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 1000, billingAccountId: _cloud === 'GCP' ? billingAccountId : undefined });
    expect(guard.costBreakdown.map((l) => [l.item.split('/').pop(), l.monthlyUsd])).toEqual([['Api', line], ['free tier', credit]]);
    expect(guard.estimatedMonthlyCostUsd).toBeCloseTo(total, 2);
    expect(guard.costBreakdown[0].basis).toMatch(/2026-11-25/);
  });

  test('warm pools are priced and their functions run at the warm execution rate, without free tier', () => {
    const { stack } = awsStack();
    const api = new EventDrivenFunction(stack, 'Api', { ...fnProps, memoryMb: 1024 });
    new ProvisionedWarmPool(stack, 'Warm', { function: api, minInstances: 2 });
    const guard = new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 1000 });
    // 10M x 0.2 s x 1 GB = 2,000,000 GB-s x $0.0000097222 = $19.44 + $2 requests = $21.44; pool: 2 x 1 GB x 2,628,000 s x $0.0000041667 = $21.90
    expect(guard.costBreakdown.map((l) => [l.kind, l.monthlyUsd])).toEqual([['requests + compute', 21.44], ['warm capacity', 21.9]]);
    expect(guard.estimatedMonthlyCostUsd).toBeCloseTo(43.34, 2);
  });

  test('Azure: a warm pool of a function with HTTP and queue triggers is priced for both always-ready groups, and says so', () => {
    const { stack } = azureStack();
    const fn = new EventDrivenFunction(stack, 'Api', { ...fnProps, triggers: [Trigger.http(), Trigger.queue()] });
    const pool = new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 3 });
    const single = new EventDrivenFunction(stack, 'Only', { ...fnProps });
    const singlePool = new ProvisionedWarmPool(stack, 'WarmOnly', { function: single, minInstances: 3 });
    const guard = new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 10000 });
    const warm = guard.costBreakdown.filter((l) => l.kind === 'warm capacity');
    expect(warm.map((l) => l.basis)).toEqual([
      expect.stringMatching(/^3 always-ready instance\(s\) for each of http, function:Queue \(6 in all\) of 2048 MB kept warm/),
      expect.stringMatching(/^3 instance\(s\) of 2048 MB kept warm/),
    ]);
    expect(pool.estimatedMonthlyCostUsd).toBeCloseTo(2 * singlePool.estimatedMonthlyCostUsd, 2);
  });

  test('an estimate over the limit warns by default and writes cost-estimate.json beside the template', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Api', fnProps);
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 1 });
    const assembly = app.synth();
    Annotations.fromStack(stack).hasWarning('/orders-aws/Budget', Match.stringLikeRegexp('estimated monthly cost \\$3\\.46 exceeds monthlyLimitUsd \\$1\\.00; biggest items: orders-aws/Api'));
    const estimate = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'orders-aws.cost-estimate.json'), 'utf8'));
    expect(estimate).toMatchObject({ cloud: 'aws', currency: 'USD', priceTableDate: '2026-11-25', monthlyLimitUsd: 1, estimatedMonthlyCostUsd: 3.46, overLimit: true });
    expect(estimate.items).toHaveLength(2);
  });

  test('fails synthesis when the estimate exceeds the limit with EstimateCheck.FAIL, listing the biggest items', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Api', fnProps);
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 1, onEstimateOverLimit: EstimateCheck.FAIL });
    expect(() => app.synth()).toThrow(/orders-aws\/Budget: estimated monthly cost \$3\.46 exceeds monthlyLimitUsd \$1\.00; biggest items: orders-aws\/Api \(requests \+ compute\) \$10\.33/);
  });

  test('Terraform stacks get cost-estimate.json in their folder, and FAIL stops cdktf synthesis too', () => {
    const { stack } = gcpStack();
    new EventDrivenFunction(stack, 'Api', fnProps);
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 1000, billingAccountId });
    const outdir = Testing.fullSynth(stack);
    const estimate = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'orders-gcp', 'cost-estimate.json'), 'utf8'));
    expect(estimate).toMatchObject({ cloud: 'gcp', estimatedMonthlyCostUsd: 7.25, overLimit: false });

    const failing = azureStack();
    new EventDrivenFunction(failing.stack, 'Api', fnProps);
    new CostBudgetGuard(failing.stack, 'Budget', { monthlyLimitUsd: 10, onEstimateOverLimit: EstimateCheck.FAIL });
    expect(() => Testing.fullSynth(failing.stack)).toThrow(/estimated monthly cost \$105\.30 exceeds monthlyLimitUsd \$10\.00/);
  });
});

describe('CostBudgetGuard validation', () => {
  test.each<[string, object, RegExp]>([
    ['the limit is 0', { monthlyLimitUsd: 0 }, /monthlyLimitUsd must be an amount in USD above 0 and at most 1000000000 \(got 0\)/],
    ['the limit is negative', { monthlyLimitUsd: -5 }, /monthlyLimitUsd must be an amount in USD above 0 and at most 1000000000 \(got -5\)/],
    ['the limit is above 1e9 (the rule it breaks is named)', { monthlyLimitUsd: 1e12 }, /monthlyLimitUsd must be an amount in USD above 0 and at most 1000000000 \(got 1000000000000\)/],
    ['a percent is out of range', { monthlyLimitUsd: 10, thresholds: [BudgetThreshold.actual(0), BudgetThreshold.forecasted(2000)] }, /thresholds\[0\]\.percent must be a percentage above 0 and at most 1000 \(got 0\)[\s\S]*thresholds\[1\]\.percent .* \(got 2000\)/],
    ['an email is malformed', { monthlyLimitUsd: 10, notifyEmails: ['ops'] }, /notifyEmails\[0\] must be an email address \(got "ops"\)/],
    ['a billing account is given outside GCP', { monthlyLimitUsd: 10, billingAccountId }, /billingAccountId is used on GCP only/],
    ['AWS would get more than 5 notifications', { monthlyLimitUsd: 10, thresholds: [10, 20, 30, 40, 50, 60].map((p) => BudgetThreshold.actual(p)) }, /a budget on AWS has at most 5 notifications/],
  ])('fails when %s', (_title, props, message) => {
    const { stack } = awsStack();
    expect(() => new CostBudgetGuard(stack, 'Budget', props as any)).toThrow(message);
  });

  test('fails when the billing account is missing on GCP', () => {
    const { stack } = gcpStack();
    expect(() => new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 10 })).toThrow('orders-gcp/Budget: billingAccountId is required on GCP');
  });

  test('fails when enforcement names a function of another stack', () => {
    const { stack } = awsStack();
    const other = new EventDrivenFunction(awsStack('other').stack, 'Api', fnProps);
    expect(() => new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 10, enforcement: BudgetEnforcement.stopFunctions([other]) }))
      .toThrow('orders-aws/Budget: enforcement.functions[0] (other/Api) is in another stack: a guard stops functions of its own stack (orders-aws)');
  });

  test('fails when enforcement stops no function or has a bad percent', () => {
    const { stack } = awsStack();
    expect(() => new CostBudgetGuard(stack, 'B1', { monthlyLimitUsd: 10, enforcement: BudgetEnforcement.stopFunctions([]) })).toThrow(/stops no function/);
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    expect(() => new CostBudgetGuard(stack, 'B2', { monthlyLimitUsd: 10, enforcement: BudgetEnforcement.stopFunctions([fn], -1) })).toThrow(/enforcement.atPercent must be a percentage above 0/);
  });

  test('fails when expectedLoad is negative or longer than the timeout', () => {
    const { stack } = awsStack();
    expect(() => new EventDrivenFunction(stack, 'Api', { ...fnProps, expectedLoad: { monthlyInvocations: -1, averageDurationMs: 60000 } }))
      .toThrow(/expectedLoad.monthlyInvocations must be a whole number of at least 0 \(got -1\)[\s\S]*expectedLoad.averageDurationMs must be above 0 and at most the timeout \(30000 ms\) \(got 60000\)/);
  });
});

describe('regressions found by the fuzz tests (test/fuzz)', () => {
  test('does not fail synthesis when monthlyLimitUsd is a token and onEstimateOverLimit is FAIL', () => {
    const { CfnParameter } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
    const { app, stack } = awsStack();
    const monthlyLimitUsd = new CfnParameter(stack, 'Limit', { type: 'Number' }).valueAsNumber;
    // Before: "estimated monthly cost $0.00 exceeds monthlyLimitUsd $-1.888e+289" failed synthesis.
    new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd, onEstimateOverLimit: EstimateCheck.FAIL });
    expect(validationViolations(app)).toEqual([]);
  });

  test('fails when a threshold percent is a token on GCP, whose budgets take fractions computed at synth', () => {
    const { TerraformVariable } = require('cdktf') as typeof import('cdktf');
    const { stack } = gcpStack();
    const percent = new TerraformVariable(stack, 'percent', { type: 'number' }).numberValue;
    // Before: threshold_percent was the token's encoding divided by 100 (-8.1e296).
    expect(() => new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 100, billingAccountId: '01ABCD-23EF45-6789AB', thresholds: [BudgetThreshold.actual(percent)] }))
      .toThrow(/thresholds\[0\]\.percent cannot be an unresolved token on GCP/);
  });
});

describe('regressions found by the fuzz tests (test/fuzz, seed 42)', () => {
  test('fails when monthlyLimitUsd is above 0 but below one cent (5e-324)', () => {
    const { stack } = azureStack();
    // Before: 5e-324 reached the Azure consumption budget amount.
    expect(() => new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 5e-324 })).toThrow(/monthlyLimitUsd must be at least 0.01 \(one cent\)/);
  });
});

describe('regressions found by the fuzz tests (test/fuzz, seed 7)', () => {
  test('fails when a threshold percent is above 0 but below 0.1', () => {
    const { app, stack } = awsStack();
    // Before: F3034 Threshold 1.79e-89 is less than the minimum of 0.1 (AWS::Budgets::Budget).
    expect(() => new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 10, thresholds: [BudgetThreshold.forecasted(1.7910079357170854e-89)] }))
      .toThrow(/thresholds\[0\]\.percent must be at least 0.1/);
    new CostBudgetGuard(stack, 'Ok', { monthlyLimitUsd: 10, thresholds: [BudgetThreshold.forecasted(0.1)] });
    expect(validationViolations(app)).toEqual([]);
  });
});
