import type { IConstruct } from 'constructs';
import type { FunctionSpec, TriggerSpec } from '../core/function-spec';
import type { BucketSpec, BusSpec, QueueSpec, TopicSpec } from '../core/messaging';
import type { SecretSpec } from '../core/secrets';

/** One function of a LocalStack, as LocalRun runs it. */
export interface LocalFunctionModel {
  /** The construct id (what `run.fire(...)` and the logs name). */
  readonly id: string;
  readonly path: string;
  readonly spec: FunctionSpec;
  readonly triggers: TriggerSpec[];
  /** The declared environment plus what grants and Cirrus add. */
  readonly environment: { [key: string]: string };
  readonly secrets: SecretSpec[];
  /** The shared resources each trigger consumes, by trigger id (construct ids of the EventQueue, EventTopic, ...). */
  readonly sources: { [triggerId: string]: string };
}

/** A shared messaging resource of a LocalStack. */
export interface LocalResourceModel {
  readonly kind: 'queue' | 'topic' | 'bus' | 'bucket';
  readonly id: string;
  readonly path: string;
  readonly spec: QueueSpec | TopicSpec | BusSpec | BucketSpec;
  /** Function ids that may produce to it (grants). */
  readonly producers: Set<string>;
  /** Function ids that may read it (bucket grantRead). */
  readonly readers: Set<string>;
}

/** What a LocalStack declares: its functions and shared resources, in declaration order. */
export class LocalModel {
  public readonly functions: LocalFunctionModel[] = [];
  public readonly resources: LocalResourceModel[] = [];

  public resource(kind: LocalResourceModel['kind'], id: string): LocalResourceModel | undefined {
    return this.resources.find((r) => r.kind === kind && r.id === id);
  }

  public fn(id: string): LocalFunctionModel | undefined {
    return this.functions.find((f) => f.id === id);
  }
}

/** Where a LocalStack keeps its model: a global symbol, so two copies of Cirrus in one process (an app run through tsx, the CLI) share it. */
const MODEL = Symbol.for('cirrus-constructs.local-model');

/** The model of a LocalStack. */
export function localModelOf(stack: IConstruct): LocalModel {
  const existing: unknown = Reflect.get(stack, MODEL);
  if (existing instanceof Object && 'functions' in existing && 'resources' in existing) {
    return existing as LocalModel; // made by this or another copy of Cirrus: the same shape
  }
  const model = new LocalModel();
  Object.defineProperty(stack, MODEL, { value: model, enumerable: false });
  return model;
}
