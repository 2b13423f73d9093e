import { HandlerApi } from '../handler-api';
import { CLOUD_LABEL, CloudProvider } from '../cloud-provider';
import { ProblemCollector } from '../errors';
import type { IEventDrivenFunction } from '../function-contract';
import { FunctionCode } from '../function-code';
import { HttpAuth } from '../http';
import { FunctionRuntime } from '../runtime';
import { AwsResponseHeaderPlan, HeaderSetting, planAwsResponseHeaders } from './aws-response-headers';
import { hasRequestRules, viewerRequestFunctionSource, ViewerRequestRules } from './cloudfront-function-source';
import { EdgeCodeKind, EdgeEventType, isViewerEvent } from './edge-event-type';
import { EdgeOrigin, EdgeOriginKind } from './edge-origin';
import { EdgeRule } from './edge-rule';
import { A_BOOLEAN, A_STRING, arrayOf, checkTypes, oneOf, STRINGS, struct } from '../validation';
import { checkCloudFrontSize, javaScriptSyntaxError, normaliseCode } from './edge-code-spec';
import { normaliseOrigin } from './edge-origin-spec';
import { EDGE_ENV, EdgeCodePlacement, normaliseDomains, normaliseRegions } from './edge-placement';
import { AZURE_RULES_PER_RULE_SET, azureRuleCount, normaliseRules } from './edge-rule-spec';

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

export { AZURE_ACTIONS_PER_RULE, AZURE_RULES_PER_RULE_SET } from './edge-rule-spec';
export { javaScriptSyntaxError } from './edge-code-spec';
export { EDGE_ENV, EdgeCodePlacement } from './edge-placement';



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
