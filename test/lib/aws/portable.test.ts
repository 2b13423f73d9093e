import { Match } from 'aws-cdk-lib/assertions';
import * as fs from 'fs';
import * as path from 'path';
import { EventDrivenFunction, FunctionCode, FunctionRuntime, HandlerApi, HttpMethod, Schedule, Trigger } from '../../../index';
import { awsStack, template, validationViolations } from '../../helpers/aws';
import { invokeNode, invokePython, payload, PORTABLE_FIXTURE } from '../../helpers/portable';

const portable = { code: FunctionCode.fromAsset(PORTABLE_FIXTURE), handler: 'index.handler', handlerApi: HandlerApi.PORTABLE };

/** The folder aws-cdk-lib staged as the function's code. */
function assetDir(app: any, stack: any, fnId: string): string {
  const assembly = app.synth();
  const fn = template(stack).findResources('AWS::Lambda::Function');
  const [, resource] = Object.entries<any>(fn).find(([id]) => id.startsWith(fnId))!;
  // The asset's staged folder is named after its hash, which the S3 key carries.
  const hash = String(resource.Properties.Code.S3Key).replace(/\.zip$/, '');
  return path.join(assembly.directory, `asset.${hash}`);
}

describe('portable handlers on AWS', () => {
  test('Node.js: Lambda calls Cirrus\'s adapter, which calls the user\'s export with the portable event and answers API Gateway and SQS natively', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Orders', {
      ...portable, runtime: FunctionRuntime.NODEJS_22,
      triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST] }), Trigger.queue({ batchSize: 10 }), Trigger.schedule(Schedule.everyHours(1))],
    });
    const t = template(stack);
    t.hasResourceProperties('AWS::Lambda::Function', { Handler: '_cirrus/entry.handler', Environment: { Variables: Match.objectLike({ CIRRUS_CLOUD: 'aws' }) } });
    // The schedule's input names the run, so the adapter knows it from any other event.
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ Input: JSON.stringify({ cirrus: { trigger: 'schedule', schedule: 'Schedule', scheduledTime: '<aws.scheduler.scheduled-time>', executionId: '<aws.scheduler.execution-id>' } }) }),
    });
    const dir = assetDir(app, stack, 'Orders');
    expect(fs.readdirSync(dir).sort()).toEqual(['_cirrus', 'index.js', 'index.py', 'node_modules']);
    expect(fs.readdirSync(path.join(dir, 'node_modules'))).toEqual(['cirrus-runtime']);

    const http = payload('aws-http-apigw-v2').payload;
    const response = invokeNode(dir, '_cirrus/entry.js', 'handler', [http, {}]).result;
    expect(response).toMatchObject({ statusCode: 200, headers: { 'x-cloud': 'aws', 'content-type': 'application/json' }, isBase64Encoded: false });
    expect(JSON.parse(response.body)).toMatchObject({ cloud: 'aws', method: http.requestContext.http.method, path: http.rawPath });

    const sqs = payload('aws-sqs').payload;
    sqs.Records[1].body = JSON.stringify({ fail: true });
    expect(invokeNode(dir, '_cirrus/entry.js', 'handler', [sqs, {}]).result).toEqual({ batchItemFailures: [{ itemIdentifier: sqs.Records[1].messageId }] });
    expect(validationViolations(app)).toEqual([]);
  });

  test('Python: cirrus_entry.handler wraps the user\'s async def; SQS partial failure', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Orders', { ...portable, runtime: FunctionRuntime.PYTHON_3_13, triggers: [Trigger.queue()] });
    template(stack).hasResourceProperties('AWS::Lambda::Function', { Handler: 'cirrus_entry.handler', Runtime: 'python3.13' });
    const dir = assetDir(app, stack, 'Orders');
    expect(fs.readdirSync(dir).sort()).toEqual(['cirrus_entry.py', 'cirrus_portable', 'cirrus_runtime', 'index.js', 'index.py']);
    const sqs = payload('aws-sqs').payload;
    sqs.Records[0].body = JSON.stringify({ fail: true });
    expect(invokePython(dir, 'cirrus_entry', 'handler', sqs).result).toEqual({ batchItemFailures: [{ itemIdentifier: sqs.Records[0].messageId }] });
    expect(invokePython(dir, 'cirrus_entry', 'handler', payload('aws-http-apigw-v2').payload).result).toMatchObject({ statusCode: 200, headers: { 'x-cloud': 'aws' } });
  });

  test('NATIVE (the default) leaves the package and handler as they were', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'Orders', { ...portable, handlerApi: undefined, runtime: FunctionRuntime.NODEJS_22, triggers: [Trigger.schedule(Schedule.everyHours(1))] });
    template(stack).hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Environment: Match.absent() });
    template(stack).hasResourceProperties('AWS::Scheduler::Schedule', { Target: Match.objectLike({ Input: Match.absent() }) });
  });

  test('fails when PORTABLE code is inline, a Python handler cannot be imported, or a route uses /_cirrus', () => {
    const { stack } = awsStack();
    expect(() => new EventDrivenFunction(stack, 'A', { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline('exports.handler = async () => 1'), handler: 'index.handler', handlerApi: HandlerApi.PORTABLE }))
      .toThrow('orders-aws/A: handlerApi PORTABLE needs FunctionCode.fromAsset(folder): Cirrus adds its adapter and the cirrus-runtime module beside your module, and inline code is a single file');
    expect(() => new EventDrivenFunction(stack, 'B', { ...portable, runtime: FunctionRuntime.NODEJS_22, triggers: [Trigger.http({ path: '/_cirrus/x' })] }))
      .toThrow(/triggers\[0\]\.path cannot start with \/_cirrus, which Cirrus reserves .* \(got "\/_cirrus\/x"\)/);
    expect(() => new EventDrivenFunction(stack, 'C', { ...portable, runtime: FunctionRuntime.NODEJS_22, handlerApi: 'portable-ish' as HandlerApi }))
      .toThrow('orders-aws/C: handlerApi must be HandlerApi.NATIVE or HandlerApi.PORTABLE (got "portable-ish")');
  });
});
