import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { CLOUD_DEFAULTS } from '../core/cloud-defaults';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { ITerraformDependable, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { FunctionSpec, TriggerSpec } from '../core/function-spec';
import type { WarmPoolSpec } from '../core/warm-pool-spec';
import { deriveName, NAME_RULES, pathHash } from '../core/naming';
import { HandlerApi } from '../core/handler-api';
import { RuntimeFamily } from '../core/runtime';
import { TriggerKind } from '../core/trigger';
import type { RenderedFunction } from '../targets/renderer';
import { AZURE_FUNCTIONS, AZURE_SHARED, AzureDeadLetterSource } from './handles';
import { AzureFunctionPackage, QueueBinding, SERVICE_BUS_CONNECTION } from './function-package';
import { insightsFor, workspaceFor } from './monitoring';
import { AZURE_ROLES, azureStackOf, globalName } from './stack-context';
import { TerraformData } from './terraform-data';
import { applyAzureWarmPool } from './warm-pool';

class AzureFunction implements RenderedFunction {
  public readonly resource: FunctionAppFlexConsumption;
  public readonly functionName: string;
  private readonly identity: UserAssignedIdentity;
  private readonly pkg: AzureFunctionPackage;
  private readonly triggers: TriggerSpec[] = [];
  private readonly queues = new Map<string, QueueBinding>();
  private readonly appSettings: { [key: string]: string };
  private readonly deadLetters = new Map<string, AzureDeadLetterSource>();
  private hasHttp = false;

  constructor(private readonly scope: Construct, private readonly spec: FunctionSpec) {
    const stack = azureStackOf(scope);
    const path = scope.node.path.split('/');
    const location = spec.region ?? stack.location;
    const common = { location, resourceGroupName: stack.resourceGroupName, tags: stack.tags };
    this.functionName = globalName(scope, path, NAME_RULES.azureFunctionApp, location);

    // Its own identity, created before the app so its storage roles exist when the app starts.
    this.identity = new UserAssignedIdentity(scope, 'Identity', { ...common, name: deriveName(path, NAME_RULES.azureResource, 'id') });
    const storage = new StorageAccount(scope, 'Storage', {
      ...common,
      name: globalName(scope, path, NAME_RULES.azureStorageAccount, location),
      accountTier: 'Standard',
      accountReplicationType: 'LRS',
      accountKind: 'StorageV2',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
    });
    const container = new StorageContainer(scope, 'DeploymentContainer', {
      name: 'deployment',
      storageAccountId: storage.id,
      containerAccessType: 'private',
    });
    const storageRoles: ITerraformDependable[] = [
      this.grant('StorageBlobOwner', storage.id, AZURE_ROLES.storageBlobDataOwner),
      this.grant('StorageTableContributor', storage.id, AZURE_ROLES.storageTableDataContributor),
    ];
    const insights = insightsFor(scope, deriveName(path, NAME_RULES.azureResource, 'appi'), workspaceFor(scope, spec.logRetentionDays), location, stack.resourceGroupName, stack.tags);
    this.grant('InsightsPublisher', insights.id, AZURE_ROLES.monitoringMetricsPublisher);
    const plan = new ServicePlan(scope, 'Plan', { ...common, name: deriveName(path, NAME_RULES.azureResource, 'plan'), osType: 'Linux', skuName: 'FC1' });

    this.appSettings = {
      ...spec.environment,
      // Host storage through the identity (shared keys are off on the account); see HostStorageSetting below.
      AzureWebJobsStorage__accountName: storage.name,
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: this.identity.clientId,
      // DefaultAzureCredential in the Azure SDKs picks the user-assigned identity from this.
      AZURE_CLIENT_ID: this.identity.clientId,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `Authorization=AAD;ClientId=${this.identity.clientId}`,
      ...(spec.handlerApi === HandlerApi.PORTABLE ? { CIRRUS_CLOUD: 'azure' } : {}),
    };
    this.pkg = new AzureFunctionPackage(scope, 'Package', spec);
    this.resource = new FunctionAppFlexConsumption(scope, 'Resource', {
      ...common,
      name: this.functionName,
      servicePlanId: plan.id,
      storageContainerType: 'blobContainer',
      storageContainerEndpoint: `${storage.primaryBlobEndpoint}${container.name}`,
      storageAuthenticationType: 'UserAssignedIdentity',
      storageUserAssignedIdentityId: this.identity.id,
      runtimeName: spec.runtime.family === RuntimeFamily.NODEJS ? 'node' : 'python',
      runtimeVersion: spec.runtime.version,
      instanceMemoryInMb: spec.memoryMb,
      maximumInstanceCount: spec.maxConcurrency ?? CLOUD_DEFAULTS.azure.maxInstances,
      httpsOnly: true,
      webdeployPublishBasicAuthenticationEnabled: false,
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      siteConfig: {
        applicationInsightsConnectionString: insights.connectionString,
        minimumTlsVersion: '1.2',
        scmMinimumTlsVersion: '1.2',
        http2Enabled: true,
      },
      appSettings: Token.asStringMap(Lazy.anyValue({ produce: () => this.appSettings })),
      dependsOn: storageRoles,
    });
    // azurerm 4.55 writes AzureWebJobsStorage itself on every create and update, as a connection string
    // with the account key, which is empty with identity-based storage: "DefaultEndpointsProtocol=https;
    // AccountName=...;AccountKey=;..." (function_app_flex_consumption_resource.go, StorageStringFmt). The host
    // prefers it over the AzureWebJobsStorage__* settings and fails to start (terraform-provider-azurerm#29693,
    // #30732; unfixed in 4.55, PR #29099). An empty value instead is read back as no value, so the plan never
    // settles (#33211), and an empty setting can stop the host too (Azure/ResourceModules#1195). So the app
    // gets no AzureWebJobsStorage from Cirrus, and this step deletes the provider's after every create or
    // update of the app (replace_triggered_by); the provider reads the missing setting as an unset
    // storage_access_key, which is what the configuration says, so plans stay clean.
    const hostStorage = new TerraformData(scope, 'HostStorageSetting', {
      triggersReplace: { app: this.resource.id },
      dependsOn: [this.resource],
      replaceTriggeredBy: [this.resource],
      command: `az functionapp config appsettings delete --resource-group ${stack.resourceGroupName} --name ${this.resource.name} --setting-names AzureWebJobsStorage`,
    });
    // azurerm 4.55's zip_deploy_file calls /api/zipdeploy, which Flex Consumption does not serve
    // (terraform-provider-azurerm#29630): publish with the Azure CLI (OneDeploy) instead.
    const deployment = new TerraformData(scope, 'Deployment', {
      triggersReplace: { package: Lazy.stringValue({ produce: () => this.pkg.hash }) },
      dependsOn: [this.resource, hostStorage],
      command: Lazy.stringValue({
        produce: () => `az functionapp deployment source config-zip --resource-group ${stack.resourceGroupName} --name ${this.resource.name} --src ${this.pkg.path}`,
      }),
    });
    AZURE_FUNCTIONS.set(scope, { app: this.resource, identity: this.identity, storage, insights, deployment, deadLetters: this.deadLetters });
  }

  public addEnvironment(key: string, value: string): void {
    this.appSettings[key] = value;
  }

  public applyWarmPool(_scope: Construct, pool: WarmPoolSpec): void {
    applyAzureWarmPool(this.resource, pool, this.hasHttp);
  }

  public get httpUrl(): string | undefined {
    return this.hasHttp ? `https://${this.resource.defaultHostname}` : undefined;
  }

  public addTriggers(triggers: TriggerSpec[]): void {
    for (const trigger of triggers) {
      if (trigger.kind === TriggerKind.QUEUE) {
        if (trigger.queue) {
          const shared = AZURE_SHARED.queues.of(trigger.queue);
          const lock = serviceBus().lockSeconds(this.spec);
          if (lock > parseInt(shared.queue.lockDurationInput?.replace(/\D/g, '') ?? '0', 10)) {
            shared.queue.lockDuration = `PT${lock}S`;
          }
          serviceBus().grantServiceBus(this.scope, `${trigger.id}Receiver`, shared.queue.id, AZURE_ROLES.serviceBusDataReceiver, this.identity);
          this.queues.set(trigger.id, { queueName: shared.name, connection: this.useServiceBus(shared.queue) });
          this.deadLetters.set(trigger.id, { serviceBusEntity: shared.name, what: 'its queue' });
        } else {
          const queue = serviceBus().addServiceBusQueue(this.scope, this.spec, trigger, this.identity);
          this.queues.set(trigger.id, { queueName: serviceBus().serviceBusQueueName(this.scope, trigger), connection: this.useServiceBus(this.scope) });
          this.deadLetters.set(trigger.id, { serviceBusEntity: queue.name, what: 'its queue' });
        }
      }
      if (trigger.kind === TriggerKind.TOPIC) {
        const existing = AZURE_SHARED.topics.tryOf(trigger.topic);
        const names = topicTrigger().addTopicSubscription(this.scope, this.spec, trigger, this.identity, existing);
        this.queues.set(trigger.id, { queueName: names.topicName, subscriptionName: names.subscriptionName, connection: this.useServiceBus(existing?.topic ?? this.scope) });
        // A topic the trigger created is counted by its resource's name; a shared one by the name it was given.
        this.deadLetters.set(trigger.id, { serviceBusEntity: existing ? existing.name : names.topic.name, what: 'its topic (every subscription of it)' });
      }
      if (trigger.kind === TriggerKind.EVENT_BUS) {
        const subscription = eventBusTrigger().addEventBusSubscription(this.scope, trigger, AZURE_SHARED.buses.tryOf(trigger.bus));
        this.deadLetters.set(trigger.id, {
          eventGridTopicId: subscription.scopeInput, eventGridNamespace: 'Microsoft.EventGrid/topics', eventSubscriptionName: subscription.nameInput, what: 'events dead-lettered to blob storage',
        });
      }
      if (trigger.kind === TriggerKind.STORAGE) {
        const delivery = storageTrigger().addStorageSubscription(this.scope, trigger, AZURE_SHARED.buckets.tryOf(trigger.bucket));
        this.deadLetters.set(trigger.id, {
          eventGridTopicId: delivery.topic.id, eventGridNamespace: 'Microsoft.EventGrid/systemTopics', eventSubscriptionName: delivery.subscription.nameInput, what: 'events dead-lettered to blob storage',
        });
      }
      if (trigger.kind === TriggerKind.HTTP) {
        this.hasHttp = true;
      }
      this.triggers.push(trigger);
    }
    this.pkg.rebuild(this.triggers, this.queues);
  }

  /**
   * The identity-based connection the Service Bus bindings of an entity use:
   * `SERVICE_BUS_CONNECTION` for the namespace of the function's own stack,
   * `<SERVICE_BUS_CONNECTION>_<hash of the stack path>` for the namespace of
   * another stack whose shared queue or topic the function consumes.
   */
  private useServiceBus(entity: Construct): string {
    const namespace = serviceBus().serviceBusNamespace(entity);
    const owner = azureStackOf(entity);
    const connection = owner === azureStackOf(this.scope) ? SERVICE_BUS_CONNECTION : `${SERVICE_BUS_CONNECTION}_${pathHash(owner.node.path)}`;
    this.appSettings[`${connection}__fullyQualifiedNamespace`] = `${namespace.name}.servicebus.windows.net`;
    this.appSettings[`${connection}__credential`] = 'managedidentity';
    this.appSettings[`${connection}__clientId`] = this.identity.clientId;
    return connection;
  }

  private grant(id: string, scopeId: string, role: string): RoleAssignment {
    return new RoleAssignment(this.scope, id, {
      scope: scopeId,
      roleDefinitionName: role,
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
    });
  }
}

// Each trigger kind's module (and the provider modules it imports) loads on first use,
// so an app loads only the resource types it synthesizes.
const serviceBus = (): typeof import('./service-bus') => require('./service-bus');
const topicTrigger = (): typeof import('./topic-trigger') => require('./topic-trigger');
const eventBusTrigger = (): typeof import('./event-bus-trigger') => require('./event-bus-trigger');
const storageTrigger = (): typeof import('./storage-trigger') => require('./storage-trigger');

/** Renders an EventDrivenFunction with cdktf and the azurerm provider (Flex Consumption). */
export function renderFunction(scope: Construct, spec: FunctionSpec): RenderedFunction {
  return new AzureFunction(scope, spec);
}
