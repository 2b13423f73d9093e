import { Match } from 'aws-cdk-lib/assertions';
import {
  CloudProvider, EventDrivenFunction, FunctionCode, FunctionRuntime, HttpAuth, ProvisionedWarmPool, Schedule, Trigger,
} from '../../index';
import { awsStack, template, validationViolations } from '../helpers/aws';
import { azureStack, gcpStack, resource, synthJson } from '../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200 })');
const fnProps = {
  runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler',
  triggers: [Trigger.http({ path: '/api', auth: HttpAuth.PUBLIC }), Trigger.queue()],
};

describe('ProvisionedWarmPool on AWS', () => {
  test('provisioned concurrency on the live alias, autoscaled by target tracking between min and max, with scheduled actions', () => {
    const { app, stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Api', { ...fnProps, memoryMb: 512, maxConcurrency: 1000 });
    const pool = new ProvisionedWarmPool(stack, 'Warm', {
      function: fn,
      maxInstances: 900,
      load: { peakRequestsPerSecond: 10000, averageDurationMs: 50 },
      scheduledCapacity: [
        { schedule: Schedule.cron({ minute: '0', hour: '8', weekDay: 'MON-FRI', timeZone: 'Europe/Berlin' }), minInstances: 800 },
        { schedule: Schedule.cron({ minute: '0', hour: '20' }), minInstances: 100, maxInstances: 300 },
      ],
    });
    expect(pool.provider).toBe(CloudProvider.AWS);
    expect(pool.plannedMinInstances).toBe(715);
    expect(pool.plannedFromLoad).toBe(715);
    expect(pool.estimatedMonthlyCostUsd).toBeCloseTo(3914.66, 2);

    const t = template(stack);
    t.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 715 } });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ServiceNamespace: 'lambda',
      ScalableDimension: 'lambda:function:ProvisionedConcurrency',
      MinCapacity: 715,
      MaxCapacity: 900,
      ResourceId: { 'Fn::Join': ['', ['function:', { Ref: Match.stringLikeRegexp('^Api') }, ':live']] },
      ScheduledActions: [
        { ScheduledActionName: Match.stringLikeRegexp('Scheduled1'), Schedule: 'cron(0 8 ? * MON-FRI *)', Timezone: 'Europe/Berlin', ScalableTargetAction: { MinCapacity: 800, MaxCapacity: 900 } },
        { ScheduledActionName: Match.stringLikeRegexp('Scheduled2'), Schedule: 'cron(0 20 * * ? *)', Timezone: 'UTC', ScalableTargetAction: { MinCapacity: 100, MaxCapacity: 300 } },
      ],
    });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'LambdaProvisionedConcurrencyUtilization' },
        TargetValue: 0.7,
      },
    });
    expect(validationViolations(app)).toEqual([]);
  });

  test('explicit minInstances wins over the plan', () => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    const pool = new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 3, load: { peakRequestsPerSecond: 10000, averageDurationMs: 50 } });
    expect(pool.plannedMinInstances).toBe(3);
    expect(pool.plannedFromLoad).toBe(715);
    expect(pool.maxInstances).toBe(6);
    template(stack).hasResourceProperties('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 3 } });
  });

  test('fails when the provisioned concurrency exceeds the function maxConcurrency', () => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Api', { ...fnProps, maxConcurrency: 100 });
    expect(() => new ProvisionedWarmPool(stack, 'Warm', { function: fn, load: { peakRequestsPerSecond: 10000, averageDurationMs: 50 } }))
      .toThrow("orders-aws/Warm: load plans 715 warm instances, above the 100 allowed (the function's maxConcurrency on AWS)");
    expect(() => new ProvisionedWarmPool(stack, 'Warm2', { function: fn, minInstances: 101 }))
      .toThrow(/minInstances must be a whole number from 1 to 100 \(the function's maxConcurrency on AWS\) \(got 101\)/);
  });
});

describe('ProvisionedWarmPool on Azure', () => {
  test('always-ready instances per trigger group and the maximum instance count', () => {
    const { stack } = azureStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    const pool = new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 3, maxInstances: 60, instanceConcurrency: 16 });
    expect(pool.provider).toBe(CloudProvider.AZURE);
    // 2 groups x 3 instances x 2 GB x 2,628,000 s x $0.000004
    expect(pool.estimatedMonthlyCostUsd).toBeCloseTo(126.14, 2);
    const app = resource(synthJson(stack), 'azurerm_function_app_flex_consumption');
    expect(app.always_ready).toEqual([{ name: 'http', instance_count: 3 }, { name: 'function:Queue', instance_count: 3 }]);
    expect(app.maximum_instance_count).toBe(60);
    expect(app.http_concurrency).toBe(16);
  });

  test('the plan divides by the per-instance HTTP concurrency', () => {
    const { stack } = azureStack();
    const fn = new EventDrivenFunction(stack, 'Api', { ...fnProps, triggers: [Trigger.http()] });
    const pool = new ProvisionedWarmPool(stack, 'Warm', { function: fn, instanceConcurrency: 16, maxInstances: 100, load: { peakRequestsPerSecond: 10000, averageDurationMs: 50 } });
    expect(pool.plannedMinInstances).toBe(45);
  });

  test('fails when scheduled capacity is asked for, which Azure cannot do', () => {
    const { stack } = azureStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    expect(() => new ProvisionedWarmPool(stack, 'Warm', {
      function: fn, minInstances: 1, scheduledCapacity: [{ schedule: Schedule.cron({ minute: '0', hour: '8' }), minInstances: 5 }],
    })).toThrow(/orders-azure\/Warm: scheduledCapacity\[0\]: Azure has no scheduled change of always-ready instances/);
  });

  test('fails when the always-ready instances of all groups exceed maxInstances', () => {
    const { stack } = azureStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    expect(() => new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 30, maxInstances: 50 }))
      .toThrow(/keeps 30 always-ready instances for each of http, function:Queue \(60 in all\) on Azure, above maxInstances 50/);
  });

  test('fails when the function only has a timer, which has no always-ready group', () => {
    const { stack } = azureStack();
    const fn = new EventDrivenFunction(stack, 'Job', { ...fnProps, triggers: [Trigger.schedule(Schedule.everyHours(1))] });
    expect(() => new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 1 })).toThrow(/has nothing to keep warm on Azure/);
  });
});

describe('ProvisionedWarmPool on GCP', () => {
  test('minimum and maximum instances on the function', () => {
    const { stack } = gcpStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    const pool = new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 2, maxInstances: 20 });
    expect(pool.provider).toBe(CloudProvider.GCP);
    expect(pool.estimatedMonthlyCostUsd).toBeCloseTo(5.48, 2);
    const config = resource(synthJson(stack), 'google_cloudfunctions2_function').service_config;
    expect(config).toMatchObject({ min_instance_count: 2, max_instance_count: 20, max_instance_request_concurrency: 1 });
  });

  test('fails when request concurrency above 1 is asked of a function with less than one vCPU', () => {
    const { stack } = gcpStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    expect(() => new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 1, instanceConcurrency: 8 }))
      .toThrow(/instanceConcurrency above 1 needs at least 1 vCPU on GCP: give the function memoryMb 2048 or more \(it has 256\)/);
  });

  test('fails when scheduled capacity is asked for, which GCP cannot do', () => {
    const { stack } = gcpStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    expect(() => new ProvisionedWarmPool(stack, 'Warm', {
      function: fn, minInstances: 1, scheduledCapacity: [{ schedule: Schedule.everyHours(1), minInstances: 5 }],
    })).toThrow(/GCP has no scheduled change of minimum instances/);
  });
});

describe('ProvisionedWarmPool validation', () => {
  test('fails when min is above max, utilisation is out of range, and neither min nor load is given, all reported together', () => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    let message = '';
    try {
      new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 10, maxInstances: 5, targetUtilization: 0.95 });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('orders-aws/Warm: targetUtilization must be between 0.1 and 0.9 (got 0.95)');
    expect(message).toContain('orders-aws/Warm: maxInstances (5) must be at least minInstances (10)');
    expect(() => new ProvisionedWarmPool(stack, 'Warm2', { function: fn })).toThrow(/needs minInstances or load/);
  });

  test('fails when the pool has no function', () => {
    const { stack } = awsStack();
    expect(() => new ProvisionedWarmPool(stack, 'Warm', { function: undefined as unknown as EventDrivenFunction, minInstances: 1 }))
      .toThrow('orders-aws/Warm: function must be an EventDrivenFunction (got nothing)');
  });

  test('fails when the function already has a pool', () => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 1 });
    expect(() => new ProvisionedWarmPool(stack, 'Again', { function: fn, minInstances: 1 }))
      .toThrow('orders-aws/Again: function orders-aws/Api already has a warm pool (orders-aws/Warm); a function has at most one');
  });

  test('fails when the function is in another stack', () => {
    const { stack } = awsStack();
    const other = awsStack('other').stack;
    const fn = new EventDrivenFunction(other, 'Api', fnProps);
    expect(() => new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 1 })).toThrow(/function other\/Api is in another stack/);
  });

  test('fails when the load is not positive', () => {
    const { stack } = gcpStack();
    const fn = new EventDrivenFunction(stack, 'Api', fnProps);
    expect(() => new ProvisionedWarmPool(stack, 'Warm', { function: fn, load: { peakRequestsPerSecond: 0, averageDurationMs: -5 } }))
      .toThrow(/load.peakRequestsPerSecond must be a number above 0 \(got 0\)[\s\S]*load.averageDurationMs must be a number above 0 \(got -5\)/);
  });
});

describe('regressions found by the fuzz tests (test/fuzz)', () => {
  const { TerraformVariable } = require('cdktf') as typeof import('cdktf');
  const fnProps = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler', triggers: [Trigger.http()] };

  test('fails when instanceConcurrency is -Number.MAX_VALUE, which is a number, not a token', () => {
    const { stack } = gcpStack();
    const fn = new EventDrivenFunction(stack, 'Fn', { ...fnProps, memoryMb: 4096 });
    // Before: every number below -1e289 counted as a token, so this reached max_instance_request_concurrency.
    expect(() => new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 1, instanceConcurrency: -Number.MAX_VALUE }))
      .toThrow(/instanceConcurrency must be a whole number from 1 to 1000 on GCP/);
  });

  test('does not fail when the function maxConcurrency is a token: the cloud ceiling applies at synth', () => {
    const { stack } = azureStack();
    const maxConcurrency = new TerraformVariable(stack, 'concurrency', { type: 'number' }).numberValue;
    const fn = new EventDrivenFunction(stack, 'Fn', { ...fnProps, maxConcurrency });
    // Before: "minInstances must be a whole number from 1 to -1.5e299 (the function's maxConcurrency on Azure)".
    const pool = new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 2, maxInstances: 100 });
    expect(pool.plannedMinInstances).toBe(2);
  });

  test('does not fail when memoryMb is a token and instanceConcurrency is above 1 on GCP', () => {
    const { stack } = gcpStack();
    const memoryMb = new TerraformVariable(stack, 'memory', { type: 'number' }).numberValue;
    const fn = new EventDrivenFunction(stack, 'Fn', { ...fnProps, memoryMb });
    // Before: "instanceConcurrency above 1 needs at least 1 vCPU on GCP ... (it has -1.5e299)".
    expect(() => new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 1, instanceConcurrency: 8 })).not.toThrow();
  });
});
