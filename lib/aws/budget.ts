import { Aws, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import { AwsCostScope, ThresholdBasis } from '../core/budget';
import type { BudgetSpec } from '../core/budget-spec';
import { CloudProvider } from '../core/cloud-provider';
import { addWarning } from '../targets/annotations';
import type { EnforcerSetup } from '../targets/load-budget-renderer';
import { LIVE_ALIAS } from './function-renderer';
import { AWS_FUNCTIONS, lambdaOf } from './handles';
import { deadLetterQueue } from './topic-trigger';

/** With AwsCostScope.STACK_TAG: the cost-allocation tag every resource of the stack carries; the budget filters on it. */
export const BUDGET_TAG = 'cirrus-budget';

const BUDGETS = new iam.ServicePrincipal('budgets.amazonaws.com');

/** A topic only AWS Budgets of this account may publish to, encrypted with the guard's key, TLS only. */
function budgetTopic(scope: Construct, id: string, key: kms.IKey, displayName: string): sns.Topic {
  const topic = new sns.Topic(scope, id, { masterKey: key, enforceSSL: true, displayName });
  // The topic stores nothing: notifications are delivered or go to the subscription's dead-letter queue.
  topic.applyRemovalPolicy(RemovalPolicy.DESTROY);
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowBudgetsOfThisAccount',
    principals: [BUDGETS],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:budgets::${Aws.ACCOUNT_ID}:*` },
    },
  }));
  return topic;
}

/** The enforcer learns from its environment which functions to stop, and which have provisioned concurrency to remove first. */
export function enforcerSetup(_guard: Construct, _spec: BudgetSpec, targets: EventDrivenFunction[]): EnforcerSetup {
  return {
    environment: {
      CIRRUS_STOP_FUNCTIONS: targets.map((t) => t.functionName).join(','),
      CIRRUS_WARM_ALIASES: targets.filter((t) => t._warmPool !== undefined).map((t) => t.functionName).join(','),
    },
    triggers: [],
  };
}

/**
 * AWS::Budgets::Budget on the account's spend (or, with AwsCostScope.STACK_TAG,
 * filtered by the `cirrus-budget` tag on every resource of the stack), notifying emails and an SNS topic at each threshold; with an
 * enforcer, a second topic at the stop threshold invokes it, and it may only
 * change the concurrency of the listed functions.
 */
export function renderBudget(guard: Construct, spec: BudgetSpec, targets: EventDrivenFunction[], enforcer?: EventDrivenFunction): void {
  const stack = Stack.of(guard);
  const byTag = spec.awsCostScope === AwsCostScope.STACK_TAG;
  if (byTag) {
    Tags.of(stack).add(BUDGET_TAG, stack.stackName);
    addWarning(guard, CloudProvider.AWS, 'budget-tag-activation',
      `The budget tracks only resources tagged ${BUDGET_TAG}=${stack.stackName}, which AWS counts once the payer account activates the tag `
      + `(not retroactively; the key appears in billing data up to 24 hours after first use): aws ce update-cost-allocation-tags-status `
      + `--cost-allocation-tags-status TagKey=${BUDGET_TAG},Status=Active. Use AwsCostScope.ACCOUNT to track the account's spend from day one.`);
  }

  const key = new kms.Key(guard, 'TopicKey', { enableKeyRotation: true, description: `Encrypts the budget notifications of ${guard.node.path}` });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowBudgetsToUseTheKey',
    principals: [BUDGETS],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'], // in a key policy, "*" means this key
    conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
  }));
  const alerts = budgetTopic(guard, 'AlertTopic', key, `Budget alerts of ${stack.stackName}`);

  let enforcement: sns.Topic | undefined;
  if (enforcer && spec.enforcementPercent !== undefined) {
    enforcement = budgetTopic(guard, 'EnforcementTopic', key, `Budget enforcement of ${stack.stackName}`);
    // The enforcer is Cirrus's own: SNS invokes the function itself (an alias endpoint is not a valid SNS lambda protocol target for CloudFormation validation).
    // Notifications SNS cannot deliver to the enforcer are kept in a dead-letter queue, not dropped.
    enforcement.addSubscription(new LambdaSubscription(lambdaOf(enforcer), { deadLetterQueue: deadLetterQueue(guard, 'EnforcementDeadLetterQueue') }));
    const role = AWS_FUNCTIONS.of(enforcer).role;
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'StopListedFunctions',
      actions: ['lambda:PutFunctionConcurrency'],
      resources: targets.map((t) => lambdaOf(t).functionArn),
    }));
    const warm = targets.filter((t) => t._warmPool !== undefined);
    if (warm.length > 0) {
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'RemoveProvisionedConcurrency',
        actions: ['lambda:DeleteProvisionedConcurrencyConfig'],
        resources: warm.map((t) => `${lambdaOf(t).functionArn}:${LIVE_ALIAS}`),
      }));
    }
  }

  const email = spec.notifyEmails.map((address) => ({ subscriptionType: 'EMAIL', address }));
  const notifications: budgets.CfnBudget.NotificationWithSubscribersProperty[] = spec.thresholds.map((t) => {
    const stops = enforcement && t.basis === ThresholdBasis.ACTUAL && t.percent === spec.enforcementPercent;
    return {
      notification: {
        notificationType: t.basis === ThresholdBasis.ACTUAL ? 'ACTUAL' : 'FORECASTED',
        comparisonOperator: 'GREATER_THAN',
        threshold: t.percent,
        thresholdType: 'PERCENTAGE',
      },
      // A notification has at most one SNS subscriber: at the stop threshold it is the enforcement topic.
      subscribers: [...email, { subscriptionType: 'SNS', address: stops ? enforcement!.topicArn : alerts.topicArn }],
    };
  });
  if (enforcement && !spec.thresholds.some((t) => t.basis === ThresholdBasis.ACTUAL && t.percent === spec.enforcementPercent)) {
    notifications.push({
      notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: spec.enforcementPercent!, thresholdType: 'PERCENTAGE' },
      subscribers: [{ subscriptionType: 'SNS', address: enforcement.topicArn }],
    });
  }

  const budget = new budgets.CfnBudget(guard, 'Resource', {
    budget: {
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      budgetLimit: { amount: spec.monthlyLimitUsd, unit: 'USD' },
      filterExpression: byTag ? { tags: { key: BUDGET_TAG, values: [stack.stackName], matchOptions: ['EQUALS'] } } : undefined,
    },
    notificationsWithSubscribers: notifications,
  });
  budget.node.addDependency(alerts);
  if (enforcement) {
    budget.node.addDependency(enforcement);
  }
  guard.node.defaultChild = budget;
}
