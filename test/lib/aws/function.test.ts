import { Match } from 'aws-cdk-lib/assertions';
import {
  CirrusErrors, CloudProvider, EventDrivenFunction, FunctionCode, FunctionRuntime, HttpAuth, HttpMethod, Schedule, Trigger,
} from '../../../index';
import { awsStack, FIXTURE, template, validationViolations } from '../../helpers/aws';

const base = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(FIXTURE), handler: 'index.handler' };

describe('EventDrivenFunction on AWS', () => {
  test('renders a Lambda function with its own role, log group with retention and active tracing', () => {
    const { app, stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'ProcessOrder', {
      ...base, memoryMb: 512, timeoutSeconds: 20, maxConcurrency: 50, logRetentionDays: 14,
      environment: { TABLE: 'orders' }, description: 'Processes orders',
    });
    expect(fn.provider).toBe(CloudProvider.AWS);
    const t = template(stack);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 20,
      ReservedConcurrentExecutions: 50,
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: { TABLE: 'orders' } },
      Description: 'Processes orders',
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('ProcessOrderLogGroup') } },
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('ProcessOrderServiceRole'), 'Arn'] },
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
    t.resourceCountIs('AWS::IAM::Role', 1);
    // No AWS managed policy (AWSLambdaBasicExecutionRole grants logs on *).
    t.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('ProcessOrderLogGroup'), 'Arn'] },
        })]),
      },
    });
    t.resourceCountIs('AWS::Logs::CustomResource', 0);
    expect(t.findResources('Custom::LogRetention')).toEqual({});
    expect(validationViolations(app)).toEqual([]);
  });

  test('defaults: 256 MB, 30 s, 30 days of logs, no reserved concurrency', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', base);
    const t = template(stack);
    t.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 256, Timeout: 30, ReservedConcurrentExecutions: Match.absent() });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('inline code becomes ZipFile with the index module', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, code: FunctionCode.fromInline('exports.handler = async () => 1;') });
    template(stack).hasResourceProperties('AWS::Lambda::Function', { Code: { ZipFile: 'exports.handler = async () => 1;' }, Handler: 'index.handler' });
  });

  test('maps Python runtimes', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, runtime: FunctionRuntime.PYTHON_3_13, code: FunctionCode.fromInline('def handler(e, c):\n  return 1\n') });
    template(stack).hasResourceProperties('AWS::Lambda::Function', { Runtime: 'python3.13' });
  });

  test('HTTP trigger: HTTP API route with IAM authorization by default, access logs and throttling', () => {
    const { app, stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST] })] });
    const t = template(stack);
    // Named after the function's construct path (not aws-cdk-lib's default, the construct id "Resource").
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', Name: 'orders-aws/Fn' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /orders', AuthorizationType: 'AWS_IAM' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 500 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] }, Format: Match.stringLikeRegexp('requestId') },
    });
    t.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
    expect(fn.httpUrl).toBeDefined();
    expect(validationViolations(app)).toEqual([]);
  });

  test('HTTP trigger: PUBLIC routes have no authorization; several methods give one route each', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', {
      ...base, triggers: [Trigger.http({ path: '/items/{id}', methods: [HttpMethod.GET, HttpMethod.PUT], auth: HttpAuth.PUBLIC })],
    });
    const t = template(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /items/{id}', AuthorizationType: 'NONE' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'PUT /items/{id}', AuthorizationType: 'NONE' });
    t.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
  });

  test('queue trigger: encrypted SQS queue with a dead-letter queue, 6x visibility timeout, batch item failures', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, timeoutSeconds: 40, triggers: [Trigger.queue({ batchSize: 5, maxDeliveryAttempts: 3 })] });
    const t = template(stack);
    t.resourceCountIs('AWS::SQS::Queue', 2);
    t.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 240,
      MessageRetentionPeriod: 4 * 86400,
      RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('FnQueueDeadLetterQueue'), 'Arn'] } },
    });
    t.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86400, RedrivePolicy: Match.absent() });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['sqs:ReceiveMessage', 'sqs:DeleteMessage']),
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('FnQueue'), 'Arn'] },
        })]),
      },
    });
    expect(validationViolations(app)).toEqual([]);
  });

  test('schedule trigger: EventBridge Scheduler schedule with its own role limited to this function', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', {
      ...base, triggers: [Trigger.schedule(Schedule.cron({ minute: '0', hour: '9', weekDay: 'MON-FRI', timeZone: 'Europe/Paris' }))],
    });
    const t = template(stack);
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 9 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      Target: { Arn: { Ref: Match.stringLikeRegexp('^FnLiveAlias') }, RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('FnScheduleRole'), 'Arn'] } },
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] },
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('FnScheduleRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction', Resource: { Ref: Match.stringLikeRegexp('^FnLiveAlias') } })]) },
    });
    expect(validationViolations(app)).toEqual([]);
  });

  test('schedule trigger: undeliverable runs go to a dead-letter queue, failed runs to the on-failure queue, both alarmed', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.schedule(Schedule.everyHours(1))] });
    const t = template(stack);
    const dlqArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnScheduleDeadLetterQueue'), 'Arn'] };
    t.hasResourceProperties('AWS::Scheduler::Schedule', { Target: Match.objectLike({ DeadLetterConfig: { Arn: dlqArn } }) });
    t.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 86400, SqsManagedSseEnabled: true });
    // The scheduler's role may send to its dead-letter queue and nothing else besides invoking the alias.
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('FnScheduleRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Resource: dlqArn })]) },
    });
    // Lambda's own defaults, written out, with the on-failure destination.
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnAsyncFailureQueue'), 'Arn'] } } },
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnScheduleDeadLetterQueue'), 'QueueName'] } }],
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnAsyncFailureQueue'), 'QueueName'] } }],
    });
    expect(validationViolations(app)).toEqual([]);
  });

  test.each([
    ['schedule first', true],
    ['topic first', false],
  ])('a topic trigger\'s asynchronous settings win over a schedule\'s defaults (%s, added later)', (_label, scheduleFirst) => {
    const { app, stack } = awsStack();
    const schedule = Trigger.schedule(Schedule.everyHours(1));
    const topic = Trigger.topic({ maxDeliveryAttempts: 1, maxEventAgeSeconds: 120 });
    const fn = new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [scheduleFirst ? schedule : topic] });
    fn.addTrigger(scheduleFirst ? topic : schedule);
    const t = template(stack);
    t.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 120 });
    expect(Object.keys(t.findResources('AWS::SQS::Queue')).filter((id) => id.startsWith('FnAsyncFailureQueue'))).toHaveLength(1);
    expect(validationViolations(app)).toEqual([]);
  });

  test('every trigger invokes the published live alias, never $LATEST', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', {
      ...base, triggers: [Trigger.http({ path: '/a' }), Trigger.queue(), Trigger.schedule(Schedule.everyHours(1))],
    });
    const t = template(stack);
    const alias = { Ref: Match.stringLikeRegexp('^FnLiveAlias') };
    t.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', FunctionVersion: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnCurrentVersion'), 'Version'] } });
    t.resourceCountIs('AWS::Lambda::Version', 1);
    const mapping = Object.values(t.findResources('AWS::Lambda::EventSourceMapping'))[0] as any;
    expect(JSON.stringify(mapping.Properties.FunctionName)).toMatch(/"Ref":"FnLiveAlias[0-9A-F]+"\}\]\}\]\},":live"/);
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: alias });
    t.hasResourceProperties('AWS::Scheduler::Schedule', { Target: { Arn: alias } });
    t.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: alias, Principal: 'apigateway.amazonaws.com' });
    expect(validationViolations(app)).toEqual([]);
  });

  test('addTrigger renders a trigger added after construction', () => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Fn', base);
    fn.addTrigger(Trigger.schedule(Schedule.everyMinutes(5)));
    fn.addTrigger(Trigger.schedule(Schedule.everyHours(1)));
    const t = template(stack);
    t.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(5 minutes)' });
    t.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 hour)' });
  });
});

describe('EventDrivenFunction validation on AWS', () => {
  function errorOf(fn: () => void): string {
    try {
      fn();
    } catch (e) {
      expect(CirrusErrors.isValidationError(e)).toBe(true);
      return (e as Error).message;
    }
    throw new Error('expected a validation error');
  }

  test('fails when memory and timeout are outside Lambda limits, naming the path, prop, value and range', () => {
    const { stack } = awsStack();
    const message = errorOf(() => new EventDrivenFunction(stack, 'ProcessOrder', { ...base, memoryMb: 99999, timeoutSeconds: 901 }));
    expect(message).toContain('orders-aws/ProcessOrder: memoryMb must be between 128 and 10240 on AWS (got 99999)');
    expect(message).toContain('orders-aws/ProcessOrder: timeoutSeconds must be a whole number from 1 to 900 on AWS (got 901)');
  });

  test('fails when the log retention is not a CloudWatch value', () => {
    const { stack } = awsStack();
    expect(errorOf(() => new EventDrivenFunction(stack, 'Fn', { ...base, logRetentionDays: 31 }))).toMatch(/logRetentionDays must be one of 1, 3, 5, .* on AWS \(got 31\)/);
  });

  test('fails when the asset folder does not exist', () => {
    const { stack } = awsStack();
    expect(errorOf(() => new EventDrivenFunction(stack, 'Fn', { ...base, code: FunctionCode.fromAsset('/nope/missing') }))).toMatch(/code asset folder "\/nope\/missing" does not exist/);
  });

  test('fails when the handler module is not in the asset folder', () => {
    const { stack } = awsStack();
    expect(errorOf(() => new EventDrivenFunction(stack, 'Fn', { ...base, handler: 'main.handler' }))).toMatch(/handler "main.handler" names the module "main.js", which is not in the code folder/);
  });

  test('fails when the handler is malformed', () => {
    const { stack } = awsStack();
    expect(errorOf(() => new EventDrivenFunction(stack, 'Fn', { ...base, handler: 'handler' }))).toMatch(/handler must be "<file>.<export>"/);
  });

  test('fails when the batch size is above 10 without a batching window', () => {
    const { stack } = awsStack();
    expect(errorOf(() => new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.queue({ batchSize: 50 })] }))).toMatch(/triggers\[0\].batchSize above 10 needs maxBatchingWindowSeconds of at least 1 on AWS \(got 50\)/);
  });

  test('fails when an environment variable is reserved by Lambda', () => {
    const { stack } = awsStack();
    expect(errorOf(() => new EventDrivenFunction(stack, 'Fn', { ...base, environment: { AWS_REGION: 'x' } }))).toMatch(/environment key "AWS_REGION" is reserved by the platform on AWS/);
  });

  test('fails when the same route is declared twice', () => {
    const { stack } = awsStack();
    expect(errorOf(() => new EventDrivenFunction(stack, 'Fn', {
      ...base, triggers: [Trigger.http({ path: '/a', methods: [HttpMethod.GET] }), Trigger.http({ path: '/a', methods: [HttpMethod.GET] })],
    }))).toMatch(/repeats the route "GET \/a"/);
  });

  test('reports every problem of one construct together', () => {
    const { stack } = awsStack();
    const message = errorOf(() => new EventDrivenFunction(stack, 'Fn', { ...base, memoryMb: 1, timeoutSeconds: 0, maxConcurrency: 0 }));
    expect(message.split('\n')).toHaveLength(3);
  });

  test('fails when addTrigger adds a conflicting trigger, and leaves the function unchanged', () => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Fn', base);
    expect(errorOf(() => fn.addTrigger(Trigger.queue({ maxDeliveryAttempts: 0 })))).toMatch(/maxDeliveryAttempts must be a whole number from 1 to 1000 on AWS \(got 0\)/);
    template(stack).resourceCountIs('AWS::SQS::Queue', 0);
  });

  test('passes unresolved tokens through', () => {
    const { stack } = awsStack();
    const { Lazy } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
    new EventDrivenFunction(stack, 'Fn', { ...base, memoryMb: Lazy.number({ produce: () => 1024 }) });
    template(stack).hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024 });
  });
});

describe('regressions found by the fuzz tests (test/fuzz)', () => {
  const { CfnParameter } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');

  test('fails when an HTTP trigger path is a token, which every cloud writes into its routing at synth', () => {
    const { stack } = awsStack();
    const path = new CfnParameter(stack, 'RoutePath').valueAsString;
    // Before: aws-cdk-lib threw «RoutePathAlwaysStart», not the Cirrus error.
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.http({ path })] }))
      .toThrow(/orders-aws\/Fn: triggers\[0\]\.path cannot be an unresolved token/);
  });

  test('fails when timeoutSeconds is a token and the function has a queue trigger (visibility timeout is 6x the timeout)', () => {
    const { stack } = awsStack();
    const timeoutSeconds = new CfnParameter(stack, 'Timeout', { type: 'Number' }).valueAsNumber;
    // Before: aws-cdk-lib threw «DurationAmountsCannotNegative» computing the queue's visibility timeout.
    let error: unknown;
    try {
      new EventDrivenFunction(stack, 'Fn', { ...base, timeoutSeconds, triggers: [Trigger.queue()] });
    } catch (e) {
      error = e;
    }
    expect(CirrusErrors.isValidationError(error)).toBe(true);
    expect(String(error)).toMatch(/timeoutSeconds cannot be an unresolved token on AWS with a queue trigger/);
  });

  test('a construct id outside Latin-1 still gives IAM role descriptions CloudFormation accepts', () => {
    const { app, stack } = awsStack();
    // Before: F3031 Description 'Execution role of orders-aws/(𐄨𑚠' does not match the IAM pattern.
    new EventDrivenFunction(stack, '(𐄨𑚠', { ...base, triggers: [Trigger.schedule(Schedule.everyHours(1))] });
    template(stack).hasResourceProperties('AWS::IAM::Role', { Description: 'Execution role of orders-aws/(??' });
    expect(validationViolations(app)).toEqual([]);
  });
});
