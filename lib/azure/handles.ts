import type { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import type { EventgridSystemTopic } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic';
import type { EventgridTopic } from '@cdktf/provider-azurerm/lib/eventgrid-topic';
import type { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import type { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import type { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { ITerraformDependable } from 'cdktf';
import type { IConstruct } from 'constructs';
import { HandleSlot } from '../core/handle-slot';
import type { AzureSharedQueue } from './messaging';
import type { AzureBucket } from './storage-trigger';
import type { AzureTopic } from './topic-trigger';

/**
 * Where one trigger's dead letters are counted: a Service Bus entity of the
 * stack's namespace (DeadletteredMessages by EntityName), or an Event Grid
 * topic's event subscription (DeadLetteredCount by EventSubscriptionName).
 */
export interface AzureDeadLetterSource {
  /** The Service Bus queue or topic name. */
  readonly serviceBusEntity?: string;
  /** The Event Grid topic (or system topic) id. */
  readonly eventGridTopicId?: string;
  /** The topic's metric namespace: `Microsoft.EventGrid/topics` or `Microsoft.EventGrid/systemTopics`. */
  readonly eventGridNamespace?: string;
  /** The event subscription's name as configured. */
  readonly eventSubscriptionName?: string;
  /** What the alarm's description calls it. */
  readonly what: string;
}

/** What the Azure renderer made of an EventDrivenFunction. */
export interface AzureFunctionHandle {
  /** The Flex Consumption function app. */
  readonly app: FunctionAppFlexConsumption;
  /** Its user-assigned identity: every grant goes to it. */
  readonly identity: UserAssignedIdentity;
  /** Its own storage account (deployment container, host storage, event dead letters). */
  readonly storage: StorageAccount;
  /** Its Application Insights component. */
  readonly insights: ApplicationInsights;
  /** The step that publishes the package (Event Grid subscriptions wait for it). */
  readonly deployment: ITerraformDependable;
  /** Each trigger's dead-letter source, by trigger id. */
  readonly deadLetters: Map<string, AzureDeadLetterSource>;
}

/** The Azure functions, by their EventDrivenFunction. */
export const AZURE_FUNCTIONS = new HandleSlot<AzureFunctionHandle>('Azure function app');

/** The user-assigned identity of an EventDrivenFunction. */
export function identityOf(fn: IConstruct): UserAssignedIdentity {
  return AZURE_FUNCTIONS.of(fn).identity;
}

/** The native resources of the shared messaging constructs, by construct. */
export const AZURE_SHARED = {
  queues: new HandleSlot<AzureSharedQueue>('Service Bus queue'),
  topics: new HandleSlot<AzureTopic>('Service Bus topic'),
  buses: new HandleSlot<EventgridTopic>('Event Grid topic'),
  buckets: new HandleSlot<AzureBucket>('storage container'),
};

/** A storage account's Event Grid system topic, by the construct that owns the bucket. */
export const AZURE_SYSTEM_TOPICS = new HandleSlot<EventgridSystemTopic>('Event Grid system topic');

/** A function's dead-letter container for Event Grid deliveries, by function. */
export const AZURE_EVENT_DEAD_LETTER_CONTAINERS = new HandleSlot<StorageContainer>('event dead-letter container');

/** The action group id of an alarm channel, by the channel's scope. */
export const AZURE_ACTION_GROUPS = new HandleSlot<string>('action group');
