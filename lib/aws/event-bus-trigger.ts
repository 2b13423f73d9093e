import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { EventBusTriggerSpec } from '../core/function-spec';
import { configureAsyncFailures, deadLetterQueue } from './topic-trigger';

/**
 * An EventBridge rule on the bus (an EventBus's, or the account's default
 * bus) matching source and detail-type, targeting the live alias with a
 * dead-letter queue for events EventBridge cannot deliver; failures of the
 * function itself go to its on-failure destination.
 */
export function addEventBusTrigger(scope: Construct, alias: lambda.Alias, trigger: EventBusTriggerSpec, bus?: events.IEventBus): events.Rule {
  const rule = new events.Rule(scope, `${trigger.id}Rule`, {
    eventBus: bus,
    description: `Delivers matching events to ${scope.node.path}`,
    eventPattern: { source: trigger.source, detailType: trigger.detailType },
  });
  rule.addTarget(new LambdaFunction(alias, {
    deadLetterQueue: deadLetterQueue(scope, `${trigger.id}DeadLetterQueue`),
    maxEventAge: Duration.seconds(Math.max(60, Math.min(trigger.maxEventAgeSeconds, 86400))),
  }));
  configureAsyncFailures(scope, alias, trigger);
  return rule;
}
