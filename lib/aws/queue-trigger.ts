import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionSpec, QueueTriggerSpec } from '../core/function-spec';
import { acknowledgeRule, DEAD_LETTER_QUEUE_FINDING, skipCheckov, SQS_SSE_FINDING } from './scan-annotations';

/** Dead-letter queues keep messages for the longest time SQS allows. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** SQS queues Cirrus makes: encrypted (SSE-SQS), TLS only. */
export interface AwsQueuePair {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
}

/**
 * An encrypted, TLS-only SQS queue with a dead-letter queue that receives a
 * message after `maxDeliveryAttempts` receives.
 */
export function createQueuePair(scope: Construct, queueId: string, deadLetterId: string, retentionDays: number, maxDeliveryAttempts: number, visibilityTimeoutSeconds: number): AwsQueuePair {
  const deadLetterQueue = new sqs.Queue(scope, deadLetterId, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: DEAD_LETTER_RETENTION,
    removalPolicy: QUEUE_REMOVAL_POLICY,
  });
  markDeadLetterQueue(deadLetterQueue);
  const queue = new sqs.Queue(scope, queueId, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(retentionDays),
    visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: maxDeliveryAttempts },
    removalPolicy: QUEUE_REMOVAL_POLICY,
  });
  skipCheckov(queue, 'CKV_AWS_27', SQS_SSE_FINDING);
  return { queue, deadLetterQueue };
}

/**
 * Queues hold messages not yet processed (or that failed): deleting the stack
 * or replacing a queue keeps it, with its messages, until someone drains it.
 */
export const QUEUE_REMOVAL_POLICY = RemovalPolicy.RETAIN;

/** The intended findings of a dead-letter queue: it has no dead-letter queue of its own, and is SSE-SQS encrypted. */
export function markDeadLetterQueue(queue: sqs.Queue): void {
  acknowledgeRule(queue, 'AwsSolutions-SQS3', DEAD_LETTER_QUEUE_FINDING);
  acknowledgeRule(queue, 'Serverless-SQSRedrivePolicy', DEAD_LETTER_QUEUE_FINDING);
  skipCheckov(queue, 'CKV_AWS_27', SQS_SSE_FINDING);
}

/** AWS's guidance for a Lambda consumer: visibility timeout of six times the function timeout plus the batching window. */
export function consumerVisibilityTimeout(spec: FunctionSpec, trigger: QueueTriggerSpec): number {
  return 6 * spec.timeoutSeconds + trigger.maxBatchingWindowSeconds;
}

/**
 * The function consumes the queue in batches that report item failures. A
 * shared queue's visibility timeout is raised to what its slowest consumer needs.
 */
export function consumeQueue(fn: lambda.IFunction, queue: sqs.Queue, spec: FunctionSpec, trigger: QueueTriggerSpec): void {
  const cfn = queue.node.defaultChild as sqs.CfnQueue;
  const needed = consumerVisibilityTimeout(spec, trigger);
  const current = Token.isUnresolved(cfn.visibilityTimeout) ? 0 : (cfn.visibilityTimeout ?? 30);
  if (needed > current) {
    cfn.visibilityTimeout = needed;
  }
  fn.addEventSource(new SqsEventSource(queue, {
    batchSize: trigger.batchSize,
    maxBatchingWindow: trigger.maxBatchingWindowSeconds > 0 ? Duration.seconds(trigger.maxBatchingWindowSeconds) : undefined,
    reportBatchItemFailures: true,
  }));
  acknowledgeRule(fn, 'Serverless-LambdaEventSourceMappingDestination',
    'An SQS event source keeps failed messages in the queue\'s dead-letter queue (its redrive policy); Lambda on-failure destinations exist only for stream and Kafka sources');
}

/**
 * A queue trigger without a shared EventQueue: its own encrypted SQS queue
 * and dead-letter queue, consumed by the function.
 */
export function addQueueTrigger(scope: Construct, fn: lambda.IFunction, spec: FunctionSpec, trigger: QueueTriggerSpec): sqs.Queue {
  const { queue } = createQueuePair(scope, trigger.id, `${trigger.id}DeadLetterQueue`, trigger.retentionDays, trigger.maxDeliveryAttempts,
    consumerVisibilityTimeout(spec, trigger));
  consumeQueue(fn, queue, spec, trigger);
  return queue;
}
