import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  EdgeFunction, EdgeOrigin, EdgeRule, EventDrivenFunction, FunctionCode, FunctionPlacement, FunctionRuntime, HttpAuth, Trigger,
} from '../../index';
import { validationViolations } from '../helpers/aws';

/** An EdgeFunction in the stack, in front of a function whose resources are in a nested stack. */
function edgeBeforeNested(place: (stack: Stack) => void): { app: App; stack: Stack; fn: EventDrivenFunction; edge: EdgeFunction } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-cdk-')) });
  const stack = new Stack(app, 'shop', { env: { region: 'eu-west-1', account: '123456789012' } });
  place(stack);
  const fn = new EventDrivenFunction(stack, 'Catalog', {
    runtime: FunctionRuntime.NODEJS_22,
    code: FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
    triggers: [Trigger.http({ auth: HttpAuth.PUBLIC })],
  });
  const edge = new EdgeFunction(stack, 'Front', { origin: EdgeOrigin.fromFunction(fn), rules: [EdgeRule.setResponseHeader('x-frame-options', 'DENY')] });
  return { app, stack, fn, edge };
}

/** The nested stack holding the function's Lambda resource. */
function homeOf(fn: EventDrivenFunction): Stack {
  return Stack.of(fn.node.defaultChild as lambda.Function);
}

describe.each([
  ['FunctionPlacement.nestedStacks(stack)', (stack: Stack) => FunctionPlacement.nestedStacks(stack)],
  ['the app context key', (stack: Stack) => stack.node.setContext('@cirrus/aws:nestedStacks', 4)],
])('an EdgeFunction in front of a function in a nested stack (%s)', (_label, place) => {
  test('the CloudFront origin is the HTTP API of the function, read across the nested stack boundary, and the app validates clean', () => {
    const { app, stack, fn } = edgeBeforeNested(place);
    const home = homeOf(fn);
    expect(home).toBeInstanceOf(NestedStack);
    expect(home.node.scope).toBe(stack);

    // The nested stack holds the function, its alias and the HTTP API whose integration invokes the alias.
    const nested = Template.fromStack(home);
    nested.resourceCountIs('AWS::Lambda::Function', 1);
    nested.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    const [aliasId] = Object.keys(nested.findResources('AWS::Lambda::Alias'));
    const [integration] = Object.values(nested.findResources('AWS::ApiGatewayV2::Integration')) as any[];
    expect(JSON.stringify(integration.Properties.IntegrationUri)).toContain(aliasId);
    // ... and hands the API's id out as an output of the nested template.
    const [apiId] = Object.keys(nested.findResources('AWS::ApiGatewayV2::Api'));
    const outputs = Object.entries<any>(nested.toJSON().Outputs ?? {}).filter(([, o]) => JSON.stringify(o.Value).includes(apiId));
    expect(outputs).toHaveLength(1);
    const [outputId] = outputs[0];

    // The distribution, in the parent, reads that output of the nested stack resource.
    const parent = Template.fromStack(stack);
    parent.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
    parent.resourceCountIs('AWS::Lambda::Function', 0);
    const [distribution] = Object.values(parent.findResources('AWS::CloudFront::Distribution')) as any[];
    const [origin] = distribution.Properties.DistributionConfig.Origins;
    const nestedLogicalId = stack.resolve((home.nestedStackResource as any).logicalId);
    expect(JSON.stringify(origin.DomainName)).toContain(JSON.stringify({ 'Fn::GetAtt': [nestedLogicalId, `Outputs.${outputId}`] }));
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });

    expect(validationViolations(app)).toEqual([]);
    const report = path.join(app.outdir, 'validation-report.json');
    if (fs.existsSync(report)) {
      expect(JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports.flatMap((r: any) => r.violations ?? [])).toEqual([]);
    }
  });

  test('the edge accepts the function as one of its stack, though its resources are nested', () => {
    const { edge, stack } = edgeBeforeNested(place);
    expect(Stack.of(edge)).toBe(stack);
    expect(Template.fromStack(stack).findResources('AWS::CloudFront::Distribution')).not.toEqual({});
  });
});
