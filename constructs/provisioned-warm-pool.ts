import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { DIAGRAM_DESCRIPTIONS } from '../lib/core/diagram/describe';
import { CirrusValidationError, describeValue } from '../lib/core/errors';
import { Schedule } from '../lib/core/schedule';
import { buildWarmPoolSpec, WarmPoolSpec } from '../lib/core/warm-pool-spec';
import { addWarning } from '../lib/targets/annotations';
import { resolveTarget } from '../lib/targets/resolve-target';
import type { IEventDrivenFunction } from '../lib/core/function-contract';
import { warmPoolDiagram } from './diagram/warm-pool-diagram';
import { EventDrivenFunction } from './event-driven-function';
import { isStruct, markKind } from '../lib/core/validation';

/**
 * The load a warm pool is sized for.
 */
export interface WarmPoolLoad {
  /** Requests (or events) per second at the peak. */
  readonly peakRequestsPerSecond: number;
  /** Average time one request takes, in milliseconds. */
  readonly averageDurationMs: number;
}

/**
 * A scheduled change of the pool's floor (and optionally its ceiling), for
 * business hours or batch windows. AWS only: Azure and GCP have no scheduled
 * change of warm capacity.
 */
export interface ScheduledCapacity {
  /** When the change takes effect (Schedule.cron or an interval). */
  readonly schedule: Schedule;
  /** The floor from then on. */
  readonly minInstances: number;
  /**
   * The ceiling from then on.
   * @default the pool's maxInstances
   */
  readonly maxInstances?: number;
}

/**
 * Props of a ProvisionedWarmPool.
 */
export interface ProvisionedWarmPoolProps {
  /** The EventDrivenFunction to keep warm (in the same stack). */
  readonly function: IEventDrivenFunction;
  /**
   * Instances kept warm at all times. Wins over the plan from `load`.
   * @default - planned from `load` (one of the two is required)
   */
  readonly minInstances?: number;
  /**
   * Most instances the pool scales to.
   * @default the function's maxConcurrency, or twice the floor
   */
  readonly maxInstances?: number;
  /**
   * Utilisation of the warm instances the pool aims for, 0.1-0.9: the plan
   * divides by it for headroom, and AWS autoscaling tracks it.
   * @default 0.7
   */
  readonly targetUtilization?: number;
  /**
   * The peak load, to plan the floor with Little's law:
   * ceil(peakRequestsPerSecond x averageDurationMs / 1000 / targetUtilization / instanceConcurrency).
   * @default - no plan; minInstances is required
   */
  readonly load?: WarmPoolLoad;
  /**
   * Requests one instance serves at once. AWS: always 1. Azure: the app's
   * HTTP concurrency per instance. GCP: the service's request concurrency
   * (above 1 needs 1 vCPU, i.e. memoryMb 2048 or more).
   * @default 1
   */
  readonly instanceConcurrency?: number;
  /**
   * Changes of the floor at given times. AWS only.
   * @default - none
   */
  readonly scheduledCapacity?: ScheduledCapacity[];
}

const POOL_OF = new WeakMap<EventDrivenFunction, ProvisionedWarmPool>();

/**
 * Warm capacity against cold starts for an EventDrivenFunction, sized from a
 * declared load and priced from dated list prices.
 *
 * - AWS: provisioned concurrency on the function's `live` alias (which every
 *   trigger invokes), with Application Auto Scaling target tracking on
 *   provisioned-concurrency utilisation and scheduled actions.
 * - Azure: Flex Consumption always-ready instances for the HTTP group and each
 *   queue function, and the app's maximum instance count.
 * - GCP: the function's minimum and maximum instances.
 */
export class ProvisionedWarmPool extends Construct {
  /** The cloud the pool renders for. */
  public readonly provider: CloudProvider;

  /** The floor used: minInstances if given, else the plan from the load. */
  public readonly plannedMinInstances: number;

  /** The ceiling used. */
  public readonly maxInstances: number;

  /**
   * Monthly cost in USD of keeping the floor warm all month (provisioned
   * concurrency / always-ready baseline / idle minimum instances) at the
   * dated list prices in lib/core/pricing.ts; execution is billed on top.
   */
  public readonly estimatedMonthlyCostUsd: number;

  /** The function kept warm. */
  public readonly function: EventDrivenFunction;

  private readonly spec: WarmPoolSpec;

  /**
   * @param scope a construct in the function's stack
   * @param id the construct id
   * @param props the function and its capacity
   */
  constructor(scope: Construct, id: string, props: ProvisionedWarmPoolProps) {
    super(scope, id);
    DIAGRAM_DESCRIPTIONS.set(this, warmPoolDiagram(this));
    if (!isStruct(props)) {
      throw new CirrusValidationError(this.node.path, [`props must be an object with function and minInstances or load (got ${describeValue(props)})`]);
    }
    const fn = props.function;
    if (!(fn instanceof EventDrivenFunction)) {
      throw new CirrusValidationError(this.node.path, [`function must be an EventDrivenFunction (got ${describeValue(fn)})`]);
    }
    const target = resolveTarget(scope, this.node.path);
    const fnTarget = resolveTarget(fn, fn.node.path);
    if (target.stack !== fnTarget.stack) {
      throw new CirrusValidationError(this.node.path, [`function ${fn.node.path} is in another stack: place the pool in ${fnTarget.stack.node.path}`]);
    }
    const existing = POOL_OF.get(fn);
    if (existing) {
      throw new CirrusValidationError(this.node.path, [`function ${fn.node.path} already has a warm pool (${existing.node.path}); a function has at most one`]);
    }
    this.provider = target.provider;
    this.function = fn;
    this.spec = buildWarmPoolSpec(this.node.path, fn._spec, props);
    POOL_OF.set(fn, this);
    this.plannedMinInstances = this.spec.minInstances;
    this.maxInstances = this.spec.maxInstances;
    this.estimatedMonthlyCostUsd = this.spec.estimatedMonthlyCostUsd;
    fn._applyWarmPool(this, this.spec);
    for (const w of this.spec.warnings) {
      addWarning(this, this.provider, 'warm-pool', w);
    }
  }

  /** The floor Little's law gave for the declared load, or undefined without a load. */
  public get plannedFromLoad(): number | undefined {
    return this.spec.plannedFromLoad;
  }
}

markKind(ProvisionedWarmPool, 'ProvisionedWarmPool');
