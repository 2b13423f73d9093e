import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CloudProvider } from '../core/cloud-provider';
import { asyncDeliveryDefaults, type TopicTriggerSpec } from '../core/function-spec';
import { AWS_ASYNC_FAILURE_QUEUES } from './handles';
import { markDeadLetterQueue, QUEUE_REMOVAL_POLICY } from './queue-trigger';

/** Dead letters are kept for the longest time SQS allows. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** An SNS topic encrypted with the AWS managed key for SNS, accepting TLS only. */
export function createTopic(scope: Construct, id: string): sns.Topic {
  const key = kms.Alias.fromAliasName(scope, `${id}Key`, 'alias/aws/sns');
  const topic = new sns.Topic(scope, id, { masterKey: key, enforceSSL: true });
  // A topic stores no messages (each subscription has its own dead-letter queue): deleting it loses nothing.
  topic.applyRemovalPolicy(RemovalPolicy.DESTROY);
  return topic;
}

/** An SSE-SQS, TLS-only queue that keeps dead letters for 14 days. */
export function deadLetterQueue(scope: Construct, id: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: DEAD_LETTER_RETENTION, removalPolicy: QUEUE_REMOVAL_POLICY,
  });
  markDeadLetterQueue(queue);
  return queue;
}

/** Delivery settings of an asynchronous source. */
export interface AsyncDelivery {
  readonly maxDeliveryAttempts: number;
  readonly maxEventAgeSeconds: number;
}

/** Lambda's own asynchronous defaults, for sources that set none: schedules. */
export const LAMBDA_ASYNC_DEFAULTS: AsyncDelivery = asyncDeliveryDefaults(CloudProvider.AWS);

/**
 * The function's asynchronous invocation settings, shared by its topic,
 * bus, storage and schedule triggers: retries, maximum event age, and an
 * on-failure destination queue, so no event is dropped silently. A schedule
 * (`isDefault`) sets Lambda's defaults only when nothing is configured yet;
 * a topic, bus or storage trigger (re)writes the settings, so they win in
 * whichever order the triggers are added (lib/core checked those agree).
 */
export function configureAsyncFailures(scope: Construct, alias: lambda.Alias, delivery: AsyncDelivery, isDefault = false): void {
  const existing = AWS_ASYNC_FAILURE_QUEUES.tryOf(scope);
  if (existing && isDefault) {
    return;
  }
  alias.node.tryRemoveChild('EventInvokeConfig');
  alias.configureAsyncInvoke({
    onFailure: new SqsDestination(existing ?? AWS_ASYNC_FAILURE_QUEUES.set(scope, deadLetterQueue(scope, 'AsyncFailureQueue'))),
    retryAttempts: delivery.maxDeliveryAttempts - 1,
    maxEventAge: Duration.seconds(delivery.maxEventAgeSeconds),
  });
}

/**
 * The function's own SNS subscription to a topic (an existing EventTopic's,
 * or one the trigger creates): invoking the live alias asynchronously,
 * filtered by message attributes, with a dead-letter queue for messages SNS
 * cannot deliver.
 */
export function addTopicTrigger(scope: Construct, alias: lambda.Alias, trigger: TopicTriggerSpec, existing?: sns.Topic): sns.Topic {
  const topic = existing ?? createTopic(scope, trigger.id);
  const dlq = deadLetterQueue(scope, `${trigger.id}DeadLetterQueue`);
  const filterPolicy = trigger.filter
    ? Object.fromEntries(Object.entries(trigger.filter).map(([k, values]) => [k, sns.SubscriptionFilter.stringFilter({ allowlist: values })]))
    : undefined;
  // The alias ARN written out: CloudFormation's validator expects a function behind the lambda protocol.
  const endpoint = Fn.join(':', [alias.lambda.functionArn, alias.aliasName]);
  new sns.Subscription(scope, `${trigger.id}Subscription`, {
    topic,
    protocol: sns.SubscriptionProtocol.LAMBDA,
    endpoint,
    filterPolicy,
    deadLetterQueue: dlq,
  });
  alias.addPermission(`${trigger.id}Invoke`, {
    principal: new iam.ServicePrincipal('sns.amazonaws.com'),
    sourceArn: topic.topicArn,
  });
  configureAsyncFailures(scope, alias, trigger);
  return topic;
}
