import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { CloudProvider } from '../core/cloud-provider';
import { CirrusValidationError } from '../core/errors';
import { HandlerApi } from '../core/handler-api';
import { AZURE_GENERATED, checkPackagedLayout, generatedClashProblem } from '../core/package/code-layout';
import { portableRuntimeFiles, pythonModule } from '../core/package/portable';
import type { FunctionSpec, TriggerSpec } from '../core/function-spec';
import { HttpAuth, HttpMethod } from '../core/http';
import { buildPackage, codeFiles } from '../core/package/code-package';
import { ZipEntry } from '../core/package/zip-writer';
import { RuntimeFamily } from '../core/runtime';
import { SCHEDULE_RETRIES } from '../core/schedule-retries';
import { TriggerKind } from '../core/trigger';
import { azureFunctionsLibrary, azureFunctionsVersion } from './package/functions-library';
import { NODE_ENTRY, nodeEntry, PORTABLE_KIND, QueueBinding, SERVICE_BUS_CONNECTION } from './package/node-entry';

export { QueueBinding, SERVICE_BUS_CONNECTION } from './package/node-entry';

/**
 * The binding of one trigger in function.json, the file the Functions host
 * reads to know when to run Python code (the Python v1 model).
 */
function binding(trigger: TriggerSpec, queues: Map<string, QueueBinding>): object[] {
  switch (trigger.kind) {
    case TriggerKind.HTTP:
      return [
        {
          type: 'httpTrigger',
          direction: 'in',
          name: 'req',
          // A route of an HttpApi always needs a key: API Management's (lib/azure/api-management.ts) authorises the caller.
          authLevel: trigger.auth === HttpAuth.PUBLIC && !trigger.api ? 'anonymous' : 'function',
          methods: trigger.methods.includes(HttpMethod.ANY) ? undefined : trigger.methods.map((m) => m.toLowerCase()),
          // `{name+}` (greedy) is `{*name}` in Azure Functions routes.
          route: trigger.path.replace(/^\//, '').replace(/\{([A-Za-z_][A-Za-z0-9_]*)\+\}$/, '{*$1}'),
        },
        { type: 'http', direction: 'out', name: '$return' },
      ];
    case TriggerKind.QUEUE:
      return [{
        type: 'serviceBusTrigger',
        direction: 'in',
        name: trigger.batchSize > 1 ? 'messages' : 'message',
        queueName: queues.get(trigger.id)!.queueName,
        connection: queues.get(trigger.id)!.connection ?? SERVICE_BUS_CONNECTION,
        cardinality: trigger.batchSize > 1 ? 'many' : 'one',
      }];
    case TriggerKind.SCHEDULE:
      return [{ type: 'timerTrigger', direction: 'in', name: 'timer', schedule: trigger.expression, runOnStartup: false }];
    case TriggerKind.EVENT_BUS:
    case TriggerKind.STORAGE:
      return [{ type: 'eventGridTrigger', direction: 'in', name: 'event' }];
    case TriggerKind.TOPIC: {
      const entity = queues.get(trigger.id)!;
      return [{
        type: 'serviceBusTrigger',
        direction: 'in',
        name: 'message',
        topicName: entity.queueName,
        subscriptionName: entity.subscriptionName,
        connection: entity.connection ?? SERVICE_BUS_CONNECTION,
        cardinality: 'one',
      }];
    }
  }
}

/**
 * The Functions runtime retry policy of a trigger (function.json `retry`):
 * timer triggers retry a failed run like the other clouds do. The other
 * triggers retry through their source (Service Bus delivery count, Event
 * Grid retry policy) or not at all (HTTP).
 */
function retryPolicy(trigger: TriggerSpec): object | undefined {
  // The first retry after a minute, the second two minutes later, as Lambda spaces its asynchronous retries.
  return trigger.kind === TriggerKind.SCHEDULE
    ? { strategy: 'exponentialBackoff', maxRetryCount: SCHEDULE_RETRIES, minimumInterval: '00:01:00', maximumInterval: '00:02:00' }
    : undefined;
}

function seconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/** host.json: the timeout, the HTTP route prefix and the one Service Bus batch size (lib/core checked the queue triggers agree). */
function hostJson(spec: FunctionSpec, triggers: TriggerSpec[]): object {
  const batchSizes = [...new Set(triggers.flatMap((t) => (t.kind === TriggerKind.QUEUE ? [t.batchSize] : [])))];
  return {
    version: '2.0',
    extensionBundle: { id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' },
    functionTimeout: seconds(spec.timeoutSeconds),
    extensions: {
      http: { routePrefix: '' },
      ...(batchSizes.length > 0 ? { serviceBus: { maxMessageBatchSize: batchSizes[0] } } : {}),
    },
    logging: { applicationInsights: { samplingSettings: { isEnabled: true, excludedTypes: 'Request' } } },
  };
}

function json(value: object): Buffer {
  return Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');
}

/**
 * Python (v1 model): one folder per trigger with its function.json and an
 * `__init__.py` that imports the user's function. Microsoft's Python
 * developer guide supports the v1 and v2 models on Functions 4.x, the only
 * runtime Flex Consumption runs (learn.microsoft.com/azure/azure-functions/functions-reference-python).
 */
function pythonEntries(spec: FunctionSpec, triggers: TriggerSpec[], queues: Map<string, QueueBinding>): ZipEntry[] {
  const module = pythonModule(spec.handlerFile);
  const portable = spec.handlerApi === HandlerApi.PORTABLE;
  const init = (trigger: TriggerSpec) => (portable
    ? `# Generated by Cirrus: the ${trigger.id} trigger calls ${module}.${spec.handlerExport} through the portable adapter.\n`
      + 'from cirrus_portable.azure import create_main\n\n'
      + `main = create_main(${JSON.stringify(PORTABLE_KIND[trigger.kind])}, ${JSON.stringify(module)}, ${JSON.stringify(spec.handlerExport)}, `
      + `many=${trigger.kind === TriggerKind.QUEUE && trigger.batchSize > 1 ? 'True' : 'False'}, schedule=${JSON.stringify(trigger.id)})\n`
    : `# Generated by Cirrus: the ${trigger.id} trigger calls ${module}.${spec.handlerExport}.\nfrom ${module} import ${spec.handlerExport} as main  # noqa: F401\n`);
  return triggers.flatMap((trigger) => {
    const [initPath, functionJsonPath] = AZURE_GENERATED.pythonTriggerFiles(trigger.id);
    return [
      { path: initPath, content: Buffer.from(init(trigger), 'utf8') },
      { path: functionJsonPath, content: json({ scriptFile: '__init__.py', entryPoint: 'main', bindings: binding(trigger, queues), retry: retryPolicy(trigger) }) },
    ];
  });
}

/**
 * Node.js (v4 model, the only one Microsoft's Node.js developer guide lists
 * for Node.js 22: "4.x ... 22.x, 20.x, 18.x"; v3 stops at 20.x,
 * learn.microsoft.com/azure/azure-functions/functions-reference-node#supported-versions):
 * the entry module that registers the triggers, package.json naming it as
 * `main` (the user's package.json, if any, with its other fields kept), and
 * the `@azure/functions` library unless the user's code brings its own.
 */
function nodeEntries(spec: FunctionSpec, triggers: TriggerSpec[], queues: Map<string, QueueBinding>, code: ZipEntry[]): { replaced: string[]; entries: ZipEntry[] } {
  const own = code.find((f) => f.path === 'package.json');
  // Valid JSON: checked with the code's layout (packageEntries).
  const manifest: { [key: string]: unknown } = own ? JSON.parse(own.content.toString('utf8')) : { name: 'cirrus-function', private: true };
  const bringsLibrary = code.some((f) => f.path === 'node_modules/@azure/functions/package.json');
  const dependencies = { ...(manifest.dependencies as object | undefined) } as { [name: string]: string };
  dependencies['@azure/functions'] ??= azureFunctionsVersion();
  const entries: ZipEntry[] = [
    { path: 'package.json', content: json({ ...manifest, main: NODE_ENTRY, dependencies }) },
    { path: NODE_ENTRY, content: Buffer.from(nodeEntry(spec, triggers, queues), 'utf8') },
    ...(bringsLibrary ? [] : azureFunctionsLibrary()),
  ];
  return { replaced: own ? ['package.json'] : [], entries };
}

/**
 * The files of the app package: the user's code, host.json, and what
 * registers every declared trigger (Node.js: a v4 entry module; Python:
 * function.json folders), so the triggers fire.
 */
export function packageEntries(spec: FunctionSpec, triggers: TriggerSpec[], queues: Map<string, QueueBinding>): ZipEntry[] {
  const code = codeFiles(spec);
  checkPackagedLayout(spec, code, triggers.map((t) => t.id));
  const node = spec.runtime.family === RuntimeFamily.NODEJS ? nodeEntries(spec, triggers, queues, code) : undefined;
  const replaced = new Set(node?.replaced ?? []);
  const generated: ZipEntry[] = [
    { path: AZURE_GENERATED.hostJson, content: json(hostJson(spec, triggers)) },
    ...(node ? node.entries : pythonEntries(spec, triggers, queues)),
    ...(spec.handlerApi === HandlerApi.PORTABLE ? portableRuntimeFiles(CloudProvider.AZURE, spec.runtime.family) : []),
  ];
  const taken = new Set(code.map((f) => f.path).filter((p) => !replaced.has(p)));
  const clashes = generated.filter((g) => taken.has(g.path) && !g.path.startsWith('node_modules/')).map((g) => g.path);
  if (clashes.length > 0) {
    throw new CirrusValidationError(spec.constructPath, [generatedClashProblem('Azure', clashes)]);
  }
  const own = code.filter((f) => !replaced.has(f.path) && !(f.path.startsWith('node_modules/') && generated.some((g) => g.path === f.path)));
  return [...own, ...generated];
}

/**
 * The function app's zip package as a Terraform asset. It is built when the
 * renderer adds the function's triggers (not before: the package depends on
 * them) and rebuilt when a trigger is added later; the asset's hash (and so
 * its path) follows the content.
 */
export class AzureFunctionPackage extends Construct {
  private asset?: TerraformAsset;

  constructor(scope: Construct, id: string, private readonly spec: FunctionSpec) {
    super(scope, id);
  }

  /** Builds the zip for the function's triggers (again, when one is added after construction). */
  public rebuild(triggers: TriggerSpec[], queues: Map<string, QueueBinding>): void {
    const built = buildPackage(packageEntries(this.spec, triggers, queues));
    if (!this.asset) {
      this.asset = new TerraformAsset(this, 'Asset', { path: built.zipPath, type: AssetType.FILE, assetHash: built.hash });
    } else {
      // cdktf reads sourcePath when it copies the asset at synthesis; it has no setter for a rebuilt file.
      Reflect.set(this.asset, 'sourcePath', built.zipPath);
      this.asset.assetHash = built.hash;
    }
  }

  /** sha256 of the current package. */
  public get hash(): string {
    return this.built().assetHash;
  }

  /** Path of the zip inside the synthesized stack folder (lazy: follows rebuilds). */
  public get path(): string {
    return this.built().path;
  }

  /** The asset; the renderer builds it when it adds the function's triggers, always before synthesis. */
  private built(): TerraformAsset {
    if (!this.asset) {
      throw new Error(`${this.node.path}: the package is read before the function's triggers were added`);
    }
    return this.asset;
  }
}
