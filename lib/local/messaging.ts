import { Construct } from 'constructs';
import type { IEventDrivenFunction } from '../core/function-contract';
import type { BucketSpec, BusSpec, QueueSpec, TopicSpec } from '../core/messaging';
import type { RenderedMessaging } from '../targets/load-messaging-renderer';
import { resolveTarget } from '../targets/resolve-target';
import { LocalResourceModel, localModelOf } from './model';

/**
 * A shared queue, topic, bus or bucket of a LocalStack: an entry of the model
 * that LocalRun turns into an in-memory queue, topic or bus, or a folder.
 * A grant puts the resource's path in the function's environment, as the
 * clouds put its address, so cirrus-runtime finds it the same way.
 */
function render(scope: Construct, kind: LocalResourceModel['kind'], spec: QueueSpec | TopicSpec | BusSpec | BucketSpec): RenderedMessaging {
  const model: LocalResourceModel = { kind, id: scope.node.id, path: scope.node.path, spec, producers: new Set(), readers: new Set() };
  localModelOf(resolveTarget(scope, scope.node.path).stack).resources.push(model);
  const resource = new Construct(scope, 'Resource');
  return {
    name: scope.node.id,
    address: `local:${kind}:${scope.node.path}`,
    resource,
    grantSend(fn: IEventDrivenFunction): void {
      model.producers.add(fn.node.id);
      fn.addEnvironment(spec.environmentName, `local:${kind}:${scope.node.path}`);
    },
    grantRead(fn: IEventDrivenFunction): void {
      model.readers.add(fn.node.id);
      fn.addEnvironment(spec.environmentName, `local:${kind}:${scope.node.path}`);
    },
  };
}

export const renderQueue = (scope: Construct, spec: QueueSpec) => render(scope, 'queue', spec);
export const renderTopic = (scope: Construct, spec: TopicSpec) => render(scope, 'topic', spec);
export const renderBus = (scope: Construct, spec: BusSpec) => render(scope, 'bus', spec);
export const renderBucket = (scope: Construct, spec: BucketSpec) => render(scope, 'bucket', spec);
