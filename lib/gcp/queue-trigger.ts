import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import type { FunctionSpec, QueueTriggerSpec } from '../core/function-spec';
import { GCP_DEAD_LETTER_SUBSCRIPTIONS } from './handles';
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
  /**
   * The path a delivery goes to: the endpoint itself (NATIVE handlers), or
   * Cirrus's `/_cirrus/push/<trigger>` and `/_cirrus/schedule/<trigger>`,
   * which the portable adapter answers apart from the user's routes.
   */
  pathFor(kind: 'push' | 'schedule', triggerId: string): string;
}

/** A topic and its dead-letter topic, whose own subscription keeps dead letters. */
export interface TopicPair {
  readonly topic: PubsubTopic;
  readonly deadLetterTopic: PubsubTopic;
}

/** What one push subscription delivers. */
export interface PushOptions {
  readonly maxDeliveryAttempts: number;
  readonly retentionDays: number;
  /** A Pub/Sub filter on message attributes. */
  readonly filter?: string;
}

/**
 * A Pub/Sub topic (construct id `topicId`) and a dead-letter topic (ids
 * prefixed with `prefix`) with a subscription that keeps
 * dead letters for 7 days; the Pub/Sub service agent may publish to the
 * dead-letter topic (needed to forward dead letters).
 */
export function createTopicPair(scope: Construct, stack: GcpStack, topicId: string, prefix: string, baseName: string): TopicPair {
  const topic = new PubsubTopic(scope, topicId, { name: gcpName(scope, 'gcpResource', baseName), dependsOn: needsApis(stack, 'pubsub') });
  return { topic, deadLetterTopic: createDeadLetterTopic(scope, stack, prefix, baseName) };
}

/**
 * A dead-letter topic (ids prefixed with `prefix`) whose own subscription
 * keeps dead letters for 7 days; the Pub/Sub service agent may publish to it.
 */
export function createDeadLetterTopic(scope: Construct, stack: GcpStack, prefix: string, baseName: string): PubsubTopic {
  const needs = needsApis(stack, 'pubsub');
  const deadLetterTopic = new PubsubTopic(scope, `${prefix}DeadLetterTopic`, { name: gcpName(scope, 'gcpResource', `${baseName}-dlq`), dependsOn: needs });
  GCP_DEAD_LETTER_SUBSCRIPTIONS.set(deadLetterTopic, new PubsubSubscription(scope, `${prefix}DeadLetterSubscription`, {
    name: gcpName(scope, 'gcpResource', `${baseName}-dlq-sub`),
    topic: deadLetterTopic.id,
    messageRetentionDuration: DEAD_LETTER_RETENTION,
    expirationPolicy: { ttl: '' },
  }));
  new PubsubTopicIamMember(scope, `${prefix}DeadLetterPublisher`, {
    topic: deadLetterTopic.name,
    role: 'roles/pubsub.publisher',
    member: pubsubServiceAgent(stack),
  });
  return deadLetterTopic;
}

/**
 * A push subscription (owned by the consuming function) delivering a topic's
 * messages to the function's endpoint with an OIDC token of its invoker
 * identity, retried with backoff `maxDeliveryAttempts` times, then
 * forwarded to the dead-letter topic. The Pub/Sub service agent may
 * subscribe to this subscription only (needed to forward dead letters).
 */
export function subscribePush(scope: Construct, stack: GcpStack, spec: FunctionSpec, id: string, pair: TopicPair, target: PushTarget, options: PushOptions): PubsubSubscription {
  const invoker = target.access.invoker();
  target.access.allowPubsubTokens();
  const subscription = new PubsubSubscription(scope, `${id}Subscription`, {
    name: gcpName(scope, 'gcpResource', `${id.toLowerCase()}-sub`),
    topic: pair.topic.id,
    // For push, the acknowledgement deadline is also the request timeout.
    ackDeadlineSeconds: Math.min(600, Math.max(10, spec.timeoutSeconds)),
    pushConfig: {
      pushEndpoint: `${target.uri}${target.pathFor('push', id)}`,
      oidcToken: { serviceAccountEmail: invoker.email, audience: target.uri },
    },
    deadLetterPolicy: { deadLetterTopic: pair.deadLetterTopic.id, maxDeliveryAttempts: options.maxDeliveryAttempts },
    retryPolicy: { minimumBackoff: '10s', maximumBackoff: '600s' },
    messageRetentionDuration: `${Math.round(options.retentionDays * 86400)}s`,
    expirationPolicy: { ttl: '' },
    filter: options.filter,
  });
  new PubsubSubscriptionIamMember(scope, `${id}DeadLetterSubscriber`, {
    subscription: subscription.name,
    role: 'roles/pubsub.subscriber',
    member: pubsubServiceAgent(stack),
  });
  return subscription;
}

/**
 * A queue trigger without a shared EventQueue: its own topic pair, pushed
 * to the function.
 */
export function addQueueTrigger(scope: Construct, stack: GcpStack, spec: FunctionSpec, trigger: QueueTriggerSpec, target: PushTarget): PubsubTopic {
  const pair = createTopicPair(scope, stack, `${trigger.id}Topic`, trigger.id, trigger.id.toLowerCase());
  subscribePush(scope, stack, spec, trigger.id, pair, target, { maxDeliveryAttempts: trigger.maxDeliveryAttempts, retentionDays: trigger.retentionDays });
  return pair.topic;
}
