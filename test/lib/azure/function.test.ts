import { Testing } from 'cdktf';
import {
  AzureStack, CloudProvider, EventDrivenFunction, FunctionCode, FunctionRuntime, HttpAuth, HttpMethod, Schedule, Trigger,
} from '../../../index';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { invokeAzureNodeApp, loadAzureNodeApp, triggerBinding } from '../../helpers/azure-functions-host';
import { azureGlobalName, azureStack, deployedZip, FIXTURE, resource, resources, synthJson } from '../../helpers/terraform';

const base = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(FIXTURE), handler: 'index.handler' };

function allTriggers() {
  return [
    Trigger.http({ path: '/orders', methods: [HttpMethod.POST], auth: HttpAuth.PRIVATE }),
    Trigger.http({ path: '/health', methods: [HttpMethod.GET], auth: HttpAuth.PUBLIC }),
    Trigger.queue({ batchSize: 10, maxDeliveryAttempts: 5 }),
    Trigger.schedule(Schedule.cron({ minute: '0', hour: '9', weekDay: 'MON-FRI' })),
  ];
}

describe('EventDrivenFunction on Azure', () => {
  test('renders a Flex Consumption app with its own identity, https only, Application Insights and a locked-down storage account', () => {
    const { stack } = azureStack();
    const fn = new EventDrivenFunction(stack, 'ProcessOrder', { ...base, maxConcurrency: 50, environment: { TABLE: 'orders' } });
    expect(fn.provider).toBe(CloudProvider.AZURE);
    const tf = synthJson(stack);
    const app = resource(tf, 'azurerm_function_app_flex_consumption');
    // Unique per subscription and location: the name ends in a hash Terraform computes from both.
    expect(app.name).toMatch(azureGlobalName('func-orders-azure-proce-', 'orders-azure/ProcessOrder'));
    expect(app).toMatchObject({
      runtime_name: 'node',
      runtime_version: '22',
      instance_memory_in_mb: 2048,
      maximum_instance_count: 50,
      https_only: true,
      storage_container_type: 'blobContainer',
      storage_authentication_type: 'UserAssignedIdentity',
      webdeploy_publish_basic_authentication_enabled: false,
      identity: { type: 'UserAssigned' },
      resource_group_name: '${azurerm_resource_group.ResourceGroup.name}',
    });
    expect(app.identity.identity_ids).toEqual([expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.ProcessOrder_Identity_.*\.id\}$/)]);
    expect(app.site_config.application_insights_connection_string).toMatch(/azurerm_application_insights\.ProcessOrder_Insights/);
    expect(app.app_settings).toMatchObject({
      TABLE: 'orders',
      AzureWebJobsStorage__accountName: expect.stringMatching(/^\$\{azurerm_storage_account\.ProcessOrder_Storage_\w+\.name\}$/),
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.ProcessOrder_Identity_\w+\.client_id\}$/),
    });
    // No AzureWebJobsStorage, not even an empty one: an empty setting can stop the host (Azure/ResourceModules#1195).
    expect(Object.keys(app.app_settings).filter((k) => k.toLowerCase() === 'azurewebjobsstorage')).toEqual([]);
    expect(Object.values(app.app_settings)).not.toContain('');
    expect(tf.data.azurerm_client_config).toEqual({ CirrusClientConfig: {} });

    expect(resource(tf, 'azurerm_service_plan')).toMatchObject({ sku_name: 'FC1', os_type: 'Linux' });
    const storage = resource(tf, 'azurerm_storage_account');
    expect(storage).toMatchObject({
      min_tls_version: 'TLS1_2', allow_nested_items_to_be_public: false, https_traffic_only_enabled: true, shared_access_key_enabled: false,
    });
    expect(storage.name).toMatch(azureGlobalName('stordersazurepro', 'orders-azure/ProcessOrder'));
    expect(resource(tf, 'azurerm_storage_container')).toMatchObject({ container_access_type: 'private' });
    expect(resource(tf, 'azurerm_application_insights')).toMatchObject({ local_authentication_disabled: true, workspace_id: expect.stringContaining('azurerm_log_analytics_workspace') });
    expect(resource(tf, 'azurerm_log_analytics_workspace')).toMatchObject({ retention_in_days: 30 });

    const roles = Object.values(resources(tf, 'azurerm_role_assignment')).map((r: any) => `${r.role_definition_name} @ ${r.scope}`);
    expect(roles.sort()).toEqual([
      expect.stringMatching(/^Monitoring Metrics Publisher @ \$\{azurerm_application_insights\./),
      expect.stringMatching(/^Storage Blob Data Owner @ \$\{azurerm_storage_account\./),
      expect.stringMatching(/^Storage Table Data Contributor @ \$\{azurerm_storage_account\./),
    ]);
  });

  test('globally unique names (function app, storage accounts, Service Bus namespace, Event Grid topic) differ per subscription and location, and stay the same on every synth', () => {
    const names = (location: string) => {
      const stack = new AzureStack(Testing.app(), 'orders-azure', { location });
      new EventDrivenFunction(stack, 'Api', { ...base, triggers: [Trigger.queue(), Trigger.eventBus({ pattern: { source: ['shop'] } })] });
      const tf = synthJson(stack);
      return [
        resource(tf, 'azurerm_function_app_flex_consumption').name,
        resource(tf, 'azurerm_storage_account').name,
        resource(tf, 'azurerm_servicebus_namespace').name,
        resource(tf, 'azurerm_eventgrid_topic').name,
      ];
    };
    const [app, storage, namespace, topic] = names('westeurope');
    expect(app).toMatch(azureGlobalName('func-orders-azure-api-', 'orders-azure/Api'));
    expect(storage).toMatch(azureGlobalName('stordersazureapi', 'orders-azure/Api'));
    expect(namespace).toMatch(azureGlobalName('sb-orders-azure-', 'orders-azure'));
    expect(topic).toMatch(azureGlobalName('evgt-orders-azure-api-eventbus-', 'orders-azure/Api#eventbus'));
    expect(names('northeurope')[0]).toMatch(azureGlobalName('func-orders-azure-api-', 'orders-azure/Api', 'northeurope'));
    expect(names('westeurope')).toEqual([app, storage, namespace, topic]);
  });

  test('the package is deployed from the zip Cirrus builds', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Fn', base);
    const tf = synthJson(stack);
    const deployment = resource(tf, 'terraform_data', /_Deployment_/);
    const command: string = deployment.provisioner[0]['local-exec'].command;
    expect(command).toMatch(/^az functionapp deployment source config-zip --resource-group \$\{azurerm_resource_group.ResourceGroup.name\} --name \$\{azurerm_function_app_flex_consumption\.Fn_\w+\.name\} --src assets\/\S+\.zip$/);
    expect(deployment.triggers_replace.package).toMatch(/^[0-9a-f]{64}$/);
    expect(deployment.depends_on).toEqual([
      expect.stringMatching(/^azurerm_function_app_flex_consumption\.Fn_/), expect.stringMatching(/^terraform_data\.Fn_HostStorageSetting_/),
    ]);
  });

  test('the key-based AzureWebJobsStorage the provider writes on each create or update is deleted after it, so the host uses its identity', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Fn', base);
    const tf = synthJson(stack);
    const [appAddress] = Object.keys(resources(tf, 'azurerm_function_app_flex_consumption')).map((k) => `azurerm_function_app_flex_consumption.${k}`);
    const step = resource(tf, 'terraform_data', /_HostStorageSetting_/);
    expect(step.provisioner[0]['local-exec'].command).toBe(
      `az functionapp config appsettings delete --resource-group \${azurerm_resource_group.ResourceGroup.name} --name \${${appAddress}.name} --setting-names AzureWebJobsStorage`);
    expect(step.depends_on).toEqual([appAddress]);
    // Every update of the app (which re-adds the setting) replaces the step, which runs again.
    expect(step.lifecycle).toEqual({ replace_triggered_by: [appAddress] });
  });

  test('the zip is a Node.js v4 app: host.json, package.json naming the Cirrus entry module, and @azure/functions, which registers every declared trigger', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, timeoutSeconds: 120, triggers: allTriggers() });
    const tf = synthJson(stack);
    const files = deployedZip(stack, tf);
    const byPath = new Map(files.map((f) => [f.path, f.content.toString('utf8')]));
    expect([...byPath.keys()].filter((p) => !p.startsWith('node_modules/')).sort()).toEqual(['cirrus-functions.cjs', 'host.json', 'index.js', 'package.json']);
    expect([...byPath.keys()].filter((p) => p.startsWith('node_modules/')).sort()).toEqual([
      'node_modules/@azure/functions-extensions-base/LICENSE', 'node_modules/@azure/functions-extensions-base/dist/azure-functions-extensions-base.js',
      'node_modules/@azure/functions-extensions-base/package.json',
      'node_modules/@azure/functions/LICENSE', 'node_modules/@azure/functions/dist/azure-functions.js', 'node_modules/@azure/functions/package.json',
      'node_modules/cookie/LICENSE', 'node_modules/cookie/index.js', 'node_modules/cookie/package.json',
    ]);
    expect(JSON.parse(byPath.get('package.json')!)).toEqual({ name: 'cirrus-function', private: true, main: 'cirrus-functions.cjs', dependencies: { '@azure/functions': '4.16.5' } });

    const host = JSON.parse(byPath.get('host.json')!);
    expect(host).toMatchObject({
      version: '2.0',
      extensionBundle: { id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' },
      functionTimeout: '00:02:00',
      extensions: { http: { routePrefix: '' }, serviceBus: { maxMessageBatchSize: 10 } },
    });
    // What the Functions host learns when it loads the app (through the real @azure/functions in the package).
    const app = loadAzureNodeApp(files);
    expect([...app.keys()].sort()).toEqual(['Http', 'Http2', 'Queue', 'Schedule']);
    expect(triggerBinding(app.get('Http')!)).toEqual({ type: 'httpTrigger', direction: 'in', authLevel: 'function', methods: ['POST'], route: 'orders' });
    expect(Object.values(app.get('Http')!.bindings).find((b: any) => b.direction === 'out')).toMatchObject({ type: 'http' });
    expect(triggerBinding(app.get('Http2')!)).toEqual({ type: 'httpTrigger', direction: 'in', authLevel: 'anonymous', methods: ['GET'], route: 'health' });
    const queueName = resource(tf, 'azurerm_servicebus_queue').name;
    expect(triggerBinding(app.get('Queue')!)).toEqual({ type: 'serviceBusTrigger', direction: 'in', queueName, connection: 'CirrusServiceBus', cardinality: 'many' });
    expect(triggerBinding(app.get('Schedule')!)).toEqual({ type: 'timerTrigger', direction: 'in', schedule: '0 0 9 * * 1-5', runOnStartup: false });
    // A failed run is retried twice, a minute and then two minutes later, as on AWS and GCP; other triggers retry through their source.
    expect(app.get('Schedule')!.retryOptions).toMatchObject({
      retryStrategy: 'exponentialBackoff', maxRetryCount: 2, minimumInterval: { seconds: 60 }, maximumInterval: { seconds: 120 },
    });
    expect(app.get('Queue')!.retryOptions).toBeUndefined();
    expect(app.get('Http')!.retryOptions).toBeUndefined();
  });

  test('each registered function calls the user\'s export with what the platform passes (a CommonJS or an ES module), and a route for any method takes every method', () => {
    const { stack } = azureStack();
    const modules: Array<[string, string, object | undefined]> = [
      ['Cjs', 'exports.handler = async (req) => ({ status: 201, jsonBody: { got: req.method } });', undefined],
      ['Esm', 'export const handler = async (req) => ({ status: 202, jsonBody: { got: req.method } });', { type: 'module' }],
    ];
    for (const [id, source, manifest] of modules) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-handler-'));
      fs.writeFileSync(path.join(dir, 'index.js'), source);
      if (manifest) {
        fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
      }
      new EventDrivenFunction(stack, id, { ...base, code: FunctionCode.fromAsset(dir), triggers: [Trigger.http({ path: '/any' })] });
    }
    const tf = synthJson(stack);
    const cjs = deployedZip(stack, tf, /^Cjs_/);
    expect(triggerBinding(loadAzureNodeApp(cjs).get('Http')!).methods).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    expect(invokeAzureNodeApp(cjs, 'Http', [{ method: 'PUT' }, {}])).toEqual({ status: 201, jsonBody: { got: 'PUT' } });
    expect(invokeAzureNodeApp(deployedZip(stack, tf, /^Esm_/), 'Http', [{ method: 'GET' }, {}])).toEqual({ status: 202, jsonBody: { got: 'GET' } });
  });

  test('the user\'s package.json keeps its fields and dependencies, with main set to the Cirrus entry module', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-handler-'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({ status: 200 });');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'orders', version: '1.2.3', main: 'index.js', dependencies: { uuid: '9.0.0' } }));
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, code: FunctionCode.fromAsset(dir), triggers: [Trigger.http()] });
    const manifest = JSON.parse(deployedZip(stack, synthJson(stack)).find((f) => f.path === 'package.json')!.content.toString('utf8'));
    expect(manifest).toEqual({ name: 'orders', version: '1.2.3', main: 'cirrus-functions.cjs', dependencies: { 'uuid': '9.0.0', '@azure/functions': '4.16.5' } });
  });

  test('Python functions get a generated entry module per trigger', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Fn', {
      runtime: FunctionRuntime.PYTHON_3_12, code: FunctionCode.fromInline('def handler(req):\n    return "ok"\n'), handler: 'index.handler',
      triggers: [Trigger.http({ path: '/ping' })],
    });
    const tf = synthJson(stack);
    expect(resource(tf, 'azurerm_function_app_flex_consumption')).toMatchObject({ runtime_name: 'python', runtime_version: '3.12' });
    const byPath = new Map(deployedZip(stack, tf).map((f) => [f.path, f.content.toString('utf8')]));
    expect(byPath.get('Http/__init__.py')).toContain('from index import handler as main');
    expect(JSON.parse(byPath.get('Http/function.json')!)).toMatchObject({ scriptFile: '__init__.py', entryPoint: 'main' });
    expect(byPath.get('index.py')).toContain('def handler');
  });

  test('queue trigger: Service Bus queue with dead-lettering and an identity connection scoped to that queue', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.queue({ maxDeliveryAttempts: 7, retentionDays: 2 })] });
    const tf = synthJson(stack);
    expect(resource(tf, 'azurerm_servicebus_namespace')).toMatchObject({ sku: 'Standard', minimum_tls_version: '1.2', local_auth_enabled: false });
    const queue = resource(tf, 'azurerm_servicebus_queue');
    expect(queue).toMatchObject({ max_delivery_count: 7, dead_lettering_on_message_expiration: true, default_message_ttl: 'P2D', lock_duration: 'PT30S' });
    const receiver = Object.values(resources(tf, 'azurerm_role_assignment')).find((r: any) => r.role_definition_name === 'Azure Service Bus Data Receiver') as any;
    expect(receiver.scope).toMatch(/^\$\{azurerm_servicebus_queue\.Fn_Queue_[A-F0-9]+\.id\}$/);
    const settings = resource(tf, 'azurerm_function_app_flex_consumption').app_settings;
    expect(settings).toMatchObject({
      CirrusServiceBus__fullyQualifiedNamespace: '${azurerm_servicebus_namespace.CirrusServiceBus.name}.servicebus.windows.net',
      CirrusServiceBus__credential: 'managedidentity',
      CirrusServiceBus__clientId: expect.stringContaining('azurerm_user_assigned_identity'),
    });
  });

  test('two functions share the stack Service Bus namespace and log workspace, each with its own queue and app', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'A', { ...base, triggers: [Trigger.queue()] });
    new EventDrivenFunction(stack, 'B', { ...base, triggers: [Trigger.queue()] });
    const tf = synthJson(stack);
    expect(Object.keys(resources(tf, 'azurerm_servicebus_namespace'))).toHaveLength(1);
    expect(Object.keys(resources(tf, 'azurerm_log_analytics_workspace'))).toHaveLength(1);
    expect(Object.keys(resources(tf, 'azurerm_servicebus_queue'))).toHaveLength(2);
    expect(Object.keys(resources(tf, 'azurerm_function_app_flex_consumption'))).toHaveLength(2);
  });

  test('an existing resource group is read, not created', () => {
    const { Testing } = require('cdktf') as typeof import('cdktf');
    const { AzureStack } = require('../../../index') as typeof import('../../../index');
    const stack = new AzureStack(Testing.app(), 'rg', { location: 'westeurope', resourceGroupName: 'shared-rg', useExistingResourceGroup: true });
    new EventDrivenFunction(stack, 'Fn', base);
    const tf = synthJson(stack);
    expect(tf.resource.azurerm_resource_group).toBeUndefined();
    expect(tf.data.azurerm_resource_group.ResourceGroup.name).toBe('shared-rg');
    expect(resource(tf, 'azurerm_function_app_flex_consumption').resource_group_name).toBe('${data.azurerm_resource_group.ResourceGroup.name}');
  });
});

describe('EventDrivenFunction validation on Azure', () => {
  test('fails when the memory is larger than every Flex Consumption instance, or not a size', () => {
    const { stack } = azureStack();
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, memoryMb: 8192 }))
      .toThrow('orders-azure/Fn: memoryMb must be a whole number from 128 to 4096 on Azure (instances of 512, 2048, 4096 MB; other sizes run on the next larger one) (got 8192)');
    expect(() => new EventDrivenFunction(stack, 'Fn2', { ...base, memoryMb: 1.5 })).toThrow(/memoryMb must be a whole number from 128 to 4096 on Azure .*\(got 1\.5\)/);
  });

  test('runs on the Flex Consumption instance size declared (512, 2048, 4096) or the next larger one, with a warning', () => {
    const { stack } = azureStack();
    const sizes = [[512, 512], [2048, 2048], [4096, 4096], [128, 512], [1024, 2048], [3008, 4096]];
    sizes.forEach(([declared], i) => new EventDrivenFunction(stack, `Fn${i}`, { ...base, memoryMb: declared }));
    const tf = synthJson(stack);
    sizes.forEach(([declared, instance], i) => {
      expect(resource(tf, 'azurerm_function_app_flex_consumption', new RegExp(`^Fn${i}_`)).instance_memory_in_mb).toBe(instance);
      const warnings = stack.node.findChild(`Fn${i}`).node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
      expect(warnings.some((w) => w.includes(`memoryMb ${declared} runs on a ${instance} MB instance`))).toBe(declared !== instance);
    });
    expect(new EventDrivenFunction(stack, 'Default', base).memoryMb).toBe(2048);
  });

  test('fails when the runtime is not offered on Flex Consumption, naming those that are', () => {
    const { stack } = azureStack();
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, runtime: FunctionRuntime.PYTHON_3_14 }))
      .toThrow(/runtime is not offered on Azure; it offers nodejs20, nodejs22, python3.12, python3.13 \(got "python3.14"\)/);
  });

  test('fails when maxConcurrency is below the Flex minimum instance limit', () => {
    const { stack } = azureStack();
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, maxConcurrency: 10 })).toThrow(/maxConcurrency must be a whole number from 40 to 1000 on Azure \(got 10\)/);
  });

  test('fails when a schedule uses a time zone Azure cannot honour', () => {
    const { stack } = azureStack();
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.schedule(Schedule.cron({ minute: '0', timeZone: 'Europe/Paris' }))] }))
      .toThrow(/triggers\[0\]\.schedule\.timeZone must be "UTC" on Azure/);
  });

  test('fails when two queue triggers need different host.json batch sizes', () => {
    const { stack } = azureStack();
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.queue({ batchSize: 5 }), Trigger.queue({ batchSize: 20 })] }))
      .toThrow(/^orders-azure\/Fn: triggers set batchSize 5 and 20 on different queues; on Azure the batch size lives in host.json/);
    // Checked by the model, so a trigger added later fails at addTrigger, naming the function, and is not added.
    const fn = new EventDrivenFunction(stack, 'Later', { ...base, triggers: [Trigger.queue({ batchSize: 5 })] });
    expect(() => fn.addTrigger(Trigger.queue({ batchSize: 7 }))).toThrow(/^orders-azure\/Later: triggers set batchSize 5 and 7/);
    expect(fn._spec.triggers).toHaveLength(1);
  });

  test('fails when an HTTP path is under /admin, which the Functions host reserves', () => {
    const { stack } = azureStack();
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.http({ path: '/admin/users' })] })).toThrow(/cannot start with \/admin on Azure/);
  });

  test('fails when the location is not an Azure region name', () => {
    const { Testing } = require('cdktf') as typeof import('cdktf');
    const { AzureStack } = require('../../../index') as typeof import('../../../index');
    expect(() => new AzureStack(Testing.app(), 's', { location: 'West Europe' })).toThrow(/s: location must be an Azure region name/);
  });
});

describe('regressions found by the fuzz tests (test/fuzz)', () => {
  const { TerraformVariable } = require('cdktf') as typeof import('cdktf');

  test('fails when an event-bus or storage trigger maxEventAgeSeconds is a token on Azure (converted to Event Grid minutes at synth)', () => {
    const { stack } = azureStack();
    const age = new TerraformVariable(stack, 'age', { type: 'number' }).numberValue;
    // Before: the token's encoding divided by 60 reached retry_policy.event_time_to_live (-1.35e297).
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.eventBus({ pattern: { source: ['x'] }, maxEventAgeSeconds: age })] }))
      .toThrow(/triggers\[0\]\.maxEventAgeSeconds cannot be an unresolved token on Azure/);
    expect(() => new EventDrivenFunction(stack, 'Fn2', { ...base, triggers: [Trigger.storage({ maxEventAgeSeconds: age })] }))
      .toThrow(/triggers\[0\]\.maxEventAgeSeconds cannot be an unresolved token on Azure/);
  });
});

describe('regressions found by the fuzz tests (test/fuzz, seed 42)', () => {
  test('a Key Vault name given as a token is passed through (it cannot name the data source construct)', () => {
    const { TerraformVariable } = require('cdktf') as typeof import('cdktf');
    const { SecretRef } = require('../../../index') as typeof import('../../../index');
    const { stack } = azureStack();
    const keyVaultName = new TerraformVariable(stack, 'vault', { type: 'string' }).stringValue;
    // Before: cdktf threw "You cannot use a token ... as the id of a construct".
    new EventDrivenFunction(stack, 'Fn', { ...base, secrets: { DB_PASSWORD: SecretRef.fromName('db', { keyVaultName }) } });
    const tf = synthJson(stack);
    expect(Object.values(tf.data.azurerm_key_vault).map((v: any) => v.name)).toEqual(['${var.vault}']);
  });
});
