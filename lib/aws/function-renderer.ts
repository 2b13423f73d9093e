import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { TEXT_LIMITS } from '../core/text-limits';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FunctionCodeKind } from '../core/function-code';
import { HandlerApi } from '../core/handler-api';
import type { FunctionSpec, TriggerSpec } from '../core/function-spec';
import { printableDescription } from '../core/naming';
import type { WarmPoolSpec } from '../core/warm-pool-spec';
import { TriggerKind } from '../core/trigger';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { RenderedFunction } from '../targets/renderer';
import { AwsHttpApi } from './http-trigger';
import { AWS_FUNCTIONS, AWS_SHARED } from './handles';
import { addQueueTrigger, consumeQueue } from './queue-trigger';
import { portableLambdaCode } from './portable-package';
import { lambdaRuntime } from './runtime';
import { addScheduleTrigger } from './schedule-trigger';
import { addEventBusTrigger } from './event-bus-trigger';
import { addStorageTrigger } from './storage-trigger';
import { addTopicTrigger, configureAsyncFailures, LAMBDA_ASYNC_DEFAULTS } from './topic-trigger';
import { acknowledgeRule, FUNCTION_FINDINGS, skipCheckov } from './scan-annotations';
import { applyAwsWarmPool } from './warm-pool';
import { placementScope } from './placement';
import { markFunctionResource, watchTemplateLimits } from './template-limits';
import { placementOf } from '../core/placement';

/** Name of the alias every trigger invokes (never $LATEST), so a warm pool can serve it. */
export const LIVE_ALIAS = 'live';

class AwsFunction implements RenderedFunction {
  public readonly fn: lambda.Function;
  /** The published version's alias: the target of every trigger. */
  public readonly alias: lambda.Alias;
  public readonly resource: lambda.Function;
  public readonly functionName: string;
  /** Its execution role. */
  public readonly role: iam.Role;
  private httpApi?: AwsHttpApi;

  constructor(private readonly scope: Construct, private readonly spec: FunctionSpec) {
    const role = new iam.Role(scope, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: printableDescription(`Execution role of ${spec.constructPath}`, TEXT_LIMITS.aws.iamRoleDescription),
    });
    const logGroup = new logs.LogGroup(scope, 'LogGroup', {
      retention: spec.logRetentionDays as logs.RetentionDays,
      // Logs outlive the function: deleting the stack or replacing the group keeps them (for their retention).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    skipCheckov(logGroup, 'CKV_AWS_158', FUNCTION_FINDINGS.logGroupKms);
    const portable = spec.handlerApi === HandlerApi.PORTABLE ? portableLambdaCode(spec) : undefined;
    const code = portable?.code ?? (spec.code.kind === FunctionCodeKind.INLINE
      ? lambda.Code.fromInline(spec.code.inlineSource!)
      : lambda.Code.fromAsset(spec.code.assetPath!));
    this.fn = new lambda.Function(scope, 'Resource', {
      runtime: lambdaRuntime(spec),
      code,
      handler: portable?.handler ?? `${spec.handlerFile}.${spec.handlerExport}`,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      environment: portable ? { ...spec.environment, CIRRUS_CLOUD: 'aws' } : spec.environment,
      reservedConcurrentExecutions: spec.maxConcurrency,
      description: spec.description,
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
    });
    // Write access to its own log group only (no AWSLambdaBasicExecutionRole, whose resource is *).
    logGroup.grantWrite(role);
    acknowledgeFunctionFindings(this.fn, role, spec.maxConcurrency !== undefined);
    markFunctionResource(this.fn.node.defaultChild!, spec.constructPath);
    this.alias = new lambda.Alias(scope, 'LiveAlias', { aliasName: LIVE_ALIAS, version: this.fn.currentVersion });
    this.resource = this.fn;
    this.functionName = this.fn.functionName;
    this.role = role;
  }

  public get resourceScope(): Construct {
    return this.scope;
  }

  public addEnvironment(key: string, value: string): void {
    this.fn.addEnvironment(key, value);
  }

  public applyWarmPool(scope: Construct, pool: WarmPoolSpec): void {
    applyAwsWarmPool(scope, this.alias, pool);
  }

  public get httpUrl(): string | undefined {
    return this.httpApi?.api.apiEndpoint;
  }

  public addTriggers(triggers: TriggerSpec[]): void {
    for (const trigger of triggers) {
      switch (trigger.kind) {
        case TriggerKind.HTTP:
          if (trigger.api) {
            break; // the HttpApi routes it (constructs/http-api.ts)
          }
          this.httpApi ??= new AwsHttpApi(this.scope, 'HttpApi', this.alias, this.spec);
          this.httpApi.addTrigger(trigger);
          break;
        case TriggerKind.QUEUE:
          if (trigger.queue) {
            consumeQueue(this.alias, AWS_SHARED.queues.of(trigger.queue).queue, this.spec, trigger);
          } else {
            addQueueTrigger(this.scope, this.alias, this.spec, trigger);
          }
          break;
        case TriggerKind.SCHEDULE:
          addScheduleTrigger(this.scope, this.alias, trigger, this.spec.handlerApi === HandlerApi.PORTABLE);
          break;
        case TriggerKind.EVENT_BUS:
          addEventBusTrigger(this.scope, this.alias, trigger, AWS_SHARED.buses.tryOf(trigger.bus));
          break;
        case TriggerKind.STORAGE:
          addStorageTrigger(this.scope, this.alias, trigger, AWS_SHARED.buckets.tryOf(trigger.bucket));
          break;
        case TriggerKind.TOPIC:
          addTopicTrigger(this.scope, this.alias, trigger, AWS_SHARED.topics.tryOf(trigger.topic));
          break;
      }
    }
    // Scheduler invokes asynchronously too: a run the function fails goes to the on-failure queue.
    if (triggers.some((t) => t.kind === TriggerKind.SCHEDULE)) {
      configureAsyncFailures(this.scope, this.alias, LAMBDA_ASYNC_DEFAULTS, true);
    }
  }
}

/**
 * The intended scanner findings of a Cirrus function, acknowledged (cdk-nag)
 * and skipped (checkov) next to it with their reasons (docs/security.md).
 */
function acknowledgeFunctionFindings(fn: lambda.Function, role: iam.Role, reservesConcurrency: boolean): void {
  acknowledgeRule(role, 'AwsSolutions-IAM5[Resource::*]', FUNCTION_FINDINGS.xrayResourceStar);
  acknowledgeRule(fn, 'AwsSolutions-L1', FUNCTION_FINDINGS.runtime);
  acknowledgeRule(fn, 'Serverless-LambdaLatestVersion', FUNCTION_FINDINGS.runtime);
  acknowledgeRule(fn, 'Serverless-LambdaDLQ', FUNCTION_FINDINGS.functionDlq);
  skipCheckov(fn, 'CKV_AWS_116', FUNCTION_FINDINGS.functionDlq);
  skipCheckov(fn, 'CKV_AWS_117', FUNCTION_FINDINGS.vpc);
  skipCheckov(fn, 'CKV_AWS_173', FUNCTION_FINDINGS.environmentKms);
  if (!reservesConcurrency) {
    skipCheckov(fn, 'CKV_AWS_115', FUNCTION_FINDINGS.concurrency);
  }
}

/**
 * Renders an EventDrivenFunction with aws-cdk-lib, in its stack or in the
 * nested stack its placement names (lib/aws/placement.ts).
 */
export function renderFunction(scope: Construct, spec: FunctionSpec): RenderedFunction {
  const placement = (scope as Partial<Pick<EventDrivenFunction, '_placement'>>)._placement;
  const stack = Stack.of(scope);
  watchTemplateLimits(stack, placementOf(stack) !== undefined);
  const rendered = new AwsFunction(placementScope(scope, placement), spec);
  // Keyed by the EventDrivenFunction, wherever its resources are.
  AWS_FUNCTIONS.set(scope, { fn: rendered.fn, role: rendered.role, alias: rendered.alias });
  return rendered;
}
