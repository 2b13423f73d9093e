import type * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { HandleSlot } from '../core/handle-slot';
import type { AwsQueuePair } from './queue-trigger';

/** What the AWS renderer made of an EventDrivenFunction. */
export interface AwsFunctionHandle {
  /** The Lambda function. */
  readonly fn: lambda.Function;
  /** Its execution role. */
  readonly role: iam.Role;
  /** The `live` alias every trigger invokes. */
  readonly alias: lambda.Alias;
}

/** The AWS functions, by their EventDrivenFunction. */
export const AWS_FUNCTIONS = new HandleSlot<AwsFunctionHandle>('AWS Lambda function');

/** The Lambda function of an EventDrivenFunction (grants and policies go to its role). */
export function lambdaOf(fn: IConstruct): lambda.Function {
  return AWS_FUNCTIONS.of(fn).fn;
}

/** The native resources of the shared messaging constructs, by construct. */
export const AWS_SHARED = {
  queues: new HandleSlot<AwsQueuePair>('SQS queue pair'),
  topics: new HandleSlot<sns.Topic>('SNS topic'),
  buses: new HandleSlot<events.EventBus>('EventBridge bus'),
  buckets: new HandleSlot<s3.Bucket>('S3 bucket'),
};

/** The SNS topic of an alarm channel, by the channel's scope. */
export const AWS_ALARM_TOPICS = new HandleSlot<sns.Topic>('alarm topic');

/** The on-failure queue of asynchronous invocations, by the function that owns it. */
export const AWS_ASYNC_FAILURE_QUEUES = new HandleSlot<sqs.Queue>('on-failure queue');
