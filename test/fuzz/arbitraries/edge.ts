/** Generators of EdgeFunction cases: origins, portable rules, custom code and its placement, domains. */
import * as fc from 'fast-check';
import { EdgeCodeKind, EdgeEventType, EdgeFunction, EdgeOrigin, EdgeRule, EventDrivenFunction, FunctionCode, FunctionRuntime, HttpAuth, Trigger } from '../../../index';
import type { CaseContext } from '../harness';
import { Cloud, constructId, FIXTURE_HANDLER, num, Num, opt, rare, str, Str, wildString } from './common';
import { WrongRecipe, wrongRecipe } from './wrong';

export type RuleRecipe =
  | { kind: 'setRequestHeader' | 'setResponseHeader'; name: string; value: string }
  | { kind: 'removeResponseHeader'; name: string }
  | { kind: 'redirect'; fromPath: string; toUrl: string; statusCode?: number }
  | { kind: 'rewritePath'; fromPrefix: string; toPrefix: string };

export interface EdgeRecipe {
  id: string;
  region: string;
  origin: { url: Str } | { fn: 'public' | 'private' | 'none' | 'mixed' };
  rules?: RuleRecipe[];
  code?: 'viewer' | 'lambda' | 'empty' | 'syntax-error' | 'no-handler' | 'huge';
  eventType?: string;
  awsCodeKind?: string;
  regions?: string[];
  runtime?: 'NODEJS_22' | 'PYTHON_3_12';
  handler?: string;
  memoryMb?: Num;
  timeoutSeconds?: Num;
  environment?: { [key: string]: string };
  domainNames?: Str[];
  certificateArn?: Str;
  accessLogs?: boolean;
  /** One prop of the edge replaced with a value of the wrong type or kind. */
  wrong?: WrongRecipe;
}

const headerName = fc.oneof(
  { arbitrary: fc.constantFrom('x-frame-options', 'X-Edge', 'cache-control', 'x-powered-by', 'strict-transport-security', 'x-custom_1'), weight: 10 },
  { arbitrary: fc.constantFrom('host', 'x-amz-meta-a', 'x-azure-ref', 'x-goog-x', 'content-length', 'via', 'bad header', '', 'ü', 'x-forwarded-for'), weight: 2 },
  { arbitrary: wildString, weight: 1 },
);
const headerValue = fc.oneof(
  { arbitrary: fc.constantFrom('DENY', 'no-store', 'max-age=31536000; includeSubDomains', 'v1', '"quoted"', "it's", 'a\\b'), weight: 10 },
  { arbitrary: fc.constantFrom('', ' ', 'line\nbreak', '{hostname}', 'ü', 'x'.repeat(2000)), weight: 2 },
  { arbitrary: wildString, weight: 1 },
);
const urlPath = fc.oneof(
  { arbitrary: fc.constantFrom('/old', '/api/', '/v2/', '/a/b', '/x%20y', "/it's", '/a"b', '/(x)'), weight: 10 },
  { arbitrary: fc.constantFrom('/', 'old', '//x', '/a b', '/a?b', '/a#b', ''), weight: 2 },
  { arbitrary: wildString, weight: 1 },
);

const rule: fc.Arbitrary<RuleRecipe> = fc.oneof(
  fc.record({ kind: fc.constantFrom('setRequestHeader' as const, 'setResponseHeader' as const), name: headerName, value: headerValue }),
  fc.record({ kind: fc.constant('removeResponseHeader' as const), name: headerName }),
  fc.record({
    kind: fc.constant('redirect' as const),
    fromPath: urlPath,
    toUrl: fc.oneof({ arbitrary: fc.constantFrom('/new', 'https://example.com/new', 'https://example.com', "/it's"), weight: 8 }, { arbitrary: fc.constantFrom('http://x.com', 'https://x.com:8443/a', 'https://x.com/a?b', 'ftp://x'), weight: 1 }, { arbitrary: urlPath, weight: 1 }),
    statusCode: opt(fc.constantFrom(301, 302, 303, 307, 308, 200, 399)),
  }, { requiredKeys: ['kind', 'fromPath', 'toUrl'] }),
  fc.record({ kind: fc.constant('rewritePath' as const), fromPrefix: urlPath, toPrefix: urlPath }),
);

const STACK_REGION: Record<Cloud, string> = { aws: 'us-east-1', azure: 'westeurope', gcp: 'europe-west1' };

export function edgeRecipe(cloud: Cloud): fc.Arbitrary<EdgeRecipe> {
  return fc.record({
    id: constructId,
    region: cloud === 'aws' ? fc.oneof({ arbitrary: fc.constant('us-east-1'), weight: 4 }, { arbitrary: fc.constant('eu-west-1'), weight: 1 }) : fc.constant(STACK_REGION[cloud]),
    origin: fc.oneof(
      { arbitrary: fc.record({ url: str(fc.constantFrom('https://api.example.com', 'https://example.com:443/', 'https://API.Example.com')) }), weight: 5 },
      { arbitrary: fc.record({ url: fc.constantFrom('http://x.com', 'https://x.com/path', 'https://x.com:8443', 'https://', 'https://-x.com', 'example.com') }), weight: 1 },
      { arbitrary: fc.record({ fn: fc.constantFrom('public' as const, 'public' as const, 'private' as const, 'none' as const, 'mixed' as const) }), weight: 4 },
    ),
    rules: opt(fc.array(rule, { maxLength: 6 }), 3),
    code: opt(fc.oneof(
      { arbitrary: fc.constantFrom('viewer' as const, 'lambda' as const), weight: 6 },
      { arbitrary: fc.constantFrom('empty' as const, 'syntax-error' as const, 'no-handler' as const, 'huge' as const), weight: 1 },
    ), 2),
    eventType: rare(fc.oneof({ arbitrary: fc.constantFrom(...Object.values(EdgeEventType)), weight: 8 }, { arbitrary: fc.constant('on-request'), weight: 1 }), 3),
    awsCodeKind: rare(fc.constantFrom(EdgeCodeKind.CLOUDFRONT_FUNCTION, EdgeCodeKind.LAMBDA_AT_EDGE, 'worker'), 4),
    regions: rare(fc.constantFrom<string[]>([STACK_REGION[cloud]], [], [STACK_REGION[cloud], STACK_REGION[cloud]], ['mars-north1'], ['us-central1'])),
    runtime: rare(fc.constantFrom('NODEJS_22' as const, 'PYTHON_3_12' as const)),
    handler: rare(fc.constantFrom('index.handler', 'index.main', 'bad', 'other.handler')),
    memoryMb: rare(num(fc.constantFrom(128, 256, 2048, 4096))),
    timeoutSeconds: rare(num(fc.constantFrom(1, 5, 30, 60))),
    environment: rare(fc.dictionary(fc.constantFrom('TABLE', 'CIRRUS_EDGE_ORIGIN_URL', 'bad-key'), fc.constantFrom('x', ''), { maxKeys: 2 })),
    domainNames: rare(fc.array(str(fc.constantFrom('www.example.com', 'shop.example.com', 'WWW.Example.com', '*.example.com', 'localhost', 'ex ample.com')), { maxLength: 2 }), 3),
    certificateArn: rare(str(fc.constantFrom('arn:aws:acm:us-east-1:123456789012:certificate/abc-123', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc'))),
    accessLogs: opt(fc.boolean()),
    wrong: wrongRecipe(),
  }, { requiredKeys: ['id', 'region', 'origin'] });
}

const VIEWER_SOURCE = 'function handler(event) {\n  var request = event.request;\n  request.headers["x-seen"] = { value: "1" };\n  return request;\n}\n';

function codeFor(kind: NonNullable<EdgeRecipe['code']>): FunctionCode {
  switch (kind) {
    case 'viewer': return FunctionCode.fromInline(VIEWER_SOURCE);
    case 'lambda': return FunctionCode.fromInline(FIXTURE_HANDLER);
    case 'empty': return FunctionCode.fromInline('');
    case 'syntax-error': return FunctionCode.fromInline('function handler(event) { return event.request');
    case 'no-handler': return FunctionCode.fromInline('function other(event) { return event.request; }');
    default: return FunctionCode.fromInline(`function handler(event) { return event.request; }\n// ${'x'.repeat(11000)}`);
  }
}

function ruleFor(r: RuleRecipe): EdgeRule {
  switch (r.kind) {
    case 'setRequestHeader': return EdgeRule.setRequestHeader(r.name, r.value);
    case 'setResponseHeader': return EdgeRule.setResponseHeader(r.name, r.value);
    case 'removeResponseHeader': return EdgeRule.removeResponseHeader(r.name);
    case 'redirect': return EdgeRule.redirect(r.fromPath, r.toUrl, r.statusCode);
    default: return EdgeRule.rewritePath(r.fromPrefix, r.toPrefix);
  }
}

export function buildEdge(ctx: CaseContext, r: EdgeRecipe): void {
  let origin: EdgeOrigin;
  if ('url' in r.origin) {
    origin = EdgeOrigin.fromUrl(ctx.s(r.origin.url));
  } else {
    const auth = r.origin.fn;
    const triggers = auth === 'none' ? [Trigger.queue()]
      : auth === 'mixed' ? [Trigger.http({ path: '/pub', auth: HttpAuth.PUBLIC }), Trigger.http({ path: '/priv', auth: HttpAuth.PRIVATE })]
        : [Trigger.http({ auth: auth === 'public' ? HttpAuth.PUBLIC : HttpAuth.PRIVATE })];
    const fn = new EventDrivenFunction(ctx.scope, 'Api', { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline(FIXTURE_HANDLER), handler: 'index.handler', triggers });
    origin = EdgeOrigin.fromFunction(fn);
  }
  new EdgeFunction(ctx.scope, r.id === 'Api' ? 'Edge' : r.id, ctx.wrong({
    origin,
    rules: r.rules?.map(ruleFor),
    code: r.code ? codeFor(r.code) : undefined,
    eventType: r.eventType as EdgeEventType | undefined,
    awsCodeKind: r.awsCodeKind as EdgeCodeKind | undefined,
    regions: r.regions,
    runtime: r.runtime ? FunctionRuntime[r.runtime] : undefined,
    handler: r.handler,
    memoryMb: ctx.n(r.memoryMb),
    timeoutSeconds: ctx.n(r.timeoutSeconds),
    environment: r.environment,
    domainNames: r.domainNames?.map((d) => ctx.s(d)),
    certificateArn: ctx.s(r.certificateArn),
    accessLogs: r.accessLogs,
  }));
}
