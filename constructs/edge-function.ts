import { HandlerApi } from '../lib/core/handler-api';
import { fitName } from '../lib/core/naming';
import { TEXT_LIMITS } from '../lib/core/text-limits';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { DIAGRAM_DESCRIPTIONS } from '../lib/core/diagram/describe';
import { CirrusValidationError, describeValue } from '../lib/core/errors';
import { EdgeCodeKind, EdgeEventType } from '../lib/core/edge/edge-event-type';
import { EdgeOrigin, EdgeOriginKind } from '../lib/core/edge/edge-origin';
import { EdgeRule } from '../lib/core/edge/edge-rule';
import { buildEdgeSpec, EDGE_ENV, EdgeCodePlacement, EdgeSpec, OriginFunctionFacts } from '../lib/core/edge/edge-spec';
import { FunctionCode } from '../lib/core/function-code';
import { HttpAuth } from '../lib/core/http';
import { FunctionRuntime } from '../lib/core/runtime';
import { Trigger, TriggerKind } from '../lib/core/trigger';
import { addWarning } from '../lib/targets/annotations';
import { loadEdgeRenderer } from '../lib/targets/load-edge-renderer';
import { resolveTarget, ResolvedTarget } from '../lib/targets/resolve-target';
import { writeArchitectureAtSynth } from '../lib/targets/architecture-output';
import type { AzureStack } from './azure-stack';
import type { IEventDrivenFunction } from '../lib/core/function-contract';
import { edgeDiagram } from './diagram/edge-diagram';
import { EventDrivenFunction } from './event-driven-function';
import type { GcpStack } from './gcp-stack';
import { isStruct, markKind } from '../lib/core/validation';

/**
 * Props of an EdgeFunction.
 */
export interface EdgeFunctionProps {
  /** Where the edge forwards requests: EdgeOrigin.fromFunction(fn) or EdgeOrigin.fromUrl('https://...'). */
  readonly origin: EdgeOrigin;
  /**
   * Portable rules compiled natively on every cloud: header changes,
   * redirects and path rewrites.
   * @default - none
   */
  readonly rules?: EdgeRule[];
  /**
   * Custom code, cloud-native. AWS: a CloudFront Function
   * (`function handler(event)`, cloudfront-js-2.0) for viewer events, or a
   * Lambda@Edge handler module for origin events. Azure and GCP run no user
   * code at the edge: the code is an HTTP function (the module `handler`
   * names) deployed in each of `regions` behind the edge, which every request
   * passes through; it reaches the origin at `CIRRUS_EDGE_ORIGIN_URL`.
   * @default - no custom code
   */
  readonly code?: FunctionCode;
  /**
   * When the custom code runs (AWS); handed to the regional function as
   * `CIRRUS_EDGE_EVENT_TYPE` on Azure and GCP.
   * @default EdgeEventType.VIEWER_REQUEST
   */
  readonly eventType?: EdgeEventType;
  /**
   * What runs the custom code on AWS. Other clouds run it as a regional function.
   * @default EdgeCodeKind.CLOUDFRONT_FUNCTION for viewer events, EdgeCodeKind.LAMBDA_AT_EDGE for origin events
   */
  readonly awsCodeKind?: EdgeCodeKind;
  /**
   * Azure and GCP: the regions of the functions that run the custom code,
   * one function per region, all behind the one edge (Front Door sends each
   * request to the nearest healthy origin; the load balancer to the nearest
   * serverless NEG). Not used on AWS, where CloudFront runs the code.
   * @default - the stack's region
   */
  readonly regions?: string[];
  /**
   * The runtime of Lambda@Edge and of the regional functions (a CloudFront
   * Function always runs cloudfront-js-2.0 and only accepts Node.js here).
   * @default FunctionRuntime.NODEJS_22
   */
  readonly runtime?: FunctionRuntime;
  /**
   * The entry point as `<file>.<export>`. A CloudFront Function's export must be `handler`.
   * @default 'index.handler'
   */
  readonly handler?: string;
  /**
   * Memory in MB of Lambda@Edge (viewer events: 128; origin events: 128-10240)
   * or of the regional functions (their cloud's sizes). Not for CloudFront Functions.
   * @default 128 on Lambda@Edge; the regional function's default on Azure and GCP
   */
  readonly memoryMb?: number;
  /**
   * Longest run in seconds of Lambda@Edge (viewer events: 1-5; origin events:
   * 1-30) or of the regional functions. Not for CloudFront Functions.
   * @default 5 (viewer) or 30 (origin) on Lambda@Edge; 30 for regional functions
   */
  readonly timeoutSeconds?: number;
  /**
   * Environment variables of the regional functions. CloudFront Functions and
   * Lambda@Edge have none: setting this on AWS is an error.
   * @default - none
   */
  readonly environment?: { [key: string]: string };
  /**
   * How the regional code functions of Azure and GCP receive requests:
   * `HandlerApi.PORTABLE` gives them the portable HTTP event, so one handler
   * serves both clouds. Edge code on AWS runs in CloudFront and keeps
   * CloudFront's event shape (a warning says so).
   * @default HandlerApi.NATIVE
   */
  readonly handlerApi?: HandlerApi;
  /**
   * Custom domain names. AWS needs `certificateArn`; Azure and GCP issue
   * managed certificates (DNS validation is yours).
   * @default - the edge's own host name (on GCP: the load balancer's IP address over HTTP)
   */
  readonly domainNames?: string[];
  /**
   * AWS only: the ARN of an ACM certificate in us-east-1 that covers `domainNames`.
   * @default - none
   */
  readonly certificateArn?: string;
  /**
   * Access logs: an S3 bucket (AWS, kept 30 days), a Log Analytics workspace
   * (Azure, 30 days) or load balancer request logs in Cloud Logging (GCP).
   * @default true
   */
  readonly accessLogs?: boolean;
}

/** The HTTP triggers of a function, as validated by its own spec. */
function httpTriggersOf(fn: EventDrivenFunction): OriginFunctionFacts['httpTriggers'] {
  return fn._spec.triggers.flatMap((t) => (t.kind === TriggerKind.HTTP ? [{ path: t.path, auth: t.auth }] : []));
}

function stackRegion(target: ResolvedTarget): string {
  switch (target.provider) {
    case CloudProvider.AWS:
      return Stack.of(target.stack).region;
    case CloudProvider.AZURE:
      return (target.stack as AzureStack).location;
    default:
      return (target.stack as GcpStack).region;
  }
}

/**
 * Logic at the edge in front of an origin, rendered on the cloud of its
 * scope. AWS: a CloudFront distribution (HTTPS only, access logs) whose
 * portable rules become a generated CloudFront Function and a response
 * headers policy, and whose custom code runs as a CloudFront Function or
 * Lambda@Edge. Azure: a Front Door Standard profile with a rule set. GCP: a
 * global external Application Load Balancer with Cloud CDN and URL map
 * actions. Azure and GCP run no user code at the edge: custom code runs as a
 * regional function behind the edge, and synthesis says so in a warning.
 */
export class EdgeFunction extends Construct {
  /** The cloud this edge renders for. */
  public readonly provider: CloudProvider;

  /** The URL viewers use (a token): `https://<edge host>`, or `http://<ip>` on GCP without domainNames. */
  public readonly url: string;

  /** The host name viewers use (a token): the first of domainNames, or the edge's own (GCP: the IP address). */
  public readonly domainName: string;

  /** Whether the custom code runs at the edge (AWS) rather than in a regional function (Azure, GCP). */
  public readonly codeRunsAtEdge: boolean;

  /** Azure and GCP: the functions that run the custom code, one per region (empty otherwise). */
  public readonly regionalFunctions: EventDrivenFunction[];

  private readonly spec: EdgeSpec;

  /**
   * @param scope an aws-cdk-lib Stack, an AzureStack or a GcpStack (or a construct inside one)
   * @param id the construct id
   * @param props origin, rules and custom code
   */
  constructor(scope: Construct, id: string, props: EdgeFunctionProps) {
    super(scope, id);
    DIAGRAM_DESCRIPTIONS.set(this, edgeDiagram(this, () => this.spec));
    const target = resolveTarget(scope, this.node.path);
    this.provider = target.provider;
    if (!isStruct(props)) {
      throw new CirrusValidationError(this.node.path, [`props must be an object with origin (got ${describeValue(props)})`]);
    }
    const region = stackRegion(target);

    const originFn = props.origin instanceof EdgeOrigin && props.origin.kind === EdgeOriginKind.FUNCTION ? props.origin.originFunction : undefined;
    let originFunction: OriginFunctionFacts | undefined;
    if (originFn instanceof EventDrivenFunction) {
      const fnTarget = resolveTarget(originFn, originFn.node.path);
      originFunction = {
        provider: originFn.provider,
        constructPath: originFn.node.path,
        sameStack: fnTarget.stack === target.stack,
        httpTriggers: httpTriggersOf(originFn),
      };
    }
    this.spec = buildEdgeSpec(this.provider, this.node.path, props, { stackRegion: region, originFunction });

    this.regionalFunctions = this.createRegionalFunctions(region, originFn);
    this.codeRunsAtEdge = this.spec.code !== undefined && this.spec.code.placement !== EdgeCodePlacement.REGIONAL;
    const rendered = loadEdgeRenderer(this.provider, this.node.path).renderEdge(this, this.spec, { regionalFunctions: this.regionalFunctions });
    this.node.defaultChild = rendered.resource;
    this.url = rendered.url;
    this.domainName = rendered.domainName;
    this.warn(this.spec.warnings);
    writeArchitectureAtSynth(this);
  }

  /** One EventDrivenFunction per region for custom code on Azure and GCP; the stack's region keeps the id `Code`. */
  private createRegionalFunctions(region: string, originFn: IEventDrivenFunction | undefined): EventDrivenFunction[] {
    const code = this.spec.code;
    // The local run does not emulate the edge (a warning says so), so no regional code runs there.
    if (!code || code.placement !== EdgeCodePlacement.REGIONAL || this.provider === CloudProvider.LOCAL) {
      return [];
    }
    const originUrl = this.spec.origin.url ?? originFn?.httpUrl ?? '';
    return this.spec.regions.map((r) => new EventDrivenFunction(this, r === region ? 'Code' : `Code-${r}`, {
      runtime: code.runtime,
      code: code.code,
      handler: code.handler,
      memoryMb: code.memoryMb,
      timeoutSeconds: code.timeoutSeconds,
      handlerApi: code.handlerApi,
      environment: { ...code.environment, [EDGE_ENV.originUrl]: originUrl, [EDGE_ENV.eventType]: code.eventType },
      description: fitName(`Custom edge code of ${this.node.path}, run regionally behind the edge`, TEXT_LIMITS.aws.lambdaDescription),
      region: r === region ? undefined : r,
      // Every request passes through the code, whatever its path.
      triggers: [Trigger.http({ path: '/{proxy+}', auth: HttpAuth.PUBLIC })],
    }));
  }

  private warn(warnings: string[]): void {
    for (const w of warnings) {
      addWarning(this, this.provider, 'edge', w);
    }
  }
}

markKind(EdgeFunction, 'EdgeFunction');
