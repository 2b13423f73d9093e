import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { TEXT_LIMITS } from '../core/text-limits';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { AlarmChannelSpec, FunctionAlarmSpec } from '../core/alarms';
import { fitName, pathHash } from '../core/naming';
import { TriggerKind } from '../core/trigger';
import type { RenderedAlarmChannel, RenderedAlarms } from '../targets/load-observability-renderer';
import { AWS_ALARM_TOPICS, AWS_SHARED, lambdaOf } from './handles';
import { acknowledgeRule } from './scan-annotations';

const CLOUDWATCH = new iam.ServicePrincipal('cloudwatch.amazonaws.com');

/** Why email subscriptions have no dead-letter queue (docs/security.md). */
export const EMAIL_SUBSCRIPTION_FINDING = 'An email subscription: SNS retries email delivery itself, and the alarm state stays in CloudWatch; a dead-letter queue of undelivered alarm emails would have no reader';

/**
 * An SNS topic for alarm notifications: encrypted with a customer managed
 * key whose policy lets CloudWatch use it (CloudWatch cannot publish to a
 * topic encrypted with the AWS managed SNS key), TLS only, publishable by
 * this account's CloudWatch alarms, with an email subscription per address.
 */
export function renderAlarmChannel(scope: Construct, spec: AlarmChannelSpec): RenderedAlarmChannel {
  const key = new kms.Key(scope, 'TopicKey', { enableKeyRotation: true, description: fitName(`Encrypts the alarm notifications of ${spec.constructPath}`, TEXT_LIMITS.aws.kmsKeyDescription) });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToUseTheKey',
    principals: [CLOUDWATCH],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'], // in a key policy, "*" means this key
    conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
  }));
  const topic = new sns.Topic(scope, 'Topic', { masterKey: key, enforceSSL: true, displayName: 'Cirrus alarms' });
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsOfThisAccount',
    principals: [CLOUDWATCH],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
    },
  }));
  // Alarm state lives in CloudWatch; the topic stores nothing.
  topic.applyRemovalPolicy(RemovalPolicy.DESTROY);
  for (const email of spec.emails) {
    // Ids follow the address, not its position: reordering the list replaces nothing.
    const subscription = new sns.Subscription(scope, `Email${pathHash(email)}`, { topic, protocol: sns.SubscriptionProtocol.EMAIL, endpoint: email });
    acknowledgeRule(subscription, 'Serverless-SNSRedrivePolicy', EMAIL_SUBSCRIPTION_FINDING);
  }
  AWS_ALARM_TOPICS.set(scope, topic);
  return { resource: topic };
}

const DEAD_LETTER_SUFFIX = 'DeadLetterQueue';
const ASYNC_FAILURE_QUEUE = 'AsyncFailureQueue';

/**
 * CloudWatch alarms on the function's Lambda metrics (Errors, Throttles,
 * Duration p99 against the timeout) and on the visible messages of every
 * dead-letter queue of its triggers, notifying the channels' topics when
 * they fire and when they recover. Missing data is not breaching.
 */
export function renderFunctionAlarms(fn: EventDrivenFunction, spec: FunctionAlarmSpec, channels: IConstruct[]): RenderedAlarms {
  const target = lambdaOf(fn);
  // The function's own resources, in its stack or its nested stack (lib/aws/placement.ts).
  const home = fn._resourceScope;
  const actions = channels.map((c) => new SnsAction(AWS_ALARM_TOPICS.of(c)));
  const period = Duration.seconds(spec.periodSeconds);
  const minutes = `${spec.periodSeconds / 60} min`;
  const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
    const a = new cloudwatch.Alarm(home, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: fitName(`${fn.node.path}: ${description}`, TEXT_LIMITS.aws.alarmDescription),
    });
    a.addAlarmAction(...actions);
    a.addOkAction(...actions);
  };

  alarm('ErrorsAlarm', target.metricErrors({ period, statistic: cloudwatch.Stats.SUM }), spec.errorsThreshold,
    `${spec.errorsThreshold} or more failed invocations in ${minutes}`);
  if (spec.throttlesThreshold !== undefined) {
    alarm('ThrottlesAlarm', target.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }), spec.throttlesThreshold,
      `${spec.throttlesThreshold} or more throttled invocations in ${minutes}`);
  }
  if (spec.durationThresholdMs !== undefined) {
    alarm('DurationAlarm', target.metricDuration({ period, statistic: cloudwatch.Stats.p(99) }), spec.durationThresholdMs,
      `p99 duration reached ${spec.durationPercentOfTimeout}% of the timeout (${spec.durationThresholdMs} ms) in ${minutes}`);
  }

  const watched = new Set<string>();
  const deadLetter = (id: string, queue: sqs.IQueue, what: string) => {
    if (!watched.has(id)) {
      watched.add(id);
      alarm(id, queue.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM }), spec.deadLetterThreshold,
        `${spec.deadLetterThreshold} or more messages in ${what}`);
    }
  };
  const sync = () => {
    for (const child of [...home.node.children]) {
      if (!(child instanceof sqs.Queue)) {
        continue;
      }
      const id = child.node.id;
      if (id.endsWith(DEAD_LETTER_SUFFIX)) {
        deadLetter(`${id.slice(0, -DEAD_LETTER_SUFFIX.length)}DeadLetterAlarm`, child, `the dead-letter queue ${id}`);
      } else if (id === ASYNC_FAILURE_QUEUE) {
        deadLetter('AsyncFailureAlarm', child, 'the on-failure destination of asynchronous invocations');
      }
    }
    for (const trigger of fn._spec.triggers) {
      if (trigger.kind === TriggerKind.QUEUE && trigger.queue) {
        const dlq = AWS_SHARED.queues.tryOf(trigger.queue)?.deadLetterQueue;
        if (dlq) {
          deadLetter(`${trigger.id}DeadLetterAlarm`, dlq, `the dead-letter queue of ${trigger.queue.node.path}`);
        }
      }
    }
  };
  sync();
  return { sync };
}
