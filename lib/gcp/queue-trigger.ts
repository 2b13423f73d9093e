import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import type { FunctionSpec, QueueTriggerSpec } from '../core/function-spec';
import { FunctionAccess } from './http-access';
import { gcpName } from './names';
import { needsApis, pubsubServiceAgent } from './stack-services';

/** Dead letters are kept for the longest time Pub/Sub subscriptions allow. */
const DEAD_LETTER_RETENTION = `${7 * 86400}s`;

/** The function endpoint a push subscription delivers to. */
export interface PushTarget {
  /** The function's HTTPS endpoint (its Cloud Run service URI). */
  readonly uri: string;
  /** Who may call it: provides the invoker identity. */
  readonly access: FunctionAccess;
}

/**
 * A Pub/Sub topic whose messages are pushed to the function's endpoint with
 * an OIDC token of the function's invoker identity. Each message is tried
 * maxDeliveryAttempts times with backoff, then forwarded to a dead-letter
 * topic whose own subscription keeps it. The Pub/Sub service agent gets the
 * two grants dead-lettering needs, on those resources only.
 */
export function addQueueTrigger(scope: Construct, stack: GcpStack, spec: FunctionSpec, trigger: QueueTriggerSpec, target: PushTarget): PubsubTopic {
  const id = trigger.id;
  const lowerId = id.toLowerCase();
  const agent = pubsubServiceAgent(stack);
  const needs = needsApis(stack, 'pubsub');
  const invoker = target.access.invoker();
  target.access.allowPubsubTokens();

  const topic = new PubsubTopic(scope, `${id}Topic`, { name: gcpName(scope, 'gcpResource', lowerId), dependsOn: needs });
  const deadLetterTopic = new PubsubTopic(scope, `${id}DeadLetterTopic`, { name: gcpName(scope, 'gcpResource', `${lowerId}-dlq`), dependsOn: needs });
  new PubsubSubscription(scope, `${id}DeadLetterSubscription`, {
    name: gcpName(scope, 'gcpResource', `${lowerId}-dlq-sub`),
    topic: deadLetterTopic.id,
    messageRetentionDuration: DEAD_LETTER_RETENTION,
    expirationPolicy: { ttl: '' },
  });
  const subscription = new PubsubSubscription(scope, `${id}Subscription`, {
    name: gcpName(scope, 'gcpResource', `${lowerId}-sub`),
    topic: topic.id,
    // For push, the acknowledgement deadline is also the request timeout.
    ackDeadlineSeconds: Math.min(600, Math.max(10, spec.timeoutSeconds)),
    pushConfig: {
      pushEndpoint: target.uri,
      oidcToken: { serviceAccountEmail: invoker.email, audience: target.uri },
    },
    deadLetterPolicy: { deadLetterTopic: deadLetterTopic.id, maxDeliveryAttempts: trigger.maxDeliveryAttempts },
    retryPolicy: { minimumBackoff: '10s', maximumBackoff: '600s' },
    messageRetentionDuration: `${trigger.retentionDays * 86400}s`,
    expirationPolicy: { ttl: '' },
  });
  new PubsubTopicIamMember(scope, `${id}DeadLetterPublisher`, {
    topic: deadLetterTopic.name,
    role: 'roles/pubsub.publisher',
    member: agent,
  });
  new PubsubSubscriptionIamMember(scope, `${id}DeadLetterSubscriber`, {
    subscription: subscription.name,
    role: 'roles/pubsub.subscriber',
    member: agent,
  });
  return topic;
}
