import { TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { ScheduleTriggerSpec } from '../core/function-spec';
import { printableDescription } from '../core/naming';
import { deadLetterQueue } from './topic-trigger';

/**
 * An EventBridge Scheduler schedule invoking the function (asynchronously),
 * with a role of its own that may invoke only this function and a
 * dead-letter queue for runs Scheduler cannot deliver after its retries.
 * Runs the function itself fails go to its on-failure queue
 * (`configureAsyncFailures`, called by the renderer).
 */
export function addScheduleTrigger(scope: Construct, fn: lambda.IFunction, trigger: ScheduleTriggerSpec): scheduler.Schedule {
  const role = new iam.Role(scope, `${trigger.id}Role`, {
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
    description: printableDescription(`Lets EventBridge Scheduler invoke ${fn.node.path}`),
  });
  return new scheduler.Schedule(scope, trigger.id, {
    schedule: scheduler.ScheduleExpression.expression(trigger.expression, TimeZone.of(trigger.timeZone)),
    target: new LambdaInvoke(fn, { role, deadLetterQueue: deadLetterQueue(scope, `${trigger.id}DeadLetterQueue`) }),
    description: trigger.description,
  });
}
