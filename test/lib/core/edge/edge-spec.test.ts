import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudProvider } from '../../../../lib/core/cloud-provider';
import { buildEdgeSpec, EdgeCodePlacement, EdgeContext, EdgeInput, OriginFunctionFacts } from '../../../../lib/core/edge/edge-spec';
import {
  CirrusValidationError, EdgeCodeKind, EdgeEventType, EdgeOrigin, EdgeRule, FunctionCode, FunctionRuntime, HttpAuth,
} from '../../../../index';

const ORIGIN = EdgeOrigin.fromUrl('https://origin.example.com');
const CF_CODE = FunctionCode.fromInline('function handler(event) { return event.request; }');
const LAMBDA_CODE = FunctionCode.fromInline('exports.handler = async (event) => event.Records[0].cf.request;');
const REGION: Record<CloudProvider, string> = { aws: 'us-east-1', azure: 'westeurope', gcp: 'europe-west1', local: 'local' };

function build(cloud: CloudProvider, input: Partial<EdgeInput>, ctx: Partial<EdgeContext> = {}) {
  return buildEdgeSpec(cloud, 'stack/Edge', { origin: ORIGIN, ...input }, { stackRegion: REGION[cloud], ...ctx });
}

/** The problems of the CirrusValidationError thrown by `fn`. */
function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CirrusValidationError);
    const err = e as CirrusValidationError;
    expect(err.constructPath).toBe('stack/Edge');
    return err.problems;
  }
  throw new Error('expected a CirrusValidationError');
}

const CLOUDS = [CloudProvider.AWS, CloudProvider.AZURE, CloudProvider.GCP];

describe('EdgeRule normalisation', () => {
  test.each(CLOUDS)('%s: header names are lowercased, redirects default to 302 and keep their order', (cloud) => {
    const spec = build(cloud, {
      rules: [
        EdgeRule.setRequestHeader('X-Edge', 'one'),
        EdgeRule.setResponseHeader('X-Team', 'edge'),
        EdgeRule.removeResponseHeader('X-Powered-By'),
        EdgeRule.redirect('/b', '/c'),
        EdgeRule.redirect('/a', 'https://Example.com/new', 308),
        EdgeRule.rewritePath('/api/', '/v2/'),
      ],
    });
    expect(spec.requestHeaders).toEqual([{ name: 'x-edge', value: 'one' }]);
    expect(spec.responseHeaders).toEqual([{ name: 'x-team', value: 'edge' }]);
    expect(spec.removeResponseHeaders).toEqual(['x-powered-by']);
    expect(spec.redirects).toEqual([
      { fromPath: '/b', toUrl: '/c', statusCode: 302, host: undefined, path: '/c' },
      { fromPath: '/a', toUrl: 'https://Example.com/new', statusCode: 308, host: 'example.com', path: '/new' },
    ]);
    expect(spec.rewrites).toEqual([{ fromPrefix: '/api/', toPrefix: '/v2/' }]);
    expect(spec.accessLogs).toBe(true);
  });

  test('fails when several rules are invalid, listing every problem at once', () => {
    const problems = problemsOf(() => build(CloudProvider.AWS, {
      rules: [
        EdgeRule.setRequestHeader('bad header', 'x'),
        EdgeRule.setResponseHeader('x-a', 'line\nbreak'),
        EdgeRule.redirect('old', '/new'),
        EdgeRule.redirect('/q', '/new?x=1'),
        EdgeRule.redirect('/s', '/new', 304),
        EdgeRule.rewritePath('/a/', 'b/'),
        'not a rule' as unknown as EdgeRule,
      ],
    }));
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/^rules\[0\] \(EdgeRule.setRequestHeader\("bad header", "x"\)\) has an invalid header name/m);
    expect(problems.join('\n')).toMatch(/invalid header value/);
    expect(problems.join('\n')).toMatch(/fromPath must be a URL path starting with "\/".*\(got "old"\)/);
    expect(problems.join('\n')).toMatch(/^rules\[3\] \(EdgeRule.redirect\("\/q", "\/new\?x=1", 302\)\) toUrl must be a URL path .*\(got "\/new\?x=1"\)$/m);
    expect(problems.join('\n')).toMatch(/statusCode must be one of 301, 302, 303, 307, 308 \(got 304\)/);
    expect(problems.join('\n')).toMatch(/toPrefix must be a URL path/);
    expect(problems.join('\n')).toMatch(/rules\[6\] must be made with EdgeRule/);
  });

  test.each([
    [CloudProvider.AWS, 'host', /managed by the edge itself on every cloud/],
    [CloudProvider.AWS, 'x-amz-cf-id', /reserved by CloudFront \(x-amz-\* headers/],
    [CloudProvider.AZURE, 'X-Azure-FDID', /reserved by Azure Front Door/],
    [CloudProvider.GCP, 'x-goog-api-key', /reserved by Cloud Load Balancing/],
  ])('fails on %s when a rule sets the reserved header %s', (cloud, name, message) => {
    expect(problemsOf(() => build(cloud, { rules: [EdgeRule.setRequestHeader(name, 'v')] })).join('\n')).toMatch(message);
  });

  test('fails on AWS when a rule removes a header CloudFront keeps read-only', () => {
    expect(problemsOf(() => build(CloudProvider.AWS, { rules: [EdgeRule.removeResponseHeader('content-encoding')] })))
      .toEqual(['rules[0] (EdgeRule.removeResponseHeader("content-encoding")): header "content-encoding" is read-only in CloudFront responses and cannot be removed']);
    expect(() => build(CloudProvider.GCP, { rules: [EdgeRule.removeResponseHeader('content-encoding')] })).not.toThrow();
  });

  test('fails when one response header is both set and removed, or a request header is set twice', () => {
    const problems = problemsOf(() => build(CloudProvider.GCP, {
      rules: [
        EdgeRule.setResponseHeader('x-a', '1'), EdgeRule.removeResponseHeader('X-A'),
        EdgeRule.setRequestHeader('x-b', '1'), EdgeRule.setRequestHeader('x-b', '2'),
      ],
    }));
    expect(problems).toEqual([
      'rules[1] (EdgeRule.removeResponseHeader("X-A")) conflicts with EdgeRule.setResponseHeader("x-a", "1"): one rule per response header',
      'rules[3] (EdgeRule.setRequestHeader("x-b", "2")) sets request header "x-b" a second time',
    ]);
  });

  test('fails on Azure and GCP when a header value holds {…}, which they read as a variable', () => {
    const rule = EdgeRule.setRequestHeader('x-client', '{client_ip}');
    expect(() => build(CloudProvider.AWS, { rules: [rule] })).not.toThrow();
    expect(problemsOf(() => build(CloudProvider.AZURE, { rules: [rule] }))[0]).toMatch(/Front Door server variable/);
    expect(problemsOf(() => build(CloudProvider.GCP, { rules: [rule] }))[0]).toMatch(/load balancer header variable/);
  });

  test('fails on Azure when a redirect is a 303 or from "/", which Front Door cannot express', () => {
    const rules = [EdgeRule.redirect('/other', '/x', 303), EdgeRule.redirect('/', '/home')];
    const problems = problemsOf(() => build(CloudProvider.AZURE, { rules }));
    expect(problems).toEqual([
      expect.stringMatching(/^rules\[0\] \(EdgeRule.redirect\("\/other", "\/x", 303\)\) cannot be expressed on Azure: Front Door redirects with 301, 302, 307 or 308/),
      expect.stringMatching(/^rules\[1\] \(EdgeRule.redirect\("\/", "\/home", 302\)\) cannot be expressed on Azure: a Front Door URL path condition/),
    ]);
    expect(() => build(CloudProvider.AWS, { rules })).not.toThrow();
    expect(() => build(CloudProvider.GCP, { rules })).not.toThrow();
  });

  test('fails on Azure when the rules need more than 100 Front Door rules', () => {
    const rules = Array.from({ length: 101 }, (_, i) => EdgeRule.redirect(`/p${i}`, '/x'));
    expect(problemsOf(() => build(CloudProvider.AZURE, { rules }))).toEqual(['rules compile to 101 Front Door rules; a rule set holds at most 100']);
  });
});

describe('AWS response headers', () => {
  test('security headers go to the security headers config, others to custom headers', () => {
    const spec = build(CloudProvider.AWS, {
      rules: [
        EdgeRule.setResponseHeader('X-Frame-Options', 'sameorigin'),
        EdgeRule.setResponseHeader('strict-transport-security', 'max-age=63072000; includeSubDomains; preload'),
        EdgeRule.setResponseHeader('x-content-type-options', 'nosniff'),
        EdgeRule.setResponseHeader('referrer-policy', 'strict-origin-when-cross-origin'),
        EdgeRule.setResponseHeader('content-security-policy', "default-src 'self'"),
        EdgeRule.setResponseHeader('x-xss-protection', '1; mode=block'),
        EdgeRule.setResponseHeader('cache-control', 'no-store'),
        EdgeRule.removeResponseHeader('server'),
      ],
    });
    expect(spec.awsResponseHeaders).toEqual({
      security: {
        frameOptions: 'SAMEORIGIN',
        strictTransportSecurity: { maxAgeSeconds: 63072000, includeSubdomains: true, preload: true },
        contentTypeOptions: true,
        referrerPolicy: 'strict-origin-when-cross-origin',
        contentSecurityPolicy: "default-src 'self'",
        xssProtection: { protection: true, modeBlock: true, reportUri: undefined },
      },
      custom: [{ name: 'cache-control', value: 'no-store' }],
      remove: ['server'],
    });
  });

  test('fails on AWS, and only there, when a security header value is outside what CloudFront can express', () => {
    const rules = [
      EdgeRule.setResponseHeader('x-frame-options', 'ALLOW-FROM https://a.example'),
      EdgeRule.setResponseHeader('strict-transport-security', 'max-age=abc'),
      EdgeRule.setResponseHeader('referrer-policy', 'everywhere'),
    ];
    const problems = problemsOf(() => build(CloudProvider.AWS, { rules }));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('EdgeRule.setResponseHeader("x-frame-options", "ALLOW-FROM https://a.example") cannot be expressed on AWS: CloudFront sets x-frame-options only through its security headers config, which accepts DENY or SAMEORIGIN');
    expect(() => build(CloudProvider.AZURE, { rules })).not.toThrow();
    expect(() => build(CloudProvider.GCP, { rules })).not.toThrow();
  });
});

describe('EdgeOrigin', () => {
  test.each(CLOUDS)('%s: fromUrl takes https://host, with or without a trailing slash or :443', (cloud) => {
    for (const url of ['https://Origin.Example.com', 'https://origin.example.com/', 'https://origin.example.com:443']) {
      expect(build(cloud, { origin: EdgeOrigin.fromUrl(url) }).origin).toMatchObject({ host: 'origin.example.com', url: 'https://origin.example.com' });
    }
  });

  test.each(['http://origin.example.com', 'https://origin.example.com/path', 'https://origin.example.com:8443', 'origin.example.com', 'https://x?y=1'])(
    'fails when the origin URL is %s', (url) => {
      expect(problemsOf(() => build(CloudProvider.AWS, { origin: EdgeOrigin.fromUrl(url) }))[0]).toMatch(/^origin must be EdgeOrigin.fromUrl\("https:\/\/<host>"\)/);
    });

  test('a token URL is not validated; its host is derived at deploy time', () => {
    const spec = build(CloudProvider.GCP, { origin: EdgeOrigin.fromUrl('${TfToken[TOKEN.1]}') });
    expect(spec.origin).toEqual({ kind: 'url', url: '${TfToken[TOKEN.1]}' });
  });

  const facts = (f: Partial<OriginFunctionFacts>): OriginFunctionFacts => ({
    provider: CloudProvider.AWS, constructPath: 'stack/Api', sameStack: true, httpTriggers: [{ path: '/', auth: HttpAuth.PUBLIC }], ...f,
  });
  const fnOrigin = EdgeOrigin.fromFunction({} as never);

  test('fails when the origin function has no HTTP trigger', () => {
    expect(problemsOf(() => build(CloudProvider.AWS, { origin: fnOrigin }, { originFunction: facts({ httpTriggers: [] }) })))
      .toEqual(['origin: EdgeOrigin.fromFunction(stack/Api) needs a function with an HTTP trigger (Trigger.http); it has none']);
  });

  test.each([
    [CloudProvider.AWS, /CloudFront cannot sign requests to an AWS_IAM/],
    [CloudProvider.AZURE, /Front Door does not send function keys/],
    [CloudProvider.GCP, /load balancer does not send identity tokens/],
  ])('fails on %s when the origin function has only PRIVATE HTTP triggers', (cloud, why) => {
    const problems = problemsOf(() => build(cloud, { origin: fnOrigin }, { originFunction: facts({ provider: cloud, httpTriggers: [{ path: '/', auth: HttpAuth.PRIVATE }] }) }));
    expect(problems[0]).toMatch(/needs an HTTP trigger with auth: HttpAuth.PUBLIC/);
    expect(problems[0]).toMatch(why);
  });

  test('warns when some of the origin function\'s routes are PRIVATE', () => {
    const spec = build(CloudProvider.AWS, { origin: fnOrigin }, {
      originFunction: facts({ httpTriggers: [{ path: '/', auth: HttpAuth.PUBLIC }, { path: '/admin', auth: HttpAuth.PRIVATE }] }),
    });
    expect(spec.warnings).toEqual(['origin: the HttpAuth.PRIVATE routes of stack/Api (/admin) are not reachable through CloudFront, which sends requests without credentials']);
  });

  test('fails when the origin function belongs to another stack', () => {
    expect(problemsOf(() => build(CloudProvider.AWS, { origin: fnOrigin }, { originFunction: facts({ sameStack: false }) }))[0])
      .toMatch(/must name a function of this EdgeFunction's stack \(it renders for AWS in another stack\)/);
  });
});

describe('custom code on AWS', () => {
  test('viewer events default to a CloudFront Function, origin events to Lambda@Edge with its limits', () => {
    const viewer = build(CloudProvider.AWS, { code: CF_CODE });
    expect(viewer.code).toMatchObject({ placement: EdgeCodePlacement.CLOUDFRONT_FUNCTION, eventType: EdgeEventType.VIEWER_REQUEST });
    expect(viewer.cloudFrontFunctions).toEqual([{ eventType: EdgeEventType.VIEWER_REQUEST, source: 'function handler(event) { return event.request; }' }]);

    const origin = build(CloudProvider.AWS, { code: LAMBDA_CODE, eventType: EdgeEventType.ORIGIN_RESPONSE });
    expect(origin.code).toMatchObject({ placement: EdgeCodePlacement.LAMBDA_AT_EDGE, memoryMb: 128, timeoutSeconds: 30, lambdaRuntimeId: 'nodejs22.x' });
    expect(origin.cloudFrontFunctions).toEqual([]);

    const forced = build(CloudProvider.AWS, { code: LAMBDA_CODE, eventType: EdgeEventType.VIEWER_REQUEST, awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE });
    expect(forced.code).toMatchObject({ placement: EdgeCodePlacement.LAMBDA_AT_EDGE, memoryMb: 128, timeoutSeconds: 5 });
  });

  test('fails when a CloudFront Function is asked for an origin event (viewer events only)', () => {
    expect(problemsOf(() => build(CloudProvider.AWS, { code: CF_CODE, eventType: EdgeEventType.ORIGIN_REQUEST, awsCodeKind: EdgeCodeKind.CLOUDFRONT_FUNCTION })))
      .toEqual([expect.stringMatching(/^awsCodeKind EdgeCodeKind.CLOUDFRONT_FUNCTION cannot run on origin-request: CloudFront Functions serve viewer events only/)]);
  });

  test('fails when the CloudFront Function is larger than 10 KB, with and without the rules', () => {
    const big = FunctionCode.fromInline(`function handler(event) { return event.request; }\n// ${'x'.repeat(10300)}\n`);
    expect(problemsOf(() => build(CloudProvider.AWS, { code: big }))[0])
      .toMatch(/^code make a CloudFront Function of 10\d\d\d bytes; CloudFront Functions allow 10240 bytes \(10 KB\): shorten it, or set awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE$/);
    const almost = FunctionCode.fromInline(`function handler(event) { return event.request; }\n// ${'x'.repeat(10000)}\n`);
    expect(() => build(CloudProvider.AWS, { code: almost })).not.toThrow();
    expect(problemsOf(() => build(CloudProvider.AWS, { code: almost, rules: [EdgeRule.redirect('/a', '/b')] }))[0])
      .toMatch(/^code plus the compiled request rules \(viewer-request\) make a CloudFront Function of/);
  });

  test('fails when CloudFront Function code is not valid JavaScript or has no handler', () => {
    expect(problemsOf(() => build(CloudProvider.AWS, { code: FunctionCode.fromInline('function handler(event) { return event.request; ') }))[0])
      .toMatch(/^code is not valid JavaScript for a CloudFront Function: /);
    expect(problemsOf(() => build(CloudProvider.AWS, { code: FunctionCode.fromInline('function main(event) { return event.request; }') })))
      .toEqual(['code must define `function handler(event)`: CloudFront Functions call the function named handler']);
  });

  test('fails when a CloudFront Function gets memory, a timeout, environment variables, Python or another export', () => {
    const problems = problemsOf(() => build(CloudProvider.AWS, {
      code: CF_CODE, memoryMb: 128, timeoutSeconds: 1, environment: { A: 'b' }, runtime: FunctionRuntime.PYTHON_3_13, handler: 'index.main',
    }));
    expect(problems).toEqual([
      expect.stringMatching(/^runtime must be a Node.js runtime for a CloudFront Function/),
      expect.stringMatching(/^memoryMb cannot be set for a CloudFront Function/),
      expect.stringMatching(/^timeoutSeconds cannot be set for a CloudFront Function/),
      'environment cannot be set for a CloudFront Function: CloudFront Functions have no environment variables (got A)',
      'handler must be "<file>.handler" for a CloudFront Function, which always calls the function named handler (got "index.main")',
    ]);
  });

  test('reads CloudFront Function code from an asset folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-cf-'));
    fs.writeFileSync(path.join(dir, 'edge.js'), 'function handler(event) { return event.response; }\n');
    const spec = build(CloudProvider.AWS, { code: FunctionCode.fromAsset(dir), handler: 'edge.handler', eventType: EdgeEventType.VIEWER_RESPONSE });
    expect(spec.cloudFrontFunctions).toEqual([{ eventType: EdgeEventType.VIEWER_RESPONSE, source: 'function handler(event) { return event.response; }\n' }]);
    expect(problemsOf(() => build(CloudProvider.AWS, { code: FunctionCode.fromAsset(dir) }))[0]).toMatch(/^code: the CloudFront Function source ".*index\.js" does not exist/);
  });

  test.each([
    [EdgeEventType.VIEWER_REQUEST, { memoryMb: 256 }, 'memoryMb must be 128 for Lambda@Edge on viewer events (Lambda@Edge limit) (got 256)'],
    [EdgeEventType.VIEWER_RESPONSE, { timeoutSeconds: 6 }, 'timeoutSeconds must be a whole number from 1 to 5 for Lambda@Edge on viewer events (Lambda@Edge limit) (got 6)'],
    [EdgeEventType.ORIGIN_REQUEST, { timeoutSeconds: 31 }, 'timeoutSeconds must be a whole number from 1 to 30 for Lambda@Edge on origin events (Lambda@Edge limit) (got 31)'],
    [EdgeEventType.ORIGIN_REQUEST, { memoryMb: 10241 }, 'memoryMb must be a whole number from 128 to 10240 for Lambda@Edge on origin events (got 10241)'],
    [EdgeEventType.ORIGIN_REQUEST, { environment: { TABLE: 't' } }, 'environment cannot be set for Lambda@Edge: Lambda@Edge functions have no environment variables (got TABLE); put configuration in the code'],
  ])('fails when Lambda@Edge on %s exceeds its limits: %j', (eventType, extra, message) => {
    expect(problemsOf(() => build(CloudProvider.AWS, { code: LAMBDA_CODE, eventType, awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE, ...extra }))).toEqual([message]);
  });

  test('fails when Lambda@Edge is placed outside us-east-1 or in an environment-agnostic stack', () => {
    const input = { code: LAMBDA_CODE, eventType: EdgeEventType.ORIGIN_REQUEST };
    expect(problemsOf(() => build(CloudProvider.AWS, input, { stackRegion: 'eu-west-1' })))
      .toEqual([expect.stringMatching(/^Lambda@Edge needs the stack region us-east-1 \(got "eu-west-1"\)/)]);
    expect(problemsOf(() => build(CloudProvider.AWS, input, { stackRegion: '${Token[AWS.Region.4]}' })))
      .toEqual([expect.stringMatching(/^Lambda@Edge needs the stack region us-east-1, and this stack is environment-agnostic/)]);
  });

  test('fails when request rules meet Lambda@Edge on a viewer event (CloudFront cannot combine them)', () => {
    expect(problemsOf(() => build(CloudProvider.AWS, {
      code: LAMBDA_CODE, eventType: EdgeEventType.VIEWER_RESPONSE, awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE, rules: [EdgeRule.rewritePath('/a/', '/b/')],
    }))).toEqual([expect.stringMatching(/^request rules \(redirect, rewritePath, setRequestHeader\) compile to a viewer-request CloudFront Function, which CloudFront cannot combine with Lambda@Edge on viewer-response/)]);
  });

  test('warns that regions is not used on AWS', () => {
    expect(build(CloudProvider.AWS, { code: CF_CODE, regions: ['eu-west-1'] }).warnings).toEqual([expect.stringMatching(/^regions is not used on AWS/)]);
  });
});

describe('custom code on Azure and GCP', () => {
  const node = FunctionCode.fromInline('exports.handler = async () => ({ status: 200 });');

  test.each([CloudProvider.AZURE, CloudProvider.GCP])('%s: runs as a regional function in the stack region, with a warning saying so', (cloud) => {
    const spec = build(cloud, { code: node, eventType: EdgeEventType.ORIGIN_REQUEST, environment: { SEGMENTS: 'a,b' } });
    expect(spec.code).toMatchObject({ placement: EdgeCodePlacement.REGIONAL, eventType: EdgeEventType.ORIGIN_REQUEST, environment: { SEGMENTS: 'a,b' } });
    expect(spec.regions).toEqual([REGION[cloud]]);
    expect(spec.warnings.join('\n')).toMatch(new RegExp(`custom code runs regionally, not at the edge: ${cloud === 'azure' ? 'Azure' : 'GCP'} runs no user code at the edge`));
    expect(spec.warnings.join('\n')).toContain(`in ${REGION[cloud]} behind`);
  });

  test.each([CloudProvider.AZURE, CloudProvider.GCP])('fails on %s when regions is empty, repeats a region or holds a bad name', (cloud) => {
    expect(problemsOf(() => build(cloud, { code: node, regions: [] }))[0]).toMatch(/^regions must name at least one .* region: custom code runs as a regional function there/);
    const other = cloud === CloudProvider.AZURE ? 'northeurope' : 'us-central1';
    const problems = problemsOf(() => build(cloud, { code: node, regions: [REGION[cloud], REGION[cloud], other, 'Bad Region'] }));
    expect(problems).toEqual([
      `regions names "${REGION[cloud]}" twice`,
      expect.stringMatching(/^regions must hold .* region names .*\(got "Bad Region"\)$/),
    ]);
  });

  test.each([CloudProvider.AZURE, CloudProvider.GCP])('keeps regions other than the stack\'s on %s', (cloud) => {
    const other = cloud === CloudProvider.AZURE ? 'northeurope' : 'us-central1';
    expect(build(cloud, { code: node, regions: [REGION[cloud], other] }).regions).toEqual([REGION[cloud], other]);
  });

  test('fails when the regional function props are invalid for the cloud (checked like an EventDrivenFunction)', () => {
    const problems = problemsOf(() => build(CloudProvider.AZURE, { code: node, memoryMb: 8192, runtime: FunctionRuntime.PYTHON_3_14 }));
    expect(problems.join('\n')).toMatch(/runtime is not offered on Azure/);
    expect(problems.join('\n')).toMatch(/memoryMb must be a whole number from 128 to 4096 on Azure .*\(got 8192\)/);
  });

  test('fails when environment uses the CIRRUS_EDGE_ prefix Cirrus reserves', () => {
    expect(problemsOf(() => build(CloudProvider.GCP, { code: node, environment: { CIRRUS_EDGE_ORIGIN_URL: 'x' } })))
      .toEqual(['environment key "CIRRUS_EDGE_ORIGIN_URL" is reserved: Cirrus sets CIRRUS_EDGE_* for the regional code function']);
  });

  test('accepts rewritePath with code on Azure (the regional function takes every path)', () => {
    expect(build(CloudProvider.AZURE, { code: node, rules: [EdgeRule.rewritePath('/a/', '/b/')] }).rewrites).toHaveLength(1);
  });
});

describe('other props', () => {
  test.each(CLOUDS)('fails on %s when code options are given without code, or regions without code', (cloud) => {
    const problems = problemsOf(() => build(cloud, { eventType: EdgeEventType.VIEWER_RESPONSE, memoryMb: 128, regions: ['x'] }));
    expect(problems).toEqual([
      'eventType applies to custom code: set code too, or remove it (got "viewer-response")',
      'memoryMb applies to custom code: set code too, or remove it (got 128)',
      'regions places the regional functions that run custom code on Azure and GCP: set code too, or remove it (got ["x"])',
    ]);
  });

  test('fails when domainNames on AWS lack a us-east-1 certificate, when certificateArn is given on Azure or GCP, or when a name is a wildcard', () => {
    expect(problemsOf(() => build(CloudProvider.AWS, { domainNames: ['shop.example.com'] })))
      .toEqual([expect.stringMatching(/^domainNames on AWS needs certificateArn: an ACM certificate in us-east-1/)]);
    expect(problemsOf(() => build(CloudProvider.AWS, { domainNames: ['shop.example.com'], certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' })))
      .toEqual([expect.stringMatching(/^certificateArn must be the ARN of an ACM certificate in us-east-1/)]);
    expect(problemsOf(() => build(CloudProvider.GCP, { domainNames: ['*.example.com'], certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' })))
      .toEqual([
        expect.stringMatching(/^domainNames\[0\] must be a fully qualified domain name .*no wildcards/),
        expect.stringMatching(/^certificateArn is an AWS ACM certificate; GCP issues a managed certificate/),
      ]);
    expect(build(CloudProvider.AWS, { domainNames: ['Shop.Example.com'], certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }).domainNames).toEqual(['shop.example.com']);
  });

  test('GCP without domainNames warns that the load balancer serves HTTP only', () => {
    expect(build(CloudProvider.GCP, {}).warnings).toEqual([expect.stringMatching(/^no domainNames: a Google-managed certificate needs a domain, so the load balancer serves HTTP on port 80 only/)]);
    expect(build(CloudProvider.GCP, { domainNames: ['shop.example.com'] }).warnings).toEqual([]);
  });
});
