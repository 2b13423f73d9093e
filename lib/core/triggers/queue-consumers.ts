import { CloudProvider } from '../cloud-provider';
import { ProblemCollector } from '../errors';
import { HandleSlot } from '../handle-slot';
import { TriggerKind } from '../trigger';
import type { TriggerSpec } from './trigger-spec';

/**
 * Whether a shared queue may have competing consumers on each cloud. GCP has
 * none: a Cirrus queue there is a Pub/Sub topic with one push subscription,
 * and "each subscription receives every message" of its topic
 * (cloud.google.com/pubsub/docs/subscriber), so two consumers would each get
 * every message, which is a topic. SQS and Service Bus queues deliver each
 * message to one of their receivers.
 */
export const COMPETING_CONSUMERS: Record<CloudProvider, boolean> = {
  [CloudProvider.AWS]: true,
  [CloudProvider.AZURE]: true,
  [CloudProvider.GCP]: false,
  [CloudProvider.LOCAL]: true,
};

/** The construct path of the one function consuming each shared queue, where the cloud allows one. */
const CONSUMER = new HandleSlot<string>('consumer');

function sharedQueuesOf(triggers: TriggerSpec[]) {
  return triggers.flatMap((t) => (t.kind === TriggerKind.QUEUE && t.queue ? [t.queue] : []));
}

/** Reports each shared queue of `triggers` that another function already consumes, where the cloud allows one consumer. */
export function checkQueueConsumers(problems: ProblemCollector, cloud: CloudProvider, constructPath: string, triggers: TriggerSpec[]): void {
  if (COMPETING_CONSUMERS[cloud]) {
    return;
  }
  for (const queue of sharedQueuesOf(triggers)) {
    const consumer = CONSUMER.tryOf(queue);
    if (consumer !== undefined && consumer !== constructPath) {
      problems.add(`cannot consume ${queue.node.path}, already consumed by ${consumer}: on GCP a queue is a Pub/Sub topic with one push subscription, `
        + 'so competing consumers are not possible; use an EventTopic to give each function every message, or one consumer');
    }
  }
}

/** Records the function as the consumer of its shared queues, once it rendered (see checkQueueConsumers). */
export function claimQueueConsumers(cloud: CloudProvider, constructPath: string, triggers: TriggerSpec[]): void {
  if (!COMPETING_CONSUMERS[cloud]) {
    sharedQueuesOf(triggers).forEach((queue) => CONSUMER.set(queue, constructPath));
  }
}
