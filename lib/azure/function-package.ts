import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { CirrusValidationError } from '../core/errors';
import type { FunctionSpec, TriggerSpec } from '../core/function-spec';
import { HttpAuth, HttpMethod } from '../core/http';
import { buildPackage, codeFiles } from '../core/package/code-package';
import { ZipEntry } from '../core/package/zip-writer';
import { RuntimeFamily } from '../core/runtime';
import { SCHEDULE_RETRIES } from '../core/schedule-retries';
import { TriggerKind } from '../core/trigger';

/** App setting prefix of the identity-based Service Bus connection. */
export const SERVICE_BUS_CONNECTION = 'CirrusServiceBus';

/** What a queue trigger's binding needs to know about its queue. */
export interface QueueBinding {
  /** The queue's name; for a topic trigger, the topic's name. */
  readonly queueName: string;
  /** The subscription's name, for a topic trigger. */
  readonly subscriptionName?: string;
}

/**
 * The binding of one trigger in function.json, the file the Functions host
 * reads to know when to run the code (Node.js v3 / Python v1 models).
 */
function binding(trigger: TriggerSpec, queues: Map<string, QueueBinding>): object[] {
  switch (trigger.kind) {
    case TriggerKind.HTTP:
      return [
        {
          type: 'httpTrigger',
          direction: 'in',
          name: 'req',
          authLevel: trigger.auth === HttpAuth.PUBLIC ? 'anonymous' : 'function',
          methods: trigger.methods.includes(HttpMethod.ANY) ? undefined : trigger.methods.map((m) => m.toLowerCase()),
          // `{name+}` (greedy) is `{*name}` in Azure Functions routes.
          route: trigger.path.replace(/^\//, '').replace(/\{([A-Za-z_][A-Za-z0-9_]*)\+\}$/, '{*$1}'),
        },
        { type: 'http', direction: 'out', name: 'res' },
      ];
    case TriggerKind.QUEUE:
      return [{
        type: 'serviceBusTrigger',
        direction: 'in',
        name: trigger.batchSize > 1 ? 'messages' : 'message',
        queueName: queues.get(trigger.id)!.queueName,
        connection: SERVICE_BUS_CONNECTION,
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
        connection: SERVICE_BUS_CONNECTION,
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
 * The files of the app package: the user's code, host.json, and one folder
 * per trigger with its function.json, so every declared trigger fires.
 */
export function packageEntries(spec: FunctionSpec, triggers: TriggerSpec[], queues: Map<string, QueueBinding>): ZipEntry[] {
  const code = codeFiles(spec);
  const taken = new Set(code.map((f) => f.path));
  const generated: ZipEntry[] = [{ path: 'host.json', content: json(hostJson(spec, triggers)) }];
  const python = spec.runtime.family === RuntimeFamily.PYTHON;
  for (const trigger of triggers) {
    const bindings = binding(trigger, queues);
    if (python) {
      const module = spec.handlerFile.replace(/\//g, '.');
      generated.push({
        path: `${trigger.id}/__init__.py`,
        content: Buffer.from(`# Generated by Cirrus: the ${trigger.id} trigger calls ${module}.${spec.handlerExport}.\nfrom ${module} import ${spec.handlerExport} as main  # noqa: F401\n`, 'utf8'),
      });
      generated.push({ path: `${trigger.id}/function.json`, content: json({ scriptFile: '__init__.py', entryPoint: 'main', bindings, retry: retryPolicy(trigger) }) });
    } else {
      generated.push({
        path: `${trigger.id}/function.json`,
        content: json({ scriptFile: `../${spec.handlerFile}.js`, entryPoint: spec.handlerExport, bindings, retry: retryPolicy(trigger) }),
      });
    }
  }
  const clashes = generated.filter((g) => taken.has(g.path)).map((g) => g.path);
  if (clashes.length > 0) {
    throw new CirrusValidationError(spec.constructPath, [
      `code already contains ${clashes.join(', ')}, which Cirrus generates for Azure from the declared triggers: remove them from the code folder`,
    ]);
  }
  return [...code, ...generated];
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
      (this.asset as unknown as { sourcePath: string }).sourcePath = built.zipPath;
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
