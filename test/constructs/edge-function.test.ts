import * as vm from 'vm';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  AzureStack, CirrusErrors, CirrusValidationError, CloudProvider, EdgeEventType, EdgeFunction, EdgeOrigin, EdgeRule, EventDrivenFunction,
  FunctionCode, FunctionRuntime, GcpStack, HttpAuth, Trigger,
} from '../../index';

/** Custom code is cloud-native: a CloudFront Function on AWS, a regional HTTP handler module elsewhere. */
const CODE: Partial<Record<CloudProvider, string>> = {
  [CloudProvider.AWS]: 'function handler(event) { var r = event.request; r.headers["x-segment"] = { value: "new" }; return r; }',
  [CloudProvider.AZURE]: 'exports.handler = async (context, req) => { context.res = { body: req.url }; };',
  [CloudProvider.GCP]: 'exports.handler = async (req, res) => { res.send(process.env.CIRRUS_EDGE_ORIGIN_URL); };',
};

/** The contract's example, declared once for any scope. */
function personalize(scope: Construct, provider: CloudProvider): EdgeFunction {
  const fn = new EventDrivenFunction(scope, 'Catalog', {
    runtime: FunctionRuntime.NODEJS_22,
    code: FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
    triggers: [Trigger.http({ auth: HttpAuth.PUBLIC })],
  });
  return new EdgeFunction(scope, 'Personalize', {
    origin: EdgeOrigin.fromFunction(fn),
    rules: [EdgeRule.setResponseHeader('x-frame-options', 'DENY'), EdgeRule.redirect('/old', '/new', 301)],
    code: FunctionCode.fromInline(CODE[provider]!),
    eventType: EdgeEventType.VIEWER_REQUEST,
  });
}

function errorOf(build: () => unknown): CirrusValidationError {
  try {
    build();
  } catch (e) {
    expect(CirrusErrors.isValidationError(e)).toBe(true);
    return e as CirrusValidationError;
  }
  throw new Error('expected a CirrusValidationError');
}

describe('EdgeFunction (one declaration, three clouds)', () => {
  test('AWS: CloudFront distribution, generated viewer-request function running the rules then the code, headers policy', () => {
    const app = new App();
    const stack = new Stack(app, 'shop-aws', { env: { region: 'eu-west-1' } });
    const edge = personalize(stack, CloudProvider.AWS);
    expect(edge.codeRunsAtEdge).toBe(true);
    expect(edge.node.defaultChild).toBe(edge.node.findChild('Distribution'));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CloudFront::Distribution', 1);
    t.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 1);
    const fn = Object.values(t.findResources('AWS::CloudFront::Function'))[0] as any;
    const handler = vm.runInNewContext(`${fn.Properties.FunctionCode}\n;handler`, {});
    expect(handler({ request: { uri: '/old', querystring: {}, headers: {} } })).toMatchObject({ statusCode: 301, headers: { location: { value: '/new' } } });
    expect(handler({ request: { uri: '/x', querystring: {}, headers: {} } }).headers['x-segment']).toEqual({ value: 'new' });
    Annotations.fromStack(stack).hasNoWarning('/shop-aws/Personalize', Match.anyValue());
  });

  test.each([
    ['Azure', CloudProvider.AZURE, 'azurerm_cdn_frontdoor_profile', 'Profile'],
    ['GCP', CloudProvider.GCP, 'google_compute_url_map', 'UrlMap'],
  ])('%s: the edge resource is the escape hatch, and the code runs in a regional function with a warning', (_label, provider, type, child) => {
    const app = Testing.app();
    const stack = provider === CloudProvider.AZURE
      ? new AzureStack(app, 'shop-azure', { location: 'westeurope' })
      : new GcpStack(app, 'shop-gcp', { project: 'acme-prod', region: 'europe-west1' });
    const edge = personalize(stack, provider);
    expect(edge.provider).toBe(provider);
    expect(edge.codeRunsAtEdge).toBe(false);
    expect(edge.regionalFunctions).toHaveLength(1);
    expect(edge.node.defaultChild).toBe(edge.node.findChild(child));
    const tf = JSON.parse(Testing.synth(stack));
    expect(Object.keys(tf.resource[type])).toHaveLength(1);
    const warnings = edge.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings.join('\n')).toMatch(/custom code runs regionally, not at the edge/);
  });

  test('fails when several props are invalid, with every problem at once, naming the construct path', () => {
    const app = new App();
    const stack = new Stack(app, 'shop-aws', { env: { region: 'eu-west-1' } });
    const err = errorOf(() => new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('http://insecure.example.com'),
      rules: [EdgeRule.setRequestHeader('Host', 'x'), EdgeRule.redirect('/a', '/b', 300)],
      code: FunctionCode.fromInline('exports.handler = async () => 1;'),
      eventType: EdgeEventType.ORIGIN_REQUEST,
      environment: { A: 'b' },
    }));
    expect(err.constructPath).toBe('shop-aws/Edge');
    expect(err.problems).toHaveLength(5);
    expect(err.message.split('\n').every((line) => line.startsWith('shop-aws/Edge: '))).toBe(true);
    expect(err.message).toMatch(/origin must be EdgeOrigin.fromUrl/);
    expect(err.message).toMatch(/header "host" is managed by the edge itself/);
    expect(err.message).toMatch(/statusCode must be one of 301, 302, 303, 307, 308 \(got 300\)/);
    expect(err.message).toMatch(/environment cannot be set for Lambda@Edge/);
    expect(err.message).toMatch(/Lambda@Edge needs the stack region us-east-1 \(got "eu-west-1"\)/);
  });

  test('fails when the origin function lives in another stack', () => {
    const app = new App();
    const a = new Stack(app, 'a', { env: { region: 'us-east-1' } });
    const b = new Stack(app, 'b', { env: { region: 'us-east-1' } });
    const fn = new EventDrivenFunction(a, 'Api', {
      runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline('exports.handler = 1'), handler: 'index.handler', triggers: [Trigger.http({ auth: HttpAuth.PUBLIC })],
    });
    expect(() => new EdgeFunction(b, 'Edge', { origin: EdgeOrigin.fromFunction(fn) })).toThrow(/^b\/Edge: origin: EdgeOrigin.fromFunction\(a\/Api\) must name a function of this EdgeFunction's stack/);
  });

  test('fails when the origin function has no HTTP trigger', () => {
    const stack = new GcpStack(Testing.app(), 'shop-gcp', { project: 'acme-prod', region: 'europe-west1' });
    const fn = new EventDrivenFunction(stack, 'Worker', {
      runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline('exports.handler = 1'), handler: 'index.handler', triggers: [Trigger.queue()],
    });
    expect(() => new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(fn) }))
      .toThrow('shop-gcp/Edge: origin: EdgeOrigin.fromFunction(shop-gcp/Worker) needs a function with an HTTP trigger (Trigger.http); it has none');
  });

  test('fails when placed outside a Cirrus-supported stack', () => {
    expect(() => new EdgeFunction(new App(), 'Edge', { origin: EdgeOrigin.fromUrl('https://x.example.com') })).toThrow(/must be placed inside an aws-cdk-lib Stack/);
  });
});
