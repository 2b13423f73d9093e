import { HandlerApi } from '../handler-api';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { CirrusValidationError, describeValue, ProblemCollector } from '../errors';
import type { IEventDrivenFunction } from '../function-contract';
import { FunctionCode, FunctionCodeKind } from '../function-code';
import { buildFunctionSpec, FunctionInput } from '../function-spec';
import { HttpAuth } from '../http';
import { FunctionRuntime, RuntimeFamily } from '../runtime';
import { runtimeIdFor } from '../runtime-support';
import { isUnresolved } from '../tokens';
import { Trigger } from '../trigger';
import { AwsResponseHeaderPlan, HeaderSetting, planAwsResponseHeaders } from './aws-response-headers';
import {
  CLOUDFRONT_FUNCTION_MAX_BYTES, hasRequestRules, sourceBytes, viewerRequestFunctionSource, ViewerRequestRules,
} from './cloudfront-function-source';
import { EdgeCodeKind, EdgeEventType, isViewerEvent } from './edge-event-type';
import { EdgeOrigin, EdgeOriginKind } from './edge-origin';
import { EdgeRule, EdgeRuleKind, REDIRECT_STATUS_CODES } from './edge-rule';
import { HEADER_NAME, HEADER_VALUE, reservedHeaderReason } from './headers';
import { REGION_PATTERN } from '../regions';
import { A_BOOLEAN, A_STRING, arrayOf, checkTypes, given, isNumberToken, oneOf, STRINGS, struct } from '../validation';

/** The EdgeFunction props as lib/core reads them (the public props interface matches this shape). */
export interface EdgeInput {
  readonly origin: EdgeOrigin;
  readonly rules?: EdgeRule[];
  readonly code?: FunctionCode;
  readonly eventType?: EdgeEventType;
  readonly regions?: string[];
  readonly runtime?: FunctionRuntime;
  readonly handler?: string;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  readonly environment?: { [key: string]: string };
  readonly awsCodeKind?: EdgeCodeKind;
  readonly handlerApi?: HandlerApi;
  readonly domainNames?: string[];
  readonly certificateArn?: string;
  readonly accessLogs?: boolean;
}

/** What the construct learned about an origin function (lib/core cannot resolve targets itself). */
export interface OriginFunctionFacts {
  readonly provider: CloudProvider;
  readonly constructPath: string;
  /** Whether the function is in the EdgeFunction's stack. */
  readonly sameStack: boolean;
  /** The function's HTTP triggers. */
  readonly httpTriggers: { readonly path: string; readonly auth: HttpAuth }[];
}

/** Facts about the EdgeFunction's scope. */
export interface EdgeContext {
  /** The stack's region (AWS: possibly unresolved in an environment-agnostic stack). */
  readonly stackRegion: string;
  /** Present when the origin is a function. */
  readonly originFunction?: OriginFunctionFacts;
}

/** Where custom code runs. */
export enum EdgeCodePlacement {
  /** AWS CloudFront Function. */
  CLOUDFRONT_FUNCTION = 'cloudfront-function',
  /** AWS Lambda@Edge. */
  LAMBDA_AT_EDGE = 'lambda-at-edge',
  /** A regional EventDrivenFunction behind Front Door or the load balancer (Azure, GCP). */
  REGIONAL = 'regional',
}

/** The origin, validated. */
export interface EdgeOriginSpec {
  readonly kind: EdgeOriginKind;
  /** The URL (FUNCTION origins: undefined; the renderer reads the function). */
  readonly url?: string;
  /** The host name when the URL is known at synth time. */
  readonly host?: string;
  readonly originFunction?: IEventDrivenFunction;
}

/** One redirect, validated. */
export interface RedirectSpec {
  readonly fromPath: string;
  readonly toUrl: string;
  readonly statusCode: number;
  /** The target host for absolute targets; undefined keeps the request's host. */
  readonly host?: string;
  /** The target path. */
  readonly path: string;
}

/** One path rewrite, validated. */
export interface RewriteSpec {
  readonly fromPrefix: string;
  readonly toPrefix: string;
}

/** Custom code, validated for its placement. */
export interface EdgeCodeSpec {
  readonly placement: EdgeCodePlacement;
  readonly eventType: EdgeEventType;
  readonly code: FunctionCode;
  readonly runtime: FunctionRuntime;
  readonly handler: string;
  /** Lambda@Edge and regional functions: memory (undefined: the regional function's default). */
  readonly memoryMb?: number;
  /** Lambda@Edge and regional functions: timeout (undefined: the regional function's default). */
  readonly timeoutSeconds?: number;
  readonly environment: { [key: string]: string };
  /** Regional functions: how they receive requests. */
  readonly handlerApi?: HandlerApi;
  /** Lambda@Edge: the Lambda runtime id. */
  readonly lambdaRuntimeId?: string;
}

/** A CloudFront Function to create (AWS). */
export interface CloudFrontFunctionSpec {
  readonly eventType: EdgeEventType;
  readonly source: string;
}

/** An EdgeFunction's props, validated for one cloud, with every default applied. */
export interface EdgeSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  readonly origin: EdgeOriginSpec;
  readonly requestHeaders: HeaderSetting[];
  readonly responseHeaders: HeaderSetting[];
  readonly removeResponseHeaders: string[];
  readonly redirects: RedirectSpec[];
  readonly rewrites: RewriteSpec[];
  readonly code?: EdgeCodeSpec;
  /** AWS: the CloudFront Functions to create and associate. */
  readonly cloudFrontFunctions: CloudFrontFunctionSpec[];
  /** AWS: the response headers policy, when response rules exist. */
  readonly awsResponseHeaders?: AwsResponseHeaderPlan;
  /** Azure and GCP: the regions of the regional code functions (empty without code). */
  readonly regions: string[];
  readonly domainNames: string[];
  readonly certificateArn?: string;
  readonly accessLogs: boolean;
  /** Best-effort mappings and placements worth knowing: become warning annotations. */
  readonly warnings: string[];
}

/** Environment variables Cirrus gives a regional code function. */
export const EDGE_ENV = {
  originUrl: 'CIRRUS_EDGE_ORIGIN_URL',
  eventType: 'CIRRUS_EDGE_EVENT_TYPE',
};

/** Azure Front Door: most rules in one rule set, and actions in one rule. */
export const AZURE_RULES_PER_RULE_SET = 100;
export const AZURE_ACTIONS_PER_RULE = 5;

const LAMBDA_EDGE_LIMITS = {
  viewer: { memoryMb: 128, maxTimeoutSeconds: 5 },
  origin: { maxMemoryMb: 10240, maxTimeoutSeconds: 30 },
};

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const HANDLER = /^([A-Za-z0-9_][A-Za-z0-9_\-/.]*)\.([A-Za-z_$][A-Za-z0-9_$]*)$/;
const EDGE_NAME: Record<CloudProvider, string> = {
  [CloudProvider.AWS]: 'CloudFront',
  [CloudProvider.AZURE]: 'Azure Front Door',
  [CloudProvider.GCP]: 'the global external Application Load Balancer',
  [CloudProvider.LOCAL]: 'the local run',
};

/** Host of an `https://host[:443][/]` URL, or undefined when it is not one. */
function httpsHost(url: string): string | undefined {
  const m = /^https:\/\/([^/?#:]+)(:443)?\/?$/i.exec(url);
  const host = m?.[1].toLowerCase();
  return host && HOST.test(host) ? host : undefined;
}

function checkPath(problems: ProblemCollector, prop: string, value: unknown): value is string {
  if (typeof value !== 'string' || !PATH.test(value) || value.includes('//')) {
    problems.invalid(prop, 'must be a URL path starting with "/", without query string, fragment, spaces or "//"', value);
    return false;
  }
  return true;
}

/** Lowercases and checks a header name; undefined when invalid. */
function checkHeaderName(problems: ProblemCollector, cloud: CloudProvider, rule: EdgeRule, label: string, removing: boolean): string | undefined {
  const raw = rule.headerName;
  if (typeof raw !== 'string' || !HEADER_NAME.test(raw)) {
    problems.add(`${label} has an invalid header name: use letters, digits and ${'!#$%&\'*+-.^_`|~'}`);
    return undefined;
  }
  const name = raw.toLowerCase();
  const reserved = reservedHeaderReason(cloud, name, removing);
  if (reserved) {
    problems.add(`${label}: header ${describeValue(name)} ${reserved}`);
    return undefined;
  }
  return name;
}

function checkHeaderValue(problems: ProblemCollector, cloud: CloudProvider, rule: EdgeRule, label: string): string | undefined {
  const value = rule.headerValue;
  if (typeof value !== 'string' || !HEADER_VALUE.test(value) || value.trim().length === 0) {
    problems.add(`${label} has an invalid header value: use visible ASCII characters and spaces, not empty, without line breaks`);
    return undefined;
  }
  if (cloud !== CloudProvider.AWS && /\{[A-Za-z_][A-Za-z0-9_.]*\}/.test(value)) {
    const what = cloud === CloudProvider.AZURE ? 'a Front Door server variable' : 'a load balancer header variable';
    problems.add(`${label}: the value holds {…}, which ${CLOUD_LABEL[cloud]} reads as ${what}; the rule would not send the same text on every cloud`);
    return undefined;
  }
  return value;
}

interface NormalisedRules {
  requestHeaders: HeaderSetting[];
  responseHeaders: HeaderSetting[];
  removeResponseHeaders: string[];
  redirects: RedirectSpec[];
  rewrites: RewriteSpec[];
}

function normaliseRules(problems: ProblemCollector, cloud: CloudProvider, rules: EdgeRule[]): NormalisedRules {
  const out: NormalisedRules = { requestHeaders: [], responseHeaders: [], removeResponseHeaders: [], redirects: [], rewrites: [] };
  const seenRequest = new Set<string>();
  const seenResponse = new Map<string, string>();
  const seenRedirect = new Set<string>();
  const seenRewrite = new Set<string>();
  rules.forEach((rule, i) => {
    const prop = `rules[${i}]`;
    if (!(rule instanceof EdgeRule)) {
      problems.invalid(prop, 'must be made with EdgeRule.setRequestHeader, setResponseHeader, removeResponseHeader, redirect or rewritePath', rule);
      return;
    }
    const label = `${prop} (${String(rule)})`;
    switch (rule.kind) {
      case EdgeRuleKind.SET_REQUEST_HEADER: {
        const name = checkHeaderName(problems, cloud, rule, label, false);
        const value = checkHeaderValue(problems, cloud, rule, label);
        if (name && seenRequest.has(name)) {
          problems.add(`${label} sets request header ${describeValue(name)} a second time`);
        } else if (name && value !== undefined) {
          seenRequest.add(name);
          out.requestHeaders.push({ name, value });
        }
        break;
      }
      case EdgeRuleKind.SET_RESPONSE_HEADER:
      case EdgeRuleKind.REMOVE_RESPONSE_HEADER: {
        const removing = rule.kind === EdgeRuleKind.REMOVE_RESPONSE_HEADER;
        const name = checkHeaderName(problems, cloud, rule, label, removing);
        const value = removing ? '' : checkHeaderValue(problems, cloud, rule, label);
        if (name && seenResponse.has(name)) {
          problems.add(`${label} conflicts with ${seenResponse.get(name)}: one rule per response header`);
        } else if (name && value !== undefined) {
          seenResponse.set(name, String(rule));
          if (removing) {
            out.removeResponseHeaders.push(name);
          } else {
            out.responseHeaders.push({ name, value });
          }
        }
        break;
      }
      case EdgeRuleKind.REDIRECT: {
        const okFrom = checkPath(problems, `${label} fromPath`, rule.fromPath);
        const status = rule.statusCode ?? 302;
        if (!REDIRECT_STATUS_CODES.includes(status)) {
          problems.invalid(`${label} statusCode`, `must be one of ${REDIRECT_STATUS_CODES.join(', ')}`, status);
        } else if (cloud === CloudProvider.AZURE && status === 303) {
          problems.add(`${label} cannot be expressed on Azure: Front Door redirects with 301, 302, 307 or 308, not 303`);
        }
        let host: string | undefined;
        let target: string | undefined;
        const to = rule.toUrl;
        if (typeof to === 'string' && to.startsWith('/')) {
          target = checkPath(problems, `${label} toUrl`, to) ? to : undefined;
        } else {
          const m = typeof to === 'string' ? /^https:\/\/([^/?#:]+)(\/[^?#]*)?$/i.exec(to) : null;
          host = m?.[1].toLowerCase();
          const p = m?.[2] ?? '/';
          if (!m || !HOST.test(host!) || !PATH.test(p)) {
            problems.invalid(`${label} toUrl`, 'must be a path ("/new") or an https:// URL ("https://example.com/new") without port, query string or fragment', to);
          } else {
            target = p;
          }
        }
        if (okFrom && cloud === CloudProvider.AZURE && rule.fromPath === '/') {
          problems.add(`${label} cannot be expressed on Azure: a Front Door URL path condition matches the path without its leading "/", so the root path cannot be matched exactly; redirect a named path, or answer "/" from the origin`);
        }
        if (okFrom && seenRedirect.has(rule.fromPath!)) {
          problems.add(`${label} redirects ${describeValue(rule.fromPath)} a second time`);
        } else if (okFrom && target !== undefined && REDIRECT_STATUS_CODES.includes(status)) {
          seenRedirect.add(rule.fromPath!);
          out.redirects.push({ fromPath: rule.fromPath!, toUrl: rule.toUrl!, statusCode: status, host, path: target });
        }
        break;
      }
      case EdgeRuleKind.REWRITE_PATH: {
        const okFrom = checkPath(problems, `${label} fromPrefix`, rule.fromPrefix);
        const okTo = checkPath(problems, `${label} toPrefix`, rule.toPrefix);
        if (okFrom && seenRewrite.has(rule.fromPrefix!)) {
          problems.add(`${label} rewrites the prefix ${describeValue(rule.fromPrefix)} a second time`);
        } else if (okFrom && okTo) {
          seenRewrite.add(rule.fromPrefix!);
          out.rewrites.push({ fromPrefix: rule.fromPrefix!, toPrefix: rule.toPrefix! });
        }
        break;
      }
    }
  });
  return out;
}

function normaliseOrigin(problems: ProblemCollector, cloud: CloudProvider, origin: EdgeOrigin, ctx: EdgeContext, warnings: string[]): EdgeOriginSpec | undefined {
  const label = CLOUD_LABEL[cloud];
  if (!(origin instanceof EdgeOrigin)) {
    problems.invalid('origin', 'must be made with EdgeOrigin.fromFunction or EdgeOrigin.fromUrl', origin);
    return undefined;
  }
  if (origin.kind === EdgeOriginKind.URL) {
    const url = origin.url;
    if (typeof url === 'string' && isUnresolved(url)) {
      return { kind: origin.kind, url };
    }
    const host = typeof url === 'string' ? httpsHost(url) : undefined;
    if (!host) {
      problems.invalid('origin', 'must be EdgeOrigin.fromUrl("https://<host>"): HTTPS, a host name, no port other than 443, no path, query or fragment (map paths with EdgeRule.rewritePath)', url);
      return undefined;
    }
    return { kind: origin.kind, url: `https://${host}`, host };
  }
  const facts = ctx.originFunction;
  const fnPath = facts?.constructPath ?? 'the function';
  if (!facts) {
    problems.invalid('origin', 'must name an EventDrivenFunction', origin.originFunction);
    return undefined;
  }
  if (facts.provider !== cloud || !facts.sameStack) {
    problems.add(`origin: EdgeOrigin.fromFunction(${fnPath}) must name a function of this EdgeFunction's stack (it renders for ${CLOUD_LABEL[facts.provider]}${facts.sameStack ? '' : ' in another stack'}); create the function in the same stack`);
    return undefined;
  }
  if (facts.httpTriggers.length === 0) {
    problems.add(`origin: EdgeOrigin.fromFunction(${fnPath}) needs a function with an HTTP trigger (Trigger.http); it has none`);
    return undefined;
  }
  const publicTriggers = facts.httpTriggers.filter((t) => t.auth === HttpAuth.PUBLIC);
  if (publicTriggers.length === 0) {
    const why: Record<CloudProvider, string> = {
      [CloudProvider.AWS]: 'CloudFront cannot sign requests to an AWS_IAM (SigV4) HTTP API route',
      [CloudProvider.AZURE]: 'Front Door does not send function keys',
      [CloudProvider.GCP]: 'the load balancer does not send identity tokens',
      [CloudProvider.LOCAL]: 'an edge reaches its origin as a public caller',
    };
    problems.add(`origin: EdgeOrigin.fromFunction(${fnPath}) needs an HTTP trigger with auth: HttpAuth.PUBLIC on ${label}: ${why[cloud]}, and its only HTTP triggers are HttpAuth.PRIVATE`);
    return undefined;
  }
  const privatePaths = facts.httpTriggers.filter((t) => t.auth === HttpAuth.PRIVATE).map((t) => t.path);
  if (privatePaths.length > 0) {
    warnings.push(`origin: the HttpAuth.PRIVATE routes of ${fnPath} (${privatePaths.join(', ')}) are not reachable through ${EDGE_NAME[cloud]}, which sends requests without credentials`);
  }
  return { kind: origin.kind, originFunction: origin.originFunction };
}

/** Problems of a nested function validation, merged into this construct's collector. */
function mergeFunctionProblems(problems: ProblemCollector, check: () => { warnings: string[] }): string[] {
  try {
    return check().warnings;
  } catch (e) {
    if (e instanceof CirrusValidationError) {
      e.problems.forEach((p) => problems.add(p));
      return [];
    }
    throw e;
  }
}

/** The handler module's source for a CloudFront Function: inline text or `<file>.js` in the folder. */
function cloudFrontSource(problems: ProblemCollector, code: FunctionCode, handlerFile: string): string | undefined {
  if (code.kind === FunctionCodeKind.INLINE) {
    const source: unknown = given(code.inlineSource, '');
    if (typeof source !== 'string') {
      problems.invalid('code', 'must be FunctionCode.fromInline(source) with the function\'s source as a string', source);
      return undefined;
    }
    return source;
  }
  const folder: unknown = given(code.assetPath, '');
  if (typeof folder !== 'string') {
    problems.invalid('code', 'must be FunctionCode.fromAsset(folder) with the folder\'s path as a string', folder);
    return undefined;
  }
  const file = path.join(folder, `${handlerFile}.js`);
  if (!fs.existsSync(file)) {
    problems.add(`code: the CloudFront Function source ${describeValue(file)} does not exist (handler ${describeValue(`${handlerFile}.handler`)} names it)`);
    return undefined;
  }
  return fs.readFileSync(file, 'utf8');
}

/** Parses JavaScript without running it; returns the syntax error's message, if any. */
export function javaScriptSyntaxError(source: string, filename: string): string | undefined {
  // cloudfront-js-2.0 allows `import cf from 'cloudfront'`: blank imports out, keeping line numbers.
  const script = source.replace(/^\s*import\s[^;\n]*;?/gm, '');
  try {
    new vm.Script(script, { filename });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function normaliseCode(
  problems: ProblemCollector, cloud: CloudProvider, input: EdgeInput, ctx: EdgeContext, constructPath: string, warnings: string[],
): EdgeCodeSpec | undefined {
  const code = input.code;
  if (code === undefined) {
    for (const prop of ['eventType', 'runtime', 'handler', 'memoryMb', 'timeoutSeconds', 'environment', 'awsCodeKind', 'handlerApi'] as const) {
      if (input[prop] !== undefined) {
        problems.invalid(prop, 'applies to custom code: set code too, or remove it', input[prop]);
      }
    }
    return undefined;
  }
  if (!(code instanceof FunctionCode)) {
    problems.invalid('code', 'must be made with FunctionCode.fromInline or FunctionCode.fromAsset', code);
    return undefined;
  }
  const eventType = given(input.eventType, EdgeEventType.VIEWER_REQUEST);
  if (!Object.values(EdgeEventType).includes(eventType)) {
    problems.invalid('eventType', `must be one of ${Object.keys(EdgeEventType).map((k) => `EdgeEventType.${k}`).join(', ')}`, eventType);
    return undefined;
  }
  const runtime = given(input.runtime, FunctionRuntime.NODEJS_22);
  const handler = given(input.handler, 'index.handler');
  const environment = { ...(input.environment ?? {}) };
  for (const name of Object.keys(environment)) {
    if (name.startsWith('CIRRUS_EDGE_')) {
      problems.add(`environment key ${describeValue(name)} is reserved: Cirrus sets CIRRUS_EDGE_* for the regional code function`);
    }
  }
  const viewer = isViewerEvent(eventType);

  if (cloud !== CloudProvider.AWS) {
    const fnInput: FunctionInput = {
      runtime, code, handler, memoryMb: input.memoryMb, timeoutSeconds: input.timeoutSeconds, handlerApi: input.handlerApi,
      environment: { ...environment, [EDGE_ENV.originUrl]: 'https://origin', [EDGE_ENV.eventType]: eventType },
      triggers: [Trigger.http({ auth: HttpAuth.PUBLIC })],
    };
    mergeFunctionProblems(problems, () => buildFunctionSpec(cloud, constructPath, fnInput));
    return { placement: EdgeCodePlacement.REGIONAL, eventType, code, runtime, handler, memoryMb: input.memoryMb, timeoutSeconds: input.timeoutSeconds, environment, handlerApi: input.handlerApi };
  }
  if (input.handlerApi === HandlerApi.PORTABLE) {
    warnings.push('handlerApi PORTABLE applies to the regional code function of Azure and GCP; edge code on AWS runs in CloudFront and keeps CloudFront\'s event shape');
  }

  const kind = input.awsCodeKind ?? (viewer ? EdgeCodeKind.CLOUDFRONT_FUNCTION : EdgeCodeKind.LAMBDA_AT_EDGE);
  if (!Object.values(EdgeCodeKind).includes(kind)) {
    problems.invalid('awsCodeKind', 'must be EdgeCodeKind.CLOUDFRONT_FUNCTION or EdgeCodeKind.LAMBDA_AT_EDGE', kind);
    return undefined;
  }
  if (kind === EdgeCodeKind.CLOUDFRONT_FUNCTION) {
    if (!viewer) {
      problems.add(`awsCodeKind EdgeCodeKind.CLOUDFRONT_FUNCTION cannot run on ${eventType}: CloudFront Functions serve viewer events only (VIEWER_REQUEST, VIEWER_RESPONSE); use EdgeCodeKind.LAMBDA_AT_EDGE for origin events`);
    }
    if (input.runtime !== undefined && (!(runtime instanceof FunctionRuntime) || runtime.family !== RuntimeFamily.NODEJS)) {
      problems.invalid('runtime', 'must be a Node.js runtime for a CloudFront Function, which runs JavaScript (cloudfront-js-2.0); use awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE for Python', input.runtime instanceof FunctionRuntime ? input.runtime.name : input.runtime);
    }
    for (const prop of ['memoryMb', 'timeoutSeconds'] as const) {
      if (input[prop] !== undefined) {
        problems.invalid(prop, 'cannot be set for a CloudFront Function, whose limits are fixed (2 MB memory, sub-millisecond compute); use awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE', input[prop]);
      }
    }
    if (Object.keys(environment).length > 0) {
      problems.add(`environment cannot be set for a CloudFront Function: CloudFront Functions have no environment variables (got ${Object.keys(environment).join(', ')})`);
    }
    const m = typeof handler === 'string' ? HANDLER.exec(handler) : null;
    if (!m || m[2] !== 'handler') {
      problems.invalid('handler', 'must be "<file>.handler" for a CloudFront Function, which always calls the function named handler', handler);
      return undefined;
    }
    const source = cloudFrontSource(problems, code, m[1]);
    if (source === undefined) {
      return undefined;
    }
    if (source.trim().length === 0) {
      problems.add('code is empty: a CloudFront Function needs `function handler(event) { ... }`');
      return undefined;
    }
    const syntax = javaScriptSyntaxError(source, 'code');
    if (syntax) {
      problems.add(`code is not valid JavaScript for a CloudFront Function: ${syntax}`);
    } else if (!/\bfunction\s+handler\s*\(|\b(?:var|let|const)\s+handler\s*=/.test(source)) {
      problems.add('code must define `function handler(event)`: CloudFront Functions call the function named handler');
    }
    return { placement: EdgeCodePlacement.CLOUDFRONT_FUNCTION, eventType, code: FunctionCode.fromInline(source), runtime, handler, environment };
  }

  // Lambda@Edge
  const limits = viewer
    ? { memory: { min: LAMBDA_EDGE_LIMITS.viewer.memoryMb, max: LAMBDA_EDGE_LIMITS.viewer.memoryMb }, maxTimeout: LAMBDA_EDGE_LIMITS.viewer.maxTimeoutSeconds }
    : { memory: { min: 128, max: LAMBDA_EDGE_LIMITS.origin.maxMemoryMb }, maxTimeout: LAMBDA_EDGE_LIMITS.origin.maxTimeoutSeconds };
  const events = viewer ? 'viewer events' : 'origin events';
  const memoryMb = given(input.memoryMb, 128);
  const timeoutSeconds = given(input.timeoutSeconds, limits.maxTimeout);
  if (!isNumberToken(memoryMb) && (!Number.isInteger(memoryMb) || memoryMb < limits.memory.min || memoryMb > limits.memory.max)) {
    problems.invalid('memoryMb', viewer
      ? 'must be 128 for Lambda@Edge on viewer events (Lambda@Edge limit)'
      : `must be a whole number from 128 to ${limits.memory.max} for Lambda@Edge on origin events`, memoryMb);
  }
  if (!isNumberToken(timeoutSeconds) && (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > limits.maxTimeout)) {
    problems.invalid('timeoutSeconds', `must be a whole number from 1 to ${limits.maxTimeout} for Lambda@Edge on ${events} (Lambda@Edge limit)`, timeoutSeconds);
  }
  if (Object.keys(environment).length > 0) {
    problems.add(`environment cannot be set for Lambda@Edge: Lambda@Edge functions have no environment variables (got ${Object.keys(environment).join(', ')}); put configuration in the code`);
  }
  if (isUnresolved(ctx.stackRegion)) {
    problems.add('Lambda@Edge needs the stack region us-east-1, and this stack is environment-agnostic: create the Stack with env: { region: \'us-east-1\' }');
  } else if (ctx.stackRegion !== 'us-east-1') {
    problems.add(`Lambda@Edge needs the stack region us-east-1 (got ${describeValue(ctx.stackRegion)}): Lambda@Edge functions are created in us-east-1 and replicated to the edge; place this EdgeFunction in a us-east-1 stack, or use a CloudFront Function for viewer events`);
  }
  // Runtime, handler and code checks shared with EventDrivenFunction (memory and timeout checked above).
  const fnWarnings = mergeFunctionProblems(problems, () => buildFunctionSpec(cloud, constructPath, { runtime, code, handler }));
  warnings.push(...fnWarnings);
  return {
    placement: EdgeCodePlacement.LAMBDA_AT_EDGE, eventType, code, runtime, handler, memoryMb, timeoutSeconds, environment,
    lambdaRuntimeId: runtime instanceof FunctionRuntime ? runtimeIdFor(CloudProvider.AWS, runtime) : undefined,
  };
}

function normaliseRegions(problems: ProblemCollector, cloud: CloudProvider, input: EdgeInput, ctx: EdgeContext, code: EdgeCodeSpec | undefined, warnings: string[]): string[] {
  const regions = input.regions;
  if (regions !== undefined && input.code === undefined) {
    problems.invalid('regions', 'places the regional functions that run custom code on Azure and GCP: set code too, or remove it', regions);
    return [];
  }
  if (!code) {
    return [];
  }
  if (cloud === CloudProvider.AWS) {
    if (regions !== undefined) {
      warnings.push('regions is not used on AWS: CloudFront runs edge code in its edge locations (CloudFront Functions) or regional edge caches (Lambda@Edge)');
    }
    return [];
  }
  const list = regions ?? [ctx.stackRegion];
  if (!Array.isArray(list) || list.length === 0) {
    problems.invalid('regions', `must name at least one ${CLOUD_LABEL[cloud]} region: custom code runs as a regional function there`, regions);
    return [];
  }
  const seen = new Set<string>();
  for (const region of list) {
    if (typeof region !== 'string' || !REGION_PATTERN[cloud].test(region)) {
      problems.invalid('regions', `must hold ${CLOUD_LABEL[cloud]} region names such as ${describeValue(ctx.stackRegion)}`, region);
    } else if (seen.has(region)) {
      problems.add(`regions names ${describeValue(region)} twice`);
    }
    seen.add(String(region));
  }
  return [...seen];
}

function normaliseDomains(problems: ProblemCollector, cloud: CloudProvider, input: EdgeInput): string[] {
  const domains = input.domainNames ?? [];
  const out: string[] = [];
  domains.forEach((d, i) => {
    if (typeof d === 'string' && isUnresolved(d)) {
      out.push(d);
    } else if (typeof d !== 'string' || !HOST.test(d.toLowerCase())) {
      problems.invalid(`domainNames[${i}]`, 'must be a fully qualified domain name such as "www.example.com" (no wildcards: GCP and Azure managed certificates do not issue them)', d);
    } else if (out.includes(d.toLowerCase())) {
      problems.add(`domainNames names ${describeValue(d)} twice`);
    } else {
      out.push(d.toLowerCase());
    }
  });
  const arn = input.certificateArn;
  if (cloud === CloudProvider.AWS) {
    if (out.length > 0 && arn === undefined) {
      problems.add('domainNames on AWS needs certificateArn: an ACM certificate in us-east-1 that covers them (CloudFront only uses certificates from us-east-1)');
    }
    if (arn !== undefined && out.length === 0) {
      problems.invalid('certificateArn', 'needs domainNames: the certificate serves the distribution\'s custom domain names', arn);
    }
    if (arn !== undefined && !isUnresolved(arn) && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(arn)) {
      problems.invalid('certificateArn', 'must be the ARN of an ACM certificate in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>)', arn);
    }
  } else if (arn !== undefined) {
    problems.invalid('certificateArn', `is an AWS ACM certificate; ${CLOUD_LABEL[cloud]} issues a managed certificate for each of domainNames: remove it for this stack`, arn);
  }
  return out;
}

/** Azure rule count: header actions packed 5 a rule, one rule per redirect and rewrite. */
export function azureRuleCount(rules: NormalisedRules): number {
  const headerActions = rules.requestHeaders.length + rules.responseHeaders.length + rules.removeResponseHeaders.length;
  return Math.ceil(headerActions / AZURE_ACTIONS_PER_RULE) + rules.redirects.length + rules.rewrites.length;
}

/**
 * Validates an EdgeFunction's props for one cloud and applies the defaults.
 * Throws one CirrusValidationError listing every problem.
 */
export function buildEdgeSpec(cloud: CloudProvider, constructPath: string, props: EdgeInput, ctx: EdgeContext): EdgeSpec {
  const problems = new ProblemCollector();
  const warnings: string[] = [];
  const label = CLOUD_LABEL[cloud];
  // Props of the wrong type are reported here and left out below.
  const input = checkTypes(problems, props, {
    environment: struct('variable names to strings', '{ TABLE: "orders" }'),
    domainNames: arrayOf('domain names, e.g. ["www.example.com"]'),
    certificateArn: A_STRING,
    accessLogs: A_BOOLEAN,
    // Only used on AWS (or with code), but checked everywhere: one declaration serves every cloud.
    regions: STRINGS,
    awsCodeKind: oneOf(Object.values(EdgeCodeKind), 'EdgeCodeKind.CLOUDFRONT_FUNCTION or EdgeCodeKind.LAMBDA_AT_EDGE'),
  });

  const origin = normaliseOrigin(problems, cloud, input.origin, ctx, warnings);
  if (input.rules !== undefined && !Array.isArray(input.rules)) {
    problems.invalid('rules', 'must be a list of EdgeRule', input.rules);
  }
  const rules = normaliseRules(problems, cloud, Array.isArray(input.rules) ? input.rules : []);
  const code = normaliseCode(problems, cloud, input, ctx, constructPath, warnings);
  const regions = normaliseRegions(problems, cloud, input, ctx, code, warnings);
  const domainNames = normaliseDomains(problems, cloud, input);

  const cloudFrontFunctions: CloudFrontFunctionSpec[] = [];
  let awsResponseHeaders: AwsResponseHeaderPlan | undefined;
  if (cloud === CloudProvider.AWS) {
    const requestRules: ViewerRequestRules = {
      constructPath,
      redirects: rules.redirects.map((r) => ({ fromPath: r.fromPath, location: r.host ? `https://${r.host}${r.path}` : r.path, statusCode: r.statusCode })),
      rewrites: rules.rewrites,
      requestHeaders: rules.requestHeaders,
    };
    const customViewer = code?.placement === EdgeCodePlacement.CLOUDFRONT_FUNCTION ? code : undefined;
    if (hasRequestRules(requestRules) && code?.placement === EdgeCodePlacement.LAMBDA_AT_EDGE && isViewerEvent(code.eventType)) {
      problems.add(`request rules (redirect, rewritePath, setRequestHeader) compile to a viewer-request CloudFront Function, which CloudFront cannot combine with Lambda@Edge on ${code.eventType}: run the code on an origin event, or as a CloudFront Function`);
    }
    const customRequest = customViewer?.eventType === EdgeEventType.VIEWER_REQUEST ? customViewer.code.inlineSource : undefined;
    if (customRequest !== undefined && hasRequestRules(requestRules) && /^\s*import\s/m.test(customRequest)) {
      problems.add('code uses import, which Cirrus cannot wrap to run after the request rules in one CloudFront Function: drop the import, or move the rules into the code');
    }
    if (hasRequestRules(requestRules) || customRequest !== undefined) {
      const source = viewerRequestFunctionSource({ ...requestRules, customSource: customRequest });
      checkCloudFrontSize(problems, source, customRequest !== undefined, hasRequestRules(requestRules), EdgeEventType.VIEWER_REQUEST);
      const syntax = javaScriptSyntaxError(source, 'generated');
      if (syntax && customRequest === undefined) {
        throw new Error(`Cirrus generated invalid CloudFront Function code for ${constructPath}: ${syntax}`);
      }
      cloudFrontFunctions.push({ eventType: EdgeEventType.VIEWER_REQUEST, source });
    }
    if (customViewer?.eventType === EdgeEventType.VIEWER_RESPONSE) {
      const source = customViewer.code.inlineSource!;
      checkCloudFrontSize(problems, source, true, false, EdgeEventType.VIEWER_RESPONSE);
      cloudFrontFunctions.push({ eventType: EdgeEventType.VIEWER_RESPONSE, source });
    }
    if (rules.responseHeaders.length + rules.removeResponseHeaders.length > 0) {
      awsResponseHeaders = planAwsResponseHeaders(rules.responseHeaders, rules.removeResponseHeaders, (p) => problems.add(p));
    }
  }
  const regionalCode = code?.placement === EdgeCodePlacement.REGIONAL;
  if (cloud === CloudProvider.AZURE) {
    const count = azureRuleCount(rules);
    if (count > AZURE_RULES_PER_RULE_SET) {
      problems.add(`rules compile to ${count} Front Door rules; a rule set holds at most ${AZURE_RULES_PER_RULE_SET}`);
    }
  }
  if (regionalCode && code) {
    const edge = cloud === CloudProvider.AZURE ? 'Azure Front Door' : 'a global external Application Load Balancer with Cloud CDN';
    const extra = ' The function\'s HTTP trigger takes every path (/{proxy+}).';
    warnings.push(
      `custom code runs regionally, not at the edge: ${label} runs no user code at the edge, so code is deployed as an EventDrivenFunction in ${regions.join(', ')} behind ${edge}. ` +
      `Every request passes through it (${EDGE_ENV.eventType}=${code.eventType}); it reaches the origin at ${EDGE_ENV.originUrl}.${extra}` +
      (input.awsCodeKind !== undefined ? ' awsCodeKind applies to AWS only.' : ''),
    );
  }
  if (cloud === CloudProvider.GCP && domainNames.length === 0) {
    warnings.push('no domainNames: a Google-managed certificate needs a domain, so the load balancer serves HTTP on port 80 only; set domainNames for HTTPS (port 80 then redirects to HTTPS)');
  }
  const accessLogs = input.accessLogs ?? true;

  problems.throwIfAny(constructPath);
  return {
    cloud, constructPath, origin: origin!, ...rules, code, cloudFrontFunctions, awsResponseHeaders, regions, domainNames,
    certificateArn: input.certificateArn, accessLogs, warnings,
  };
}

function checkCloudFrontSize(problems: ProblemCollector, source: string, custom: boolean, rules: boolean, eventType: EdgeEventType): void {
  const bytes = sourceBytes(source);
  if (bytes <= CLOUDFRONT_FUNCTION_MAX_BYTES) {
    return;
  }
  const what = custom && rules ? `code plus the compiled request rules (${eventType})` : custom ? 'code' : 'the compiled request rules';
  const fix = custom ? 'shorten it, or set awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE' : 'use fewer rules';
  problems.add(`${what} make a CloudFront Function of ${bytes} bytes; CloudFront Functions allow ${CLOUDFRONT_FUNCTION_MAX_BYTES} bytes (10 KB): ${fix}`);
}
