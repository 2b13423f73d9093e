import { Construct, IConstruct } from 'constructs';
import type { AlarmTarget, FunctionAlarms } from '../lib/core/alarms';
import { CloudProvider } from '../lib/core/cloud-provider';
import { DIAGRAM_DESCRIPTIONS } from '../lib/core/diagram/describe';
import { CirrusValidationError, describeValue } from '../lib/core/errors';
import { FunctionCode, FunctionCodeKind } from '../lib/core/function-code';
import type { IEventDrivenFunction } from '../lib/core/function-contract';
import { buildFunctionSpec, FunctionSpec, HttpTriggerSpec, TriggerSpec } from '../lib/core/function-spec';
import { claimQueueConsumers } from '../lib/core/triggers/queue-consumers';
import { HandlerApi } from '../lib/core/handler-api';
import { producerCalls, producerProblems } from '../lib/core/producer-names';
import { FunctionRuntime } from '../lib/core/runtime';
import type { SecretRef } from '../lib/core/secrets';
import { Trigger, TriggerKind } from '../lib/core/trigger';
import type { WarmPoolSpec } from '../lib/core/warm-pool-spec';
import { addWarning } from '../lib/targets/annotations';
import { withShortTokenTraces } from '../lib/targets/cdktf-engine';
import { renderFunctionObservability } from '../lib/targets/load-observability-renderer';
import { loadFunctionRenderer } from '../lib/targets/load-renderer';
import type { RenderedFunction } from '../lib/targets/renderer';
import { resolveTarget } from '../lib/targets/resolve-target';
import { crossStackRefusal } from '../lib/targets/stack-sharing';
import { writeArchitectureAtSynth } from '../lib/targets/architecture-output';
import { isStruct, kindOf, markKind } from '../lib/core/validation';
import type { HttpApi } from './http-api';
import { placementProblems } from '../lib/core/placement';
import { functionDiagram } from './diagram/function-diagram';
import type { FunctionPlacement } from './function-placement';

/**
 * Props of an EventDrivenFunction.
 */
export interface EventDrivenFunctionProps {
  /** The language runtime, e.g. FunctionRuntime.NODEJS_22. */
  readonly runtime: FunctionRuntime;
  /** The code: FunctionCode.fromAsset(folder) or FunctionCode.fromInline(source). */
  readonly code: FunctionCode;
  /**
   * The entry point as `<file>.<export>`, e.g. `index.handler`: the module
   * `index.js` / `index.py` in the code root and its exported function. Each
   * cloud calls it with its own event shape.
   */
  readonly handler: string;
  /**
   * How the handler receives invocations. `HandlerApi.NATIVE`: each cloud
   * calls it with its own event shape. `HandlerApi.PORTABLE`: one event
   * (`{ cloud, trigger, http?, records? }`) and one result on every cloud and
   * in the local run; Cirrus adds the adapter and the `cirrus-runtime`
   * producers (`require('cirrus-runtime')` / `import cirrus_runtime`) to the
   * package. PORTABLE needs `FunctionCode.fromAsset`.
   * @default HandlerApi.NATIVE
   */
  readonly handlerApi?: HandlerApi;
  /**
   * Memory in MB. AWS: 128-10240; Azure Flex Consumption: instances of 512,
   * 2048 or 4096 (a size in between, e.g. 1024, runs on the next larger
   * instance, with a warning); GCP: 128, 256, 512, 1024, 2048, 4096, 8192,
   * 16384 or 32768.
   * @default 256 (2048 on Azure, the instance size Microsoft recommends for most apps)
   */
  readonly memoryMb?: number;
  /**
   * Longest run of one invocation, in seconds. AWS: up to 900; Azure: up to
   * 3600; GCP: up to 3600, 600 with a queue trigger, 1800 with a schedule.
   * @default 30
   */
  readonly timeoutSeconds?: number;
  /**
   * Environment variables. Names reserved by a platform are rejected.
   * @default - none
   */
  readonly environment?: { [key: string]: string };
  /**
   * Most concurrent executions: AWS reserved concurrency, Azure maximum
   * instance count (40-1000 in azurerm 4.55), GCP maximum instances (each
   * serving one request at a time).
   * @default - the platform's default scaling limit
   */
  readonly maxConcurrency?: number;
  /**
   * How long logs are kept, in days. AWS: a CloudWatch retention value (1, 3,
   * 5, 7, 14, 30, 60, 90, ...); Azure: 30-730 (Log Analytics); GCP: 1-3650
   * (a Cloud Logging bucket).
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * A description shown in the cloud console (at most 256 characters).
   * @default - none
   */
  readonly description?: string;
  /**
   * Azure and GCP: the region the function runs in (an Azure location such as
   * `northeurope`, a GCP region such as `us-central1`), for a function outside
   * its stack's region. Resources the stack shares (logs workspace, Service
   * Bus namespace, code bucket) stay in the stack's region. Not settable on
   * AWS, where a Lambda function runs in its Stack's region.
   * @default - the stack's region (AzureStack `location`, GcpStack `region`)
   */
  readonly region?: string;
  /**
   * The event sources that invoke the function.
   * @default - none; add some with addTrigger
   */
  readonly triggers?: Trigger[];
  /**
   * The load the function is expected to carry each month, for the cost
   * estimate of a CostBudgetGuard in its stack.
   * @default - not estimated
   */
  readonly expectedLoad?: FunctionLoad;
  /**
   * Alarms on errors, throttles (AWS and GCP; Azure has no throttling
   * metric), duration near the timeout and messages in the dead-letter
   * queues of the triggers. `FunctionAlarms.defaults({ ... })` overrides
   * thresholds; `FunctionAlarms.none()` opts out.
   * @default FunctionAlarms.defaults()
   */
  readonly alarms?: FunctionAlarms;
  /**
   * Who the alarms notify, when they fire and when they recover:
   * `AlarmTarget.email(address)` (the function gets its own channel for
   * these) and `AlarmTarget.channel(channel)` for shared AlarmChannels of
   * the same stack.
   * @default - nobody: the alarms exist and a warning says nobody is notified
   */
  readonly notify?: AlarmTarget[];
  /**
   * Secrets the function reads, by environment variable name:
   * `{ DB_PASSWORD: SecretRef.fromName('orders-db-password') }`. Only
   * references reach the output, never values. AWS: `DB_PASSWORD_SECRET_ARN`
   * holds the secret's ARN and the role may read that secret (the handler
   * fetches the value); Azure: `DB_PASSWORD` is a Key Vault reference the
   * platform resolves, read with the function's identity; GCP:
   * `DB_PASSWORD` is filled from the secret's latest version, which the
   * function's service account may access.
   * @default - none
   */
  readonly secrets?: { [key: string]: SecretRef };
  /**
   * AWS: where the function's resources go. `FunctionPlacement.group(name)`
   * pins them to the nested stack `Functions<name>` of the stack;
   * `FunctionPlacement.inStack()` keeps them in the stack itself when the
   * stack nests its functions (FunctionPlacement.nestedStacks). Azure and GCP
   * accept only inStack(), which is what they do.
   * @default - the stack's rule: a nested stack by hash of the construct path after FunctionPlacement.nestedStacks(stack), else the stack itself
   */
  readonly placement?: FunctionPlacement;
}

/**
 * The monthly load of a function, for cost estimates.
 */
export interface FunctionLoad {
  /** Invocations a month. */
  readonly monthlyInvocations: number;
  /** Average duration of one invocation, in milliseconds. */
  readonly averageDurationMs: number;
}

/**
 * A function and the events that trigger it, rendered natively on the cloud
 * of its scope: AWS Lambda, Azure Functions (Flex Consumption) or Cloud
 * Functions (2nd gen). Each function gets its own least-privilege identity,
 * logs with retention and tracing.
 */
export class EventDrivenFunction extends Construct implements IEventDrivenFunction {
  /** The cloud this function renders for. */
  public readonly provider: CloudProvider;

  /** The function's name on its cloud (a token on AWS, and on Azure, where the name ends in a hash Terraform computes). */
  public readonly functionName: string;

  private readonly props: EventDrivenFunctionProps;
  private readonly triggerList: Trigger[];
  private readonly rendered: RenderedFunction;
  private spec: FunctionSpec;

  /**
   * @param scope an aws-cdk-lib Stack, an AzureStack or a GcpStack (or a construct inside one)
   * @param id the construct id
   * @param props the function
   */
  constructor(scope: Construct, id: string, props: EventDrivenFunctionProps) {
    super(scope, id);
    DIAGRAM_DESCRIPTIONS.set(this, functionDiagram(this, () => this.alarmTargets()));
    const target = resolveTarget(scope, this.node.path);
    this.provider = target.provider;
    if (!isStruct(props)) {
      throw new CirrusValidationError(this.node.path, [`props must be an object with runtime, code and handler (got ${describeValue(props)})`]);
    }
    this.props = props;
    const placement = placementProblems(this.provider, props.placement, kindOf(props.placement) === 'FunctionPlacement');
    if (placement.length > 0) {
      throw new CirrusValidationError(this.node.path, placement);
    }
    // A triggers prop that is not a list is reported by buildFunctionSpec, naming it.
    this.triggerList = Array.isArray(props.triggers) ? [...props.triggers] : [];
    this.spec = buildFunctionSpec(this.provider, this.node.path, { ...props, triggers: Array.isArray(props.triggers) ? this.triggerList : props.triggers });
    this.checkSharedSources(this.triggerList, target.stack);
    claimApiRoutes(this.node.path, this.spec.triggers);
    this.rendered = this.renderWithEngine(() => {
      const rendered = loadFunctionRenderer(this.provider, this.node.path).renderFunction(this, this.spec);
      rendered.addTriggers(this.spec.triggers);
      return rendered;
    });
    claimQueueConsumers(this.provider, this.node.path, this.spec.triggers);
    renderApiRoutes(this, this.spec, this.spec.triggers);
    this.node.defaultChild = this.rendered.resource;
    this.functionName = this.rendered.functionName;
    this.warn(this.spec.warnings);
    this.renderWithEngine(() => renderFunctionObservability(this, { alarms: props.alarms, notify: props.notify, secrets: props.secrets }));
    writeArchitectureAtSynth(this);
    if (this.spec.handlerApi === HandlerApi.PORTABLE && this.spec.code.kind === FunctionCodeKind.ASSET) {
      this.checkProducerNamesAtSynth(target.stack);
    }
  }

  /**
   * At synthesis, when every construct exists: each `queue('Orders')`-style
   * producer call with a literal name in the handler code must name a shared
   * construct of that kind in the function's stack.
   */
  private checkProducerNamesAtSynth(stack: IConstruct): void {
    const calls = producerCalls(this.spec.code.assetPath!);
    if (calls.length === 0) {
      return;
    }
    this.node.addValidation({
      validate: () => producerProblems(calls, stack.node.findAll().flatMap((c) => {
        const kind = kindOf(c);
        return kind ? [{ kind, id: c.node.id }] : [];
      })),
    });
  }

  /** Renders with cdktf's token traces capped on the Terraform clouds (see withShortTokenTraces). */
  private renderWithEngine<T>(render: () => T): T {
    return this.provider === CloudProvider.AZURE || this.provider === CloudProvider.GCP ? withShortTokenTraces(render) : render();
  }

  /**
   * The HTTPS base URL of the function's HTTP triggers (a token), if it has one.
   */
  public get httpUrl(): string | undefined {
    const http = this.spec.triggers.filter((t): t is HttpTriggerSpec => t.kind === TriggerKind.HTTP);
    // A function whose routes all belong to HttpApis is reached through the (first) API.
    return http.length > 0 && http.every((t) => t.api) ? http[0].api!.url : this.rendered.httpUrl;
  }

  /**
   * The memory the function runs with, in MB, after the cloud's default.
   */
  public get memoryMb(): number {
    return this.spec.memoryMb;
  }

  /**
   * The validated spec, for other Cirrus constructs.
   * @internal
   */
  public get _spec(): FunctionSpec {
    return this.spec;
  }

  /**
   * The placement the function asked for (AWS nested stacks), if any.
   * @internal
   */
  public get _placement(): FunctionPlacement | undefined {
    return this.props.placement ?? undefined;
  }

  /**
   * Where the function's own resources are: this construct, or its mirror in
   * an AWS nested stack. Renderers that add resources of the function put
   * them here.
   * @internal
   */
  public get _resourceScope(): Construct {
    return this.rendered.resourceScope ?? this;
  }

  /** Who the function's alarms notify (none when alarms are off), for the architecture diagram. */
  private alarmTargets(): AlarmTarget[] {
    return this.props.alarms?.enabled === false ? [] : [...(this.props.notify ?? [])];
  }

  /**
   * Keeps instances warm; called by ProvisionedWarmPool.
   * @internal
   */
  public _applyWarmPool(scope: Construct, pool: WarmPoolSpec): void {
    this.rendered.applyWarmPool(scope, pool);
    this.warmPool = pool;
  }

  /**
   * The warm pool applied to this function, if any.
   * @internal
   */
  public get _warmPool(): WarmPoolSpec | undefined {
    return this.warmPool;
  }

  private warmPool?: WarmPoolSpec;

  /**
   * Sets an environment variable (an app setting on Azure) after construction.
   *
   * @param key the variable name (platform-reserved names are rejected)
   * @param value its value (may be a token)
   */
  public addEnvironment(key: string, value: string): void {
    const existing = this.extraEnvironment[key] ?? this.props.environment?.[key];
    if (existing !== undefined && existing !== value) {
      throw new CirrusValidationError(this.node.path, [`environment key ${JSON.stringify(key)} is already set to another value`]);
    }
    buildFunctionSpec(this.provider, this.node.path, { ...this.props, environment: { ...this.props.environment, ...this.extraEnvironment, [key]: value }, triggers: this.triggerList });
    this.rendered.addEnvironment(key, value);
    this.extraEnvironment[key] = value; // recorded once the renderer took it
  }

  private readonly extraEnvironment: { [key: string]: string } = {};

  /**
   * Adds an event source. The whole function is validated again, so a
   * trigger that conflicts with the others fails here, naming this construct.
   *
   * @param trigger the event source
   */
  public addTrigger(trigger: Trigger): void {
    const before = this.spec.triggers.length;
    const spec = buildFunctionSpec(this.provider, this.node.path, { ...this.props, triggers: [...this.triggerList, trigger] });
    this.checkSharedSources([trigger], resolveTarget(this, this.node.path).stack);
    claimApiRoutes(this.node.path, spec.triggers.slice(before));
    // Rendered before the function's own state changes: a renderer that throws leaves the function as it was.
    this.renderWithEngine(() => this.rendered.addTriggers(spec.triggers.slice(before)));
    claimQueueConsumers(this.provider, this.node.path, spec.triggers);
    this.triggerList.push(trigger);
    this.spec = spec;
    renderApiRoutes(this, spec, spec.triggers.slice(before));
    this.warn(spec.warnings.filter((w) => !this.warned.has(w)));
  }

  private readonly warned = new Set<string>();

  /** Shared queues, topics and buses: of the function's stack, or of another where the cloud's sharing rule allows it. */
  private checkSharedSources(triggers: Trigger[], stack: IConstruct): void {
    const problems = triggers.flatMap((t, i) => {
      const sources: Array<[string, IConstruct | undefined]> = [
        ['queue', t.queueOptions?.queue], ['topic', t.topicOptions?.topic], ['bus', t.eventBusOptions?.bus], ['bucket', t.storageOptions?.bucket],
        ['api', t.httpOptions?.api],
      ];
      const [prop, shared] = sources.find(([, s]) => s !== undefined) ?? ['', undefined];
      const elsewhere = shared !== undefined && resolveTarget(shared, shared.node.path).stack !== stack;
      // An HttpApi routes to the functions of its own stack (its routes, integrations and invoke permissions live with it).
      const refusal = !elsewhere ? undefined : prop === 'api' ? 'an HttpApi routes to the functions of its own stack' : crossStackRefusal(shared!, this);
      return refusal ? [`triggers[${i}].${prop} ${shared!.node.path} is in another stack; ${refusal}`] : [];
    });
    if (problems.length > 0) {
      throw new CirrusValidationError(this.node.path, problems);
    }
  }

  private warn(warnings: string[]): void {
    for (const w of warnings) {
      this.warned.add(w);
      addWarning(this, this.provider, 'function', w);
    }
  }
}

markKind(EventDrivenFunction, 'EventDrivenFunction');

/** The HTTP triggers of each HttpApi among `triggers`. */
function byApi(triggers: TriggerSpec[]): Map<HttpApi, HttpTriggerSpec[]> {
  const apis = new Map<HttpApi, HttpTriggerSpec[]>();
  for (const t of triggers) {
    if (t.kind === TriggerKind.HTTP && t.api) {
      const api = t.api as HttpApi;
      apis.set(api, [...(apis.get(api) ?? []), t]);
    }
  }
  return apis;
}

/** Claims the routes of HttpApi triggers before the function renders: a conflict throws, naming both functions. */
function claimApiRoutes(functionPath: string, triggers: TriggerSpec[]): void {
  for (const [api, routes] of byApi(triggers)) {
    api._claimRoutes(functionPath, routes);
  }
}

/** Routes each HttpApi's triggers to the rendered function. */
function renderApiRoutes(fn: EventDrivenFunction, spec: FunctionSpec, triggers: TriggerSpec[]): void {
  for (const [api, routes] of byApi(triggers)) {
    api._renderRoutes(fn, spec, routes);
  }
}
