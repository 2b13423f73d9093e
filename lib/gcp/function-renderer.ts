import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import type { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import type { FunctionSpec, TriggerSpec } from '../core/function-spec';
import type { WarmPoolSpec } from '../core/warm-pool-spec';
import { HandlerApi } from '../core/handler-api';
import { HttpAuth } from '../core/http';
import { GCP_MEMORY_CPU } from '../core/limits';
import { TriggerKind } from '../core/trigger';
import type { RenderedFunction } from '../targets/renderer';
import { buildIdentity } from './build-identity';
import { GCP_FUNCTIONS, GCP_SHARED } from './handles';
import { PORTABLE_ENTRY_POINT, PORTABLE_TRIGGERS_VARIABLE, portableTriggerConfig } from './portable-entry';
import { uploadCode } from './code-package';
import { FunctionAccess } from './http-access';
import { routeFunctionLogs } from './logs';
import { displayName, gcpName } from './names';
import type { PushTarget } from './queue-trigger';
import { apis, gcpStackOf, needsApis } from './stack-services';
import { applyGcpWarmPool } from './warm-pool';

/**
 * Variables Cloud Functions adds to every 2nd gen function since 2024-06:
 * declared so that Terraform plans no change after each apply.
 */
const SERVICE_DEFAULT_ENVIRONMENT = { LOG_EXECUTION_ID: 'true' };

/**
 * A Cloud Functions (2nd gen) HTTP function with its own service account.
 * Every trigger calls its HTTPS endpoint: the endpoint's IAM policy (ingress
 * stays open) decides who may.
 */
class GcpFunction implements RenderedFunction {
  public readonly resource: Cloudfunctions2Function;
  public readonly functionName: string;
  private readonly stack: GcpStack;
  private readonly access: FunctionAccess;
  private hasHttpTrigger = false;

  constructor(private readonly scope: Construct, private readonly spec: FunctionSpec) {
    this.stack = gcpStackOf(scope);
    this.functionName = gcpName(scope, 'gcpFunction');
    const serviceAccount = new ServiceAccount(scope, 'ServiceAccount', {
      accountId: gcpName(scope, 'gcpServiceAccount'),
      displayName: displayName(`Runtime identity of ${spec.constructPath}`),
      dependsOn: needsApis(this.stack, 'iam'),
    });
    const code = uploadCode(scope, this.stack, spec, this.functionName);
    const region = spec.region ?? this.stack.region;
    const build = buildIdentity(this.stack, region);
    const labels = this.stack.labels;
    this.resource = new Cloudfunctions2Function(scope, 'Resource', {
      name: this.functionName,
      location: region,
      description: spec.description,
      labels: Object.keys(labels).length > 0 ? { ...labels } : undefined,
      buildConfig: {
        runtime: spec.runtimeId,
        entryPoint: spec.handlerApi === HandlerApi.PORTABLE ? PORTABLE_ENTRY_POINT : spec.handlerExport,
        source: { storageSource: { bucket: code.bucket.name, object: code.object.name } },
        serviceAccount: build.serviceAccount.id,
        dockerRepository: build.repository.id,
      },
      serviceConfig: {
        availableMemory: `${spec.memoryMb}M`,
        availableCpu: GCP_MEMORY_CPU[spec.memoryMb],
        timeoutSeconds: spec.timeoutSeconds,
        maxInstanceCount: spec.maxConcurrency,
        maxInstanceRequestConcurrency: 1,
        serviceAccountEmail: serviceAccount.email,
        environmentVariables: { ...SERVICE_DEFAULT_ENVIRONMENT, ...spec.environment, ...(spec.handlerApi === HandlerApi.PORTABLE ? { CIRRUS_CLOUD: 'gcp' } : {}) },
        ingressSettings: 'ALLOW_ALL',
        allTrafficOnLatestRevision: true,
      },
      dependsOn: [...apis(this.stack), ...build.grants],
    });
    this.access = new FunctionAccess(scope, this.stack, this.resource, this.functionName, region);
    routeFunctionLogs(scope, this.stack, this.functionName, spec.logRetentionDays);
    GCP_FUNCTIONS.set(scope, { fn: this.resource, serviceAccount, region, queueTopics: this.queueTopics });
  }

  private readonly queueTopics = new Map<string, PubsubTopic>();

  /** The Cloud Run service URI, once an HTTP trigger exposes it. */
  public addEnvironment(key: string, value: string): void {
    this.resource.addOverride(`service_config.environment_variables.${key}`, value);
  }

  public applyWarmPool(_scope: Construct, pool: WarmPoolSpec): void {
    applyGcpWarmPool(this.resource, pool);
  }

  public get httpUrl(): string | undefined {
    return this.hasHttpTrigger ? this.endpoint : undefined;
  }

  public addTriggers(triggers: TriggerSpec[]): void {
    const portable = this.spec.handlerApi === HandlerApi.PORTABLE;
    const target: PushTarget = {
      uri: this.endpoint,
      access: this.access,
      pathFor: (kind, triggerId) => (portable ? `/_cirrus/${kind}/${triggerId}` : ''),
    };
    for (const trigger of triggers) {
      switch (trigger.kind) {
        case TriggerKind.HTTP:
          if (trigger.api) {
            break; // the HttpApi's gateway calls it, as its own invoker (lib/gcp/api-gateway.ts)
          }
          this.hasHttpTrigger = true;
          if (trigger.auth === HttpAuth.PUBLIC) {
            this.access.allowPublic(trigger.id);
          }
          break;
        case TriggerKind.QUEUE:
          if (trigger.queue) {
            const shared = GCP_SHARED.queues.of(trigger.queue);
            queueTrigger().subscribePush(this.scope, this.stack, this.spec, trigger.id, shared, target, {
              maxDeliveryAttempts: shared.spec.maxDeliveryAttempts, retentionDays: shared.spec.retentionDays,
            });
          } else {
            this.queueTopics.set(trigger.id, queueTrigger().addQueueTrigger(this.scope, this.stack, this.spec, trigger, target));
          }
          break;
        case TriggerKind.SCHEDULE:
          scheduleTrigger().addScheduleTrigger(this.scope, this.stack, this.spec, trigger, target);
          break;
        case TriggerKind.EVENT_BUS:
          eventBusTrigger().addEventBusTrigger(this.scope, this.stack, this.spec, trigger, target,
            GCP_SHARED.buses.tryOf(trigger.bus));
          break;
        case TriggerKind.STORAGE:
          storageTrigger().addStorageTrigger(this.scope, this.stack, this.spec, trigger, target,
            GCP_SHARED.buckets.tryOf(trigger.bucket));
          break;
        case TriggerKind.TOPIC:
          topicTrigger().addTopicTrigger(this.scope, this.stack, this.spec, trigger, target,
            GCP_SHARED.topics.tryOf(trigger.topic));
          break;
      }
    }
    if (portable) {
      this.portableTriggers.push(...triggers);
      this.addEnvironment(PORTABLE_TRIGGERS_VARIABLE, JSON.stringify(portableTriggerConfig(this.portableTriggers)));
      if (this.portableTriggers.some((t) => t.kind !== TriggerKind.HTTP)) {
        this.addEnvironment('CIRRUS_INVOKER_EMAIL', this.access.invoker().email);
      }
    }
  }

  private readonly portableTriggers: TriggerSpec[] = [];

  private get endpoint(): string {
    return this.resource.serviceConfig.uri;
  }
}

// Each trigger kind's module (and the provider modules it imports) loads on first use,
// so an app loads only the resource types it synthesizes.
const queueTrigger = (): typeof import('./queue-trigger') => require('./queue-trigger');
const scheduleTrigger = (): typeof import('./schedule-trigger') => require('./schedule-trigger');
const eventBusTrigger = (): typeof import('./event-bus-trigger') => require('./event-bus-trigger');
const storageTrigger = (): typeof import('./storage-trigger') => require('./storage-trigger');
const topicTrigger = (): typeof import('./topic-trigger') => require('./topic-trigger');

/** Renders an EventDrivenFunction as a Cloud Functions (2nd gen) function with cdktf. */
export function renderFunction(scope: Construct, spec: FunctionSpec): RenderedFunction {
  return new GcpFunction(scope, spec);
}
