import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import type { EventBusTriggerSpec, FunctionSpec } from '../core/function-spec';
import { patternFilter } from '../core/messaging';
import { gcpName } from './names';
import { createDeadLetterTopic, PushTarget, subscribePush } from './queue-trigger';
import { needsApis } from './stack-services';

/**
 * The function's own push subscription to the bus topic (an EventBus's, or
 * one the trigger creates), filtered on the `source` and `type` attributes
 * events carry, with a dead-letter topic of its own.
 */
export function addEventBusTrigger(scope: Construct, stack: GcpStack, spec: FunctionSpec, trigger: EventBusTriggerSpec, target: PushTarget, existing?: PubsubTopic): PubsubTopic {
  const lower = trigger.id.toLowerCase();
  const topic = existing ?? new PubsubTopic(scope, `${trigger.id}Topic`, { name: gcpName(scope, 'gcpResource', lower), dependsOn: needsApis(stack, 'pubsub') });
  const deadLetterTopic = createDeadLetterTopic(scope, stack, trigger.id, lower);
  subscribePush(scope, stack, spec, trigger.id, { topic, deadLetterTopic }, target, {
    maxDeliveryAttempts: trigger.maxDeliveryAttempts,
    retentionDays: trigger.maxEventAgeSeconds / 86400,
    filter: patternFilter({ source: trigger.source, detailType: trigger.detailType }),
  });
  return topic;
}
