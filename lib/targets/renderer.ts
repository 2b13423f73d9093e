import { Construct, IConstruct } from 'constructs';
import type { FunctionSpec, TriggerSpec } from '../core/function-spec';
import type { WarmPoolSpec } from '../core/warm-pool-spec';

/** What a cloud renderer hands back to EventDrivenFunction. */
export interface RenderedFunction {
  /** The function's name on its cloud (may be a token). */
  readonly functionName: string;
  /** The main native resource: the escape hatch. */
  readonly resource: IConstruct;
  /** The HTTPS base URL of the function's HTTP triggers, once it has one. */
  readonly httpUrl?: string;
  /** Where the function's own resources are: the function construct itself unless the cloud placed them elsewhere (an AWS nested stack). */
  readonly resourceScope?: Construct;
  /** Renders more triggers (already validated, with fresh ids). */
  addTriggers(triggers: TriggerSpec[]): void;
  /** Sets an environment variable (app setting on Azure). */
  addEnvironment(key: string, value: string): void;
  /** Keeps instances warm as the pool says; resources the pool owns go under `scope`. */
  applyWarmPool(scope: Construct, pool: WarmPoolSpec): void;
}

/** A cloud renderer module, loaded lazily by lib/targets. */
export interface FunctionRendererModule {
  renderFunction(scope: Construct, spec: FunctionSpec): RenderedFunction;
}
