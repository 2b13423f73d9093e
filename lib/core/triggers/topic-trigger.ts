import { CLOUD_LABEL } from '../cloud-provider';
import { checkTopicFilter } from '../messaging';
import { Trigger, TriggerKind } from '../trigger';
import { ASYNC_DELIVERY, asyncDelivery } from './delivery';
import { triggerOptions } from './trigger-options';
import type { TriggerContext } from './trigger-context';
import type { TopicTriggerSpec } from './trigger-spec';

/** A topic subscription: delivery, and an attribute filter the cloud can express. */
export function normaliseTopicTrigger(ctx: TriggerContext, trigger: Trigger, prop: string): TopicTriggerSpec {
  const { problems, cloud, label, ids } = ctx;
  const o = triggerOptions(problems, prop, trigger.kind, trigger.topicOptions);
  const { attempts, age } = asyncDelivery(problems, cloud, prop, ASYNC_DELIVERY, false, o);
  if (o.topic && o.topic.provider !== cloud) {
    problems.add(`${prop}.topic ${o.topic.node.path} is on ${CLOUD_LABEL[o.topic.provider]}, not ${label}`);
  }
  const filter = checkTopicFilter(problems, cloud, `${prop}.filter`, o.filter);
  return { kind: TriggerKind.TOPIC, id: ids.next('Topic', o.topic), topic: o.topic, filter, maxDeliveryAttempts: attempts, maxEventAgeSeconds: age };
}
