import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import type { FunctionSpec, TopicTriggerSpec } from '../core/function-spec';
import { pubsubFilter } from '../core/messaging';
import { gcpName } from './names';
import { createDeadLetterTopic, PushTarget, subscribePush } from './queue-trigger';
import { needsApis } from './stack-services';

/**
 * The function's own push subscription to a topic (an existing EventTopic's,
 * or one the trigger creates), filtered by message attributes, with a
 * dead-letter topic of its own: fan-out gives every subscriber every message
 * and its own failure path.
 */
export function addTopicTrigger(scope: Construct, stack: GcpStack, spec: FunctionSpec, trigger: TopicTriggerSpec, target: PushTarget, existing?: PubsubTopic): PubsubTopic {
  const lower = trigger.id.toLowerCase();
  const topic = existing ?? new PubsubTopic(scope, trigger.id, { name: gcpName(scope, 'gcpResource', lower), dependsOn: needsApis(stack, 'pubsub') });
  const deadLetterTopic = createDeadLetterTopic(scope, stack, trigger.id, lower);
  subscribePush(scope, stack, spec, trigger.id, { topic, deadLetterTopic }, target, {
    maxDeliveryAttempts: trigger.maxDeliveryAttempts,
    retentionDays: trigger.maxEventAgeSeconds / 86400,
    filter: trigger.filter ? pubsubFilter(trigger.filter) : undefined,
  });
  return topic;
}
