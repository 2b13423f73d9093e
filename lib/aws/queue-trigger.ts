import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionSpec, QueueTriggerSpec } from '../core/function-spec';

/** Dead-letter queues keep messages for the longest time SQS allows. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * An encrypted SQS queue with a dead-letter queue, consumed by the function
 * in batches that report item failures. The visibility timeout is six times
 * the function timeout plus the batching window, as AWS recommends.
 */
export function addQueueTrigger(scope: Construct, fn: lambda.IFunction, spec: FunctionSpec, trigger: QueueTriggerSpec): sqs.Queue {
  const deadLetterQueue = new sqs.Queue(scope, `${trigger.id}DeadLetterQueue`, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: DEAD_LETTER_RETENTION,
  });
  const queue = new sqs.Queue(scope, trigger.id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(trigger.retentionDays),
    visibilityTimeout: Duration.seconds(6 * spec.timeoutSeconds + trigger.maxBatchingWindowSeconds),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: trigger.maxDeliveryAttempts },
  });
  fn.addEventSource(new SqsEventSource(queue, {
    batchSize: trigger.batchSize,
    maxBatchingWindow: trigger.maxBatchingWindowSeconds > 0 ? Duration.seconds(trigger.maxBatchingWindowSeconds) : undefined,
    reportBatchItemFailures: true,
  }));
  return queue;
}
