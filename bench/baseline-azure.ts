// Hand-written baseline for Azure: the same Terraform resources Cirrus emits
// for the workload, written directly with cdktf and the azurerm provider
// classes (deep imports), in the same construct tree, plus the function app
// package (code + host.json + one function.json per trigger) zipped in-process.
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorMetricAlert, MonitorMetricAlertCriteria } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { App, AssetType, Fn, TerraformAsset, TerraformResource, TerraformResourceConfig, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { deriveName, NAME_HASH_LENGTH, nameSeed, NameRule, pathHash } from '../lib/core/naming';
import { hashedName, readFolder, RULES, writePackage, ZipFile } from './baseline-support';
import { AZURE_LOCATION, AZURE_STACK_ID, BuiltApp, functionId, HANDLER_DIR, HTTP_PATH, Workload } from './workload';

/**
 * `terraform_data` without cdktf's DataResource, which runs `terraform version`
 * once per instance at synth (~45 ms each); Cirrus avoids it the same way, so
 * the comparison measures the rest (bench/README.md, Findings).
 */
class TerraformDataResource extends TerraformResource {
  constructor(scope: Construct, id: string, private readonly triggers: Record<string, string>, config: Pick<TerraformResourceConfig, 'dependsOn' | 'provisioners' | 'lifecycle'>) {
    super(scope, id, { terraformResourceType: 'terraform_data', terraformGeneratorMetadata: { providerName: 'terraform' }, ...config });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: this.triggers };
  }
}

const json = (value: object): Buffer => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');

function hostJson(queue: boolean): object {
  return {
    version: '2.0',
    extensionBundle: { id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' },
    functionTimeout: '00:00:30',
    extensions: { http: { routePrefix: '' }, ...(queue ? { serviceBus: { maxMessageBatchSize: 10 } } : {}) },
    logging: { applicationInsights: { samplingSettings: { isEnabled: true, excludedTypes: 'Request' } } },
  };
}

function functionJson(queueName: string | undefined): ZipFile {
  const bindings = queueName
    ? [{ type: 'serviceBusTrigger', direction: 'in', name: 'messages', queueName, connection: 'CirrusServiceBus', cardinality: 'many' }]
    : [
      { type: 'httpTrigger', direction: 'in', name: 'req', authLevel: 'function', methods: ['post'], route: HTTP_PATH.slice(1) },
      { type: 'http', direction: 'out', name: 'res' },
    ];
  return {
    name: queueName ? 'Queue/function.json' : 'Http/function.json',
    data: json({ scriptFile: '../index.js', entryPoint: 'handler', bindings }),
  };
}

export function build(w: Workload): BuiltApp {
  const queue = w.kind === 'queue';
  const app = new App({ outdir: w.outdir });
  const stack = new TerraformStack(app, AZURE_STACK_ID);
  const stackPath = [AZURE_STACK_ID];
  const tags = {};
  new AzurermProvider(stack, 'azurerm', { features: [{}], storageUseAzuread: true });
  const rg = new ResourceGroup(stack, 'ResourceGroup', { name: `rg-${AZURE_STACK_ID}`, location: AZURE_LOCATION, tags });
  // Globally unique names end in a hash Terraform computes from the subscription, the location and the path.
  let client: DataAzurermClientConfig | undefined;
  const globalName = (parts: string[], rule: NameRule, suffix = '') => {
    client ??= new DataAzurermClientConfig(stack, 'CirrusClientConfig', {});
    const seed = Fn.join('/', [client.subscriptionId, AZURE_LOCATION, pathHash(nameSeed(parts, suffix), 16)]);
    return deriveName(parts, rule, suffix, Fn.substr(Fn.sha1(seed), 0, NAME_HASH_LENGTH));
  };
  const common = { location: AZURE_LOCATION, resourceGroupName: rg.name, tags };
  const workspace = new LogAnalyticsWorkspace(stack, 'CirrusLogs30d', {
    ...common,
    name: hashedName(stackPath, RULES.azureResource, 'logs-30d'),
    sku: 'PerGB2018',
    retentionInDays: 30,
    localAuthenticationEnabled: false,
  });
  const namespace = queue ? new ServicebusNamespace(stack, 'CirrusServiceBus', {
    ...common,
    name: globalName(stackPath, RULES.azureServiceBusNamespace),
    sku: 'Standard',
    minimumTlsVersion: '1.2',
    localAuthEnabled: false,
  }) : undefined;
  const code = readFolder(HANDLER_DIR);
  const host: ZipFile = { name: 'host.json', data: json(hostJson(queue)) };

  for (let i = 0; i < w.n; i++) {
    const scope = new Construct(stack, functionId(i));
    const parts = [AZURE_STACK_ID, functionId(i)];
    const appName = globalName(parts, RULES.azureFunctionApp);
    const identity = new UserAssignedIdentity(scope, 'Identity', { ...common, name: hashedName(parts, RULES.azureResource, 'id') });
    const grant = (id: string, target: string, role: string) => new RoleAssignment(scope, id, {
      scope: target, roleDefinitionName: role, principalId: identity.principalId, principalType: 'ServicePrincipal',
    });
    const storage = new StorageAccount(scope, 'Storage', {
      ...common,
      name: globalName(parts, RULES.azureStorageAccount),
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
      name: 'deployment', storageAccountId: storage.id, containerAccessType: 'private',
    });
    const storageRoles = [
      grant('StorageBlobOwner', storage.id, 'Storage Blob Data Owner'),
      grant('StorageTableContributor', storage.id, 'Storage Table Data Contributor'),
    ];
    const insights = new ApplicationInsights(scope, 'Insights', {
      ...common,
      name: hashedName(parts, RULES.azureResource, 'appi'),
      applicationType: 'web',
      workspaceId: workspace.id,
      localAuthenticationDisabled: true,
    });
    grant('InsightsPublisher', insights.id, 'Monitoring Metrics Publisher');
    const plan = new ServicePlan(scope, 'Plan', { ...common, name: hashedName(parts, RULES.azureResource, 'plan'), osType: 'Linux', skuName: 'FC1' });

    const queueName = queue ? hashedName(parts, RULES.azureResource, 'queue') : undefined;
    const pkg = writePackage([...code, host, functionJson(queueName)]);
    const asset = new TerraformAsset(new Construct(scope, 'Package'), 'Asset', { path: pkg.file, type: AssetType.FILE, assetHash: pkg.hash });

    const appSettings: { [key: string]: string } = {
      AzureWebJobsStorage__accountName: storage.name,
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: identity.clientId,
      AZURE_CLIENT_ID: identity.clientId,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `Authorization=AAD;ClientId=${identity.clientId}`,
    };
    if (namespace) {
      appSettings.CirrusServiceBus__fullyQualifiedNamespace = `${namespace.name}.servicebus.windows.net`;
      appSettings.CirrusServiceBus__credential = 'managedidentity';
      appSettings.CirrusServiceBus__clientId = identity.clientId;
    }
    const fnApp = new FunctionAppFlexConsumption(scope, 'Resource', {
      ...common,
      name: appName,
      servicePlanId: plan.id,
      storageContainerType: 'blobContainer',
      storageContainerEndpoint: `${storage.primaryBlobEndpoint}${container.name}`,
      storageAuthenticationType: 'UserAssignedIdentity',
      storageUserAssignedIdentityId: identity.id,
      runtimeName: 'node',
      runtimeVersion: '22',
      instanceMemoryInMb: 2048,
      maximumInstanceCount: 100,
      httpsOnly: true,
      webdeployPublishBasicAuthenticationEnabled: false,
      identity: { type: 'UserAssigned', identityIds: [identity.id] },
      siteConfig: {
        applicationInsightsConnectionString: insights.connectionString,
        minimumTlsVersion: '1.2',
        scmMinimumTlsVersion: '1.2',
        http2Enabled: true,
      },
      appSettings,
      dependsOn: storageRoles,
    });
    // The provider writes a key-based AzureWebJobsStorage the host would prefer: deleted after each change of the app.
    const hostStorage = new TerraformDataResource(scope, 'HostStorageSetting', { app: fnApp.id }, {
      dependsOn: [fnApp],
      lifecycle: { replaceTriggeredBy: [`${fnApp.terraformResourceType}.${fnApp.friendlyUniqueId}`] },
      provisioners: [{
        type: 'local-exec',
        command: `az functionapp config appsettings delete --resource-group ${rg.name} --name ${fnApp.name} --setting-names AzureWebJobsStorage`,
      }],
    });
    new TerraformDataResource(scope, 'Deployment', { package: pkg.hash }, {
      dependsOn: [fnApp, hostStorage],
      provisioners: [{
        type: 'local-exec',
        command: `az functionapp deployment source config-zip --resource-group ${rg.name} --name ${fnApp.name} --src ${asset.path}`,
      }],
    });
    // Metric alerts (no action group): failed executions, slowest execution at 80 % of the timeout, dead letters.
    const alert = (id: string, suffix: string, target: string, severity: number, criteria: MonitorMetricAlertCriteria, description: string) =>
      new MonitorMetricAlert(scope, id, {
        name: hashedName(parts, RULES.azureResource, suffix),
        resourceGroupName: rg.name,
        scopes: [target],
        description: `${scope.node.path}: ${description}`,
        severity,
        windowSize: 'PT5M',
        frequency: 'PT5M',
        autoMitigate: true,
        criteria: [criteria],
        tags,
      });
    alert('ErrorsAlarm', 'alarm-errors', insights.id, 1, {
      metricNamespace: 'microsoft.insights/components', metricName: 'requests/failed', aggregation: 'Count', operator: 'GreaterThanOrEqual', threshold: 1,
    }, '1 or more failed executions in 5 min');
    alert('DurationAlarm', 'alarm-duration', insights.id, 2, {
      metricNamespace: 'microsoft.insights/components', metricName: 'requests/duration', aggregation: 'Maximum', operator: 'GreaterThanOrEqual', threshold: 24000,
    }, 'the slowest execution reached 80% of the timeout (24000 ms) in 5 min');
    if (namespace) {
      const sbQueue = new ServicebusQueue(scope, 'Queue', {
        name: queueName!,
        namespaceId: namespace.id,
        maxDeliveryCount: 5,
        deadLetteringOnMessageExpiration: true,
        defaultMessageTtl: 'P4D',
        lockDuration: 'PT30S',
      });
      grant('QueueReceiver', sbQueue.id, 'Azure Service Bus Data Receiver');
      alert('QueueDeadLetterAlarm', 'alarm-queue-dlq', namespace.id, 2, {
        metricNamespace: 'Microsoft.ServiceBus/namespaces', metricName: 'DeadletteredMessages', aggregation: 'Maximum', operator: 'GreaterThanOrEqual', threshold: 1,
        dimension: [{ name: 'EntityName', operator: 'Include', values: [sbQueue.name] }],
      }, '1 or more dead-lettered messages waiting in its queue (trigger Queue)');
    }
  }
  return { synth: () => app.synth() };
}
