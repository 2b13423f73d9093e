import * as vm from 'vm';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CirrusValidationError, CloudProvider, EdgeCodeKind, EdgeEventType, EdgeFunction, EdgeOrigin, EdgeRule, EventDrivenFunction,
  FunctionCode, FunctionRuntime, HttpAuth, Trigger,
} from '../../../../index';
import { awsStack, validationViolations } from '../../../helpers/aws';

const API_CODE = FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });');
const VIEWER_CODE = 'function handler(event) {\n  var request = event.request;\n  request.headers["x-segment"] = { value: "returning" };\n  return request;\n}\n';
const EDGE_LAMBDA = FunctionCode.fromInline('exports.handler = async (event) => event.Records[0].cf.request;');

function api(stack: Stack, auth = HttpAuth.PUBLIC): EventDrivenFunction {
  return new EventDrivenFunction(stack, 'Api', { runtime: FunctionRuntime.NODEJS_22, code: API_CODE, handler: 'index.handler', triggers: [Trigger.http({ auth })] });
}

function usEast1(): { app: App; stack: Stack } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-cdk-')) });
  return { app, stack: new Stack(app, 'edge-aws', { env: { region: 'us-east-1', account: '123456789012' } }) };
}

/** The FunctionCode of the one CloudFront Function associated at `eventType`. */
function cloudFrontFunctionCode(t: Template, eventType: string): string {
  const dist = Object.values(t.findResources('AWS::CloudFront::Distribution'))[0] as any;
  const assoc = dist.Properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations.find((a: any) => a.EventType === eventType);
  const logicalId = assoc.FunctionARN['Fn::GetAtt'][0];
  return t.toJSON().Resources[logicalId].Properties.FunctionCode;
}

describe('EdgeFunction on AWS', () => {
  test('renders a CloudFront distribution in front of the function\'s HTTP API: HTTPS only, TLS 1.2 to the origin, access logs', () => {
    const { app, stack } = awsStack();
    const edge = new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(api(stack)) });
    expect(edge.provider).toBe(CloudProvider.AWS);
    expect(edge.codeRunsAtEdge).toBe(false);
    expect(edge.regionalFunctions).toEqual([]);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CloudFront::Distribution', 1);
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Enabled: true,
        HttpVersion: 'http2and3',
        Origins: [{
          DomainName: { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiHttpApi'), 'ApiEndpoint'] }] }] },
          CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
        }],
        DefaultCacheBehavior: {
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
          // Managed policies: UseOriginCacheControlHeaders-QueryStrings and AllViewerExceptHostHeader.
          CachePolicyId: '4cc15a8a-d715-48a4-82b8-cc0b614638fe',
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
          FunctionAssociations: Match.absent(),
          LambdaFunctionAssociations: Match.absent(),
          ResponseHeadersPolicyId: Match.absent(),
        },
        Logging: { Bucket: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EdgeAccessLogs'), 'RegionalDomainName'] }, Prefix: 'cloudfront/' },
        ViewerCertificate: Match.absent(),
      },
    });
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }] },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    expect(stack.resolve(edge.url)).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['EdgeDistribution0060737B', 'DomainName'] }]] });
    expect(validationViolations(app)).toEqual([]);
  });

  test('a URL origin is used as is; accessLogs: false leaves logging off', () => {
    const { stack } = awsStack();
    new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromUrl('https://shop.example.com'), accessLogs: false });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { Origins: [Match.objectLike({ DomainName: 'shop.example.com' })], Logging: Match.absent() },
    });
    t.resourceCountIs('AWS::S3::Bucket', 0);
  });

  test('request rules compile to a cloudfront-js-2.0 function at viewer-request whose code parses and runs', () => {
    const { app, stack } = awsStack();
    new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('https://shop.example.com'),
      rules: [EdgeRule.redirect('/old', '/new', 301), EdgeRule.rewritePath('/api/', '/v2/'), EdgeRule.setRequestHeader('X-Edge', 'cirrus')],
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CloudFront::Function', 1);
    t.hasResourceProperties('AWS::CloudFront::Function', { AutoPublish: true, FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
    const code = cloudFrontFunctionCode(t, 'viewer-request');
    expect(() => new vm.Script(code)).not.toThrow();
    const handler = vm.runInNewContext(`${code}\n;handler`, {});
    const request = (uri: string) => ({ request: { uri, method: 'GET', querystring: { q: { value: '1' } }, headers: {}, cookies: {} } });
    expect(handler(request('/old'))).toMatchObject({ statusCode: 301, headers: { location: { value: '/new?q=1' } } });
    expect(handler(request('/api/items'))).toMatchObject({ uri: '/v2/items', headers: { 'x-edge': { value: 'cirrus' } } });
    t.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 0);
    expect(validationViolations(app)).toEqual([]);
  });

  test('response rules become a response headers policy: security headers in their config, others custom, removals', () => {
    const { app, stack } = awsStack();
    new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('https://shop.example.com'),
      rules: [
        EdgeRule.setResponseHeader('x-frame-options', 'DENY'),
        EdgeRule.setResponseHeader('strict-transport-security', 'max-age=31536000; includeSubDomains'),
        EdgeRule.setResponseHeader('x-served-by', 'cirrus'),
        EdgeRule.removeResponseHeader('x-powered-by'),
      ],
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CloudFront::Function', 0);
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        Name: Match.stringLikeRegexp('^eu-west-1-'),
        SecurityHeadersConfig: {
          FrameOptions: { FrameOption: 'DENY', Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Preload: false, Override: true },
        },
        CustomHeadersConfig: { Items: [{ Header: 'x-served-by', Value: 'cirrus', Override: true }] },
        RemoveHeadersConfig: { Items: [{ Header: 'x-powered-by' }] },
      },
    });
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { DefaultCacheBehavior: { ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('^EdgeResponseHeaders') } } },
    });
    expect(validationViolations(app)).toEqual([]);
  });

  test('custom viewer-request code runs as a CloudFront Function after the rules, in any region', () => {
    const { app, stack } = awsStack();
    const edge = new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('https://shop.example.com'),
      rules: [EdgeRule.redirect('/old', '/new')],
      code: FunctionCode.fromInline(VIEWER_CODE),
      eventType: EdgeEventType.VIEWER_REQUEST,
    });
    expect(edge.codeRunsAtEdge).toBe(true);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CloudFront::Function', 1);
    t.resourceCountIs('AWS::Lambda::Function', 0);
    const code = cloudFrontFunctionCode(t, 'viewer-request');
    expect(code).toContain(VIEWER_CODE.trim());
    const handler = vm.runInNewContext(`${code}\n;handler`, {});
    expect(handler({ request: { uri: '/x', querystring: {}, headers: {} } }).headers).toEqual({ 'x-segment': { value: 'returning' } });
    expect(handler({ request: { uri: '/old', querystring: {}, headers: {} } }).statusCode).toBe(302);
    expect(validationViolations(app)).toEqual([]);
  });

  test('custom viewer-response code is its own CloudFront Function at viewer-response, next to the request rules', () => {
    const { stack } = awsStack();
    const response = 'function handler(event) { var r = event.response; r.headers["x-edge"] = { value: "1" }; return r; }';
    new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('https://shop.example.com'),
      rules: [EdgeRule.setRequestHeader('x-a', 'b')],
      code: FunctionCode.fromInline(response),
      eventType: EdgeEventType.VIEWER_RESPONSE,
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CloudFront::Function', 2);
    expect(cloudFrontFunctionCode(t, 'viewer-response')).toBe(response);
    expect(cloudFrontFunctionCode(t, 'viewer-request')).toMatch(/CIRRUS_REQUEST_HEADERS/);
  });

  test('origin-event code runs as Lambda@Edge: us-east-1, published version, edgelambda trust, no environment, replica log permissions', () => {
    const { app, stack } = usEast1();
    new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromFunction(api(stack)),
      rules: [EdgeRule.setResponseHeader('x-frame-options', 'DENY')],
      code: EDGE_LAMBDA,
      eventType: EdgeEventType.ORIGIN_REQUEST,
      timeoutSeconds: 10,
      memoryMb: 256,
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.stringLikeRegexp('^edge-edge-aws-edge-[0-9a-f]{8}$'),
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 10,
      Environment: Match.absent(),
      Code: { ZipFile: 'exports.handler = async (event) => event.Records[0].cf.request;' },
    });
    t.hasResourceProperties('AWS::Lambda::Version', { FunctionName: { Ref: Match.stringLikeRegexp('^EdgeEdgeLambda') } });
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultCacheBehavior: {
          LambdaFunctionAssociations: [{ EventType: 'origin-request', LambdaFunctionARN: { Ref: Match.stringLikeRegexp('^EdgeEdgeLambdaCurrentVersion') } }],
          FunctionAssociations: Match.absent(),
        },
      },
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } }),
          Match.objectLike({ Principal: { Service: 'edgelambda.amazonaws.com' } }),
        ],
      },
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:*:', { Ref: 'AWS::AccountId' }, Match.stringLikeRegexp('^:log-group:/aws/lambda/us-east-1\\.edge-edge-aws-edge-[0-9a-f]{8}:\\*$')]] },
        })]),
      },
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^/aws/lambda/edge-edge-aws-edge-'), RetentionInDays: 30 });
    expect(validationViolations(app)).toEqual([]);
  });

  test('awsCodeKind LAMBDA_AT_EDGE runs viewer code as Lambda@Edge with 128 MB and 5 s', () => {
    const { stack } = usEast1();
    new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('https://shop.example.com'), code: EDGE_LAMBDA, eventType: EdgeEventType.VIEWER_REQUEST, awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE,
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 128, Timeout: 5 });
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { DefaultCacheBehavior: { LambdaFunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })] } },
    });
  });

  test('custom domains use the ACM certificate with TLSv1.2_2021 and SNI', () => {
    const { app, stack } = awsStack();
    const edge = new EdgeFunction(stack, 'Edge', {
      origin: EdgeOrigin.fromUrl('https://shop.example.com'),
      domainNames: ['www.example.com'],
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['www.example.com'],
        ViewerCertificate: {
          AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      },
    });
    expect(edge.url).toBe('https://www.example.com');
    expect(validationViolations(app)).toEqual([]);
  });

  test('warns, on the EdgeFunction, about PRIVATE routes of the origin and unused regions', () => {
    const { stack } = awsStack();
    const fn = api(stack);
    fn.addTrigger(Trigger.http({ path: '/admin', auth: HttpAuth.PRIVATE }));
    new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(fn), code: FunctionCode.fromInline(VIEWER_CODE), regions: ['eu-west-1'] });
    const a = Annotations.fromStack(stack);
    a.hasWarning('/orders-aws/Edge', Match.stringLikeRegexp('HttpAuth.PRIVATE routes of orders-aws/Api \\(/admin\\) are not reachable through CloudFront'));
    a.hasWarning('/orders-aws/Edge', Match.stringLikeRegexp('regions is not used on AWS'));
  });

  test('fails when Lambda@Edge is declared in a stack outside us-east-1, naming the region', () => {
    const { stack } = awsStack();
    expect(() => new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromUrl('https://shop.example.com'), code: EDGE_LAMBDA, eventType: EdgeEventType.ORIGIN_RESPONSE }))
      .toThrow(/^orders-aws\/Edge: Lambda@Edge needs the stack region us-east-1 \(got "eu-west-1"\)/);
  });

  test('fails when the origin function only has PRIVATE (AWS_IAM) HTTP routes', () => {
    const { stack } = awsStack();
    const fn = api(stack, HttpAuth.PRIVATE);
    let error: unknown;
    try {
      new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromFunction(fn) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CirrusValidationError);
    expect((error as Error).message).toBe('orders-aws/Edge: origin: EdgeOrigin.fromFunction(orders-aws/Api) needs an HTTP trigger with auth: HttpAuth.PUBLIC on AWS: CloudFront cannot sign requests to an AWS_IAM (SigV4) HTTP API route, and its only HTTP triggers are HttpAuth.PRIVATE');
  });

  test('keeps logical ids stable', () => {
    const { stack } = usEast1();
    new EdgeFunction(stack, 'Personalize', {
      origin: EdgeOrigin.fromFunction(api(stack)),
      rules: [EdgeRule.setResponseHeader('x-frame-options', 'DENY'), EdgeRule.redirect('/old', '/new')],
      code: EDGE_LAMBDA,
      eventType: EdgeEventType.ORIGIN_REQUEST,
    });
    const ids = Object.entries(Template.fromStack(stack).toJSON().Resources)
      .filter(([id]) => id.startsWith('Personalize'))
      .map(([id, r]: [string, any]) => `${r.Type} ${id.replace(/CurrentVersion[0-9A-F]{8}[0-9a-f]{32}$/, 'CurrentVersion<hash>')}`);
    expect(ids.sort()).toMatchSnapshot();
  });
});
