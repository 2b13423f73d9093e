import { Match } from 'aws-cdk-lib/assertions';
import { EventDrivenFunction, EventDrivenFunctionProps, FunctionCode, FunctionRuntime, HttpAuth, Trigger } from '../../index';
import { awsStack, template, validationViolations } from '../helpers/aws';
import { loadAzureNodeApp, triggerBinding } from '../helpers/azure-functions-host';
import { azureStack, deployedZip, resource, synthJson } from '../helpers/terraform';

const props = (extra: Partial<EventDrivenFunctionProps> = {}): EventDrivenFunctionProps => ({
  runtime: FunctionRuntime.NODEJS_22,
  code: FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  handler: 'index.handler',
  ...extra,
});

describe('EventDrivenFunction region', () => {
  test('Azure: the function app, its plan, storage, identity and Application Insights run in region; shared resources stay in the stack location', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Fn', props({ region: 'northeurope', triggers: [Trigger.queue()] }));
    const tf = synthJson(stack);
    for (const type of ['azurerm_function_app_flex_consumption', 'azurerm_service_plan', 'azurerm_storage_account', 'azurerm_user_assigned_identity', 'azurerm_application_insights']) {
      expect({ type, location: resource(tf, type).location }).toEqual({ type, location: 'northeurope' });
    }
    expect(resource(tf, 'azurerm_log_analytics_workspace').location).toBe('westeurope');
    expect(resource(tf, 'azurerm_servicebus_namespace').location).toBe('westeurope');
  });

  test('GCP: the function and its invoker grant run in region, with an image repository of that region', () => {
    const { gcpStack, synthJson: gcpSynth } = require('../helpers/terraform') as typeof import('../helpers/terraform');
    const { stack } = gcpStack();
    new EventDrivenFunction(stack, 'Fn', props({ region: 'us-central1', triggers: [Trigger.http({ auth: HttpAuth.PUBLIC })] }));
    const tf = gcpSynth(stack);
    const fn = resource(tf, 'google_cloudfunctions2_function');
    expect(fn.location).toBe('us-central1');
    const repo = resource(tf, 'google_artifact_registry_repository');
    expect(repo.location).toBe('us-central1');
    expect(resource(tf, 'google_cloud_run_v2_service_iam_member').location).toBe('us-central1');
    expect(resource(tf, 'google_storage_bucket').location).toBe('europe-west1');
  });

  test('fails when region is set on AWS, or is not a region name of the cloud', () => {
    expect(() => new EventDrivenFunction(awsStack().stack, 'Fn', props({ region: 'us-east-1' })))
      .toThrow('orders-aws/Fn: region cannot be set on AWS: a Lambda function runs in the region of its Stack; create the function in a Stack of that region (got "us-east-1")');
    expect(() => new EventDrivenFunction(azureStack().stack, 'Fn', props({ region: 'North Europe' })))
      .toThrow(/^orders-azure\/Fn: region must be an Azure region name such as "westeurope" \(got "North Europe"\)/);
  });
});

describe('Trigger.http greedy path', () => {
  test('AWS: /{proxy+} is an HTTP API route with a greedy path variable, free of validation findings', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', props({ triggers: [Trigger.http({ path: '/files/{proxy+}' })] }));
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /files/{proxy+}', AuthorizationType: 'AWS_IAM' });
    template(stack).hasResourceProperties('AWS::Lambda::Permission', { SourceArn: Match.anyValue() });
    expect(validationViolations(app)).toEqual([]);
  });

  test('Azure: /{proxy+} becomes the catch-all route {*proxy} of the HTTP trigger', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Fn', props({ triggers: [Trigger.http({ path: '/{proxy+}', auth: HttpAuth.PUBLIC })] }));
    const binding = triggerBinding(loadAzureNodeApp(deployedZip(stack, synthJson(stack))).get('Http')!);
    expect(binding).toMatchObject({ type: 'httpTrigger', route: '{*proxy}' });
  });

  test('fails when a greedy parameter is not the last segment', () => {
    expect(() => new EventDrivenFunction(awsStack().stack, 'Fn', props({ triggers: [Trigger.http({ path: '/{proxy+}/more' })] })))
      .toThrow(/triggers\[0\]\.path must start with "\/" and hold segments .* optionally ending in one greedy \{parameter\+\} \(got "\/\{proxy\+\}\/more"\)/);
  });
});

describe('timeoutSeconds tokens the Terraform clouds need as numbers at synth', () => {
  test('fails when timeoutSeconds is a token on Azure (host.json in the package) or on GCP with an event trigger', () => {
    const { TerraformVariable } = require('cdktf') as typeof import('cdktf');
    const { stack: azure } = azureStack();
    const azureTimeout = new TerraformVariable(azure, 'timeout', { type: 'number' }).numberValue;
    expect(() => new EventDrivenFunction(azure, 'Fn', props({ timeoutSeconds: azureTimeout })))
      .toThrow(/timeoutSeconds cannot be an unresolved token on Azure: it is written into host\.json/);
    const { gcpStack } = require('../helpers/terraform') as typeof import('../helpers/terraform');
    const { stack: gcp } = gcpStack();
    const gcpTimeout = new TerraformVariable(gcp, 'timeout', { type: 'number' }).numberValue;
    expect(() => new EventDrivenFunction(gcp, 'Sched', props({ timeoutSeconds: gcpTimeout, triggers: [Trigger.queue()] })))
      .toThrow(/timeoutSeconds cannot be an unresolved token on GCP with an event trigger/);
    // An HTTP-only function on GCP passes the token through.
    expect(() => new EventDrivenFunction(gcp, 'Api', props({ timeoutSeconds: gcpTimeout, triggers: [Trigger.http()] }))).not.toThrow();
  });
});
