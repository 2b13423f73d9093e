import { Construct } from 'constructs';
import type { FunctionSpec, TriggerSpec } from '../core/function-spec';
import { TriggerKind } from '../core/trigger';
import type { WarmPoolSpec } from '../core/warm-pool-spec';
import { addWarning } from '../targets/annotations';
import type { RenderedFunction } from '../targets/renderer';
import { CloudProvider } from '../core/cloud-provider';
import { resolveTarget } from '../targets/resolve-target';
import { LocalFunctionModel, localModelOf } from './model';

/**
 * A function of a LocalStack: nothing is created; LocalRun reads the model
 * and runs the handler in a process of its own.
 */
class LocalFunction implements RenderedFunction {
  public readonly resource: Construct;
  public readonly functionName: string;
  private readonly model: LocalFunctionModel;

  constructor(scope: Construct, spec: FunctionSpec) {
    this.resource = new Construct(scope, 'Resource');
    this.functionName = scope.node.id;
    this.model = { id: scope.node.id, path: spec.constructPath, spec, triggers: [], environment: { ...spec.environment }, secrets: [], sources: {} };
    localModelOf(resolveTarget(scope, spec.constructPath).stack).functions.push(this.model);
    if (spec.region !== undefined) {
      addWarning(scope, CloudProvider.LOCAL, 'local', `region ${spec.region} is not emulated: the local run runs every function on this machine`);
    }
  }

  public get httpUrl(): string | undefined {
    return undefined;
  }

  public addTriggers(triggers: TriggerSpec[]): void {
    for (const t of triggers) {
      this.model.triggers.push(t);
      const shared = t.kind === TriggerKind.QUEUE ? t.queue : t.kind === TriggerKind.TOPIC ? t.topic : t.kind === TriggerKind.EVENT_BUS ? t.bus : t.kind === TriggerKind.STORAGE ? t.bucket : undefined;
      if (shared) {
        this.model.sources[t.id] = shared.node.id;
      }
    }
  }

  public addEnvironment(key: string, value: string): void {
    this.model.environment[key] = value;
  }

  public applyWarmPool(scope: Construct, _pool: WarmPoolSpec): void {
    addWarning(scope, CloudProvider.LOCAL, 'local', 'warm capacity is not emulated: the local run keeps one process per function warm');
  }
}

/** Records an EventDrivenFunction of a LocalStack for LocalRun. */
export function renderFunction(scope: Construct, spec: FunctionSpec): RenderedFunction {
  return new LocalFunction(scope, spec);
}

/** The model LocalRun runs of a function (also for secrets, which the observability renderer adds). */
export function localFunctionModel(scope: Construct): LocalFunctionModel | undefined {
  return localModelOf(resolveTarget(scope, scope.node.path).stack).fn(scope.node.id);
}
