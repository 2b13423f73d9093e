import { ServicebusSubscription } from '@cdktf/provider-azurerm/lib/servicebus-subscription';
import { ServicebusTopic } from '@cdktf/provider-azurerm/lib/servicebus-topic';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { FunctionSpec, TopicTriggerSpec } from '../core/function-spec';
import { deriveName, NAME_RULES } from '../core/naming';
import { grantServiceBus, lockSeconds, serviceBusNamespace } from './service-bus';
import { AZURE_ROLES } from './stack-context';

/** A Service Bus topic and its name, known at synth time (function.json names it). */
export interface AzureTopic {
  readonly topic: ServicebusTopic;
  readonly name: string;
}

/** Service Bus subscription names are at most 50 characters. */
const SUBSCRIPTION_NAME = { maxLength: 50, hyphens: true, prefix: '' };

/** A Service Bus topic in the stack's namespace. */
export function createServiceBusTopic(scope: Construct, id: string, suffix = ''): AzureTopic {
  const name = deriveName(scope.node.path.split('/'), NAME_RULES.azureResource, suffix);
  const topic = new ServicebusTopic(scope, id, { name, namespaceId: serviceBusNamespace(scope).id });
  return { topic, name };
}

/**
 * The function's own subscription to a topic (an existing EventTopic's, or
 * one the trigger creates): dead-lettered after maxDeliveryAttempts or when
 * older than maxEventAgeSeconds, and readable by this function's identity
 * only. Returns the names function.json needs.
 */
export function addTopicSubscription(scope: Construct, spec: FunctionSpec, trigger: TopicTriggerSpec, identity: UserAssignedIdentity, existing?: AzureTopic): { topicName: string; subscriptionName: string; topic: ServicebusTopic } {
  const target = existing ?? createServiceBusTopic(scope, trigger.id, trigger.id.toLowerCase());
  const subscriptionName = deriveName(scope.node.path.split('/'), SUBSCRIPTION_NAME, trigger.id.toLowerCase());
  const subscription = new ServicebusSubscription(scope, `${trigger.id}Subscription`, {
    name: subscriptionName,
    topicId: target.topic.id,
    maxDeliveryCount: trigger.maxDeliveryAttempts,
    defaultMessageTtl: `PT${trigger.maxEventAgeSeconds}S`,
    deadLetteringOnMessageExpiration: true,
    deadLetteringOnFilterEvaluationError: true,
    lockDuration: `PT${lockSeconds(spec)}S`,
  });
  grantServiceBus(scope, `${trigger.id}Receiver`, subscription.id, AZURE_ROLES.serviceBusDataReceiver, identity);
  return { topicName: target.name, subscriptionName, topic: target.topic };
}
