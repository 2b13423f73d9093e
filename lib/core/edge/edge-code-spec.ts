// Custom edge code: CloudFront Function or Lambda@Edge on AWS, a regional function on Azure and GCP.
import { HandlerApi } from '../handler-api';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { CloudProvider } from '../cloud-provider';
import { CirrusValidationError, describeValue, ProblemCollector } from '../errors';
import { FunctionCode, FunctionCodeKind } from '../function-code';
import { buildFunctionSpec, FunctionInput } from '../function-spec';
import { HttpAuth } from '../http';
import { FunctionRuntime, RuntimeFamily } from '../runtime';
import { runtimeIdFor } from '../runtime-support';
import { isUnresolved } from '../tokens';
import { Trigger } from '../trigger';
import { CLOUDFRONT_FUNCTION_MAX_BYTES, sourceBytes } from './cloudfront-function-source';
import { EdgeCodeKind, EdgeEventType, isViewerEvent } from './edge-event-type';
import { given, isNumberToken } from '../validation';
import type { EdgeCodeSpec, EdgeContext, EdgeInput } from './edge-spec';
import { EDGE_ENV, EdgeCodePlacement } from './edge-placement';

const LAMBDA_EDGE_LIMITS = {
  viewer: { memoryMb: 128, maxTimeoutSeconds: 5 },
  origin: { maxMemoryMb: 10240, maxTimeoutSeconds: 30 },
};

const HANDLER = /^([A-Za-z0-9_][A-Za-z0-9_\-/.]*)\.([A-Za-z_$][A-Za-z0-9_$]*)$/;

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

/** Validates custom code for its placement (CloudFront Function, Lambda@Edge or regional). */
export function normaliseCode(
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

/** CloudFront Functions hold at most 10 KB of code (generated rules included). */
export function checkCloudFrontSize(problems: ProblemCollector, source: string, custom: boolean, rules: boolean, eventType: EdgeEventType): void {
  const bytes = sourceBytes(source);
  if (bytes <= CLOUDFRONT_FUNCTION_MAX_BYTES) {
    return;
  }
  const what = custom && rules ? `code plus the compiled request rules (${eventType})` : custom ? 'code' : 'the compiled request rules';
  const fix = custom ? 'shorten it, or set awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE' : 'use fewer rules';
  problems.add(`${what} make a CloudFront Function of ${bytes} bytes; CloudFront Functions allow ${CLOUDFRONT_FUNCTION_MAX_BYTES} bytes (10 KB): ${fix}`);
}
