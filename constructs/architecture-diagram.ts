import { IConstruct } from 'constructs';
import { AlarmTargetKind } from '../lib/core/alarms';
import { CLOUD_LABEL, CloudProvider } from '../lib/core/cloud-provider';
import { GrantAccess, MessagingGrant } from '../lib/core/diagram/grants';
import { ArchitectureGraph, DiagramEdgeStyle, DiagramNodeKind, GraphBuilder } from '../lib/core/diagram/graph';
import { NATIVE_LABELS, NativeLabels } from '../lib/core/diagram/labels';
import { renderArchitectureMarkdown, renderMermaid } from '../lib/core/diagram/mermaid';
import { EdgeEventType } from '../lib/core/edge/edge-event-type';
import { EdgeCodePlacement } from '../lib/core/edge/edge-spec';
import { CirrusValidationError } from '../lib/core/errors';
import type { TriggerSpec } from '../lib/core/function-spec';
import { HttpAuth } from '../lib/core/http';
import { isUnresolved } from '../lib/core/tokens';
import { StorageEvent, TriggerKind } from '../lib/core/trigger';
import { resolveTarget, ResolvedTarget } from '../lib/targets/resolve-target';
import { AlarmChannel } from './alarm-channel';
import { CostBudgetGuard } from './cost-budget-guard';
import { EdgeFunction } from './edge-function';
import { EventBucket } from './event-bucket';
import { EventBus } from './event-bus';
import { EventDrivenFunction } from './event-driven-function';
import { EventQueue } from './event-queue';
import { EventTopic } from './event-topic';
import { ProvisionedWarmPool } from './provisioned-warm-pool';

/**
 * The architecture of a stack as a Mermaid flowchart, generated from its
 * construct tree: event sources (HTTP routes, queues, topics, buses,
 * buckets, schedules) → functions → the queues, topics, buses and buckets
 * they were granted to write to; dashed edges for dead-letter paths, warm
 * pools, the budget guard's enforcement and alarm notifications; edge
 * functions in front of their origin. Labels name each cloud's native
 * service; the structure is the same on every cloud.
 *
 * Cirrus also writes the diagram at synthesis, beside the stack's output:
 * `cdk.out/<stack artifact id>.architecture.md` (AWS) and
 * `cdktf.out/stacks/<stack>/architecture.md` (Azure, GCP).
 */
export class ArchitectureDiagram {
  /**
   * The Mermaid flowchart of the stack that holds `scope` (`flowchart LR`,
   * without a Markdown fence). Same construct tree, same text.
   *
   * @param scope an aws-cdk-lib Stack, an AzureStack or a GcpStack, or any construct inside one
   */
  public static mermaid(scope: IConstruct): string {
    return renderMermaid(architectureGraph(scope));
  }

  /**
   * The Markdown document Cirrus writes beside the stack's output: a
   * heading, a short legend and the flowchart in a fenced `mermaid` block.
   *
   * @param scope an aws-cdk-lib Stack, an AzureStack or a GcpStack, or any construct inside one
   */
  public static markdown(scope: IConstruct): string {
    return renderArchitectureMarkdown(architectureGraph(scope));
  }

  private constructor() {}
}

/** The stack of `scope`, with a message about diagrams when there is none. */
function stackOf(scope: IConstruct): ResolvedTarget {
  try {
    return resolveTarget(scope, scope.node.path);
  } catch {
    throw new CirrusValidationError(scope.node.path || '<app>', [
      'ArchitectureDiagram draws one stack: pass an aws-cdk-lib Stack, an AzureStack or a GcpStack (or a construct inside one), not an app',
    ]);
  }
}

/** A value for a label: tokens are only known at deployment. */
function shown(value: string | number | undefined, unit = ''): string {
  if (value === undefined) {
    return '';
  }
  return isUnresolved(value) ? '(set at deployment)' : `${value}${unit}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Walks the construct tree of the stack of `scope` and returns its
 * architecture graph. Node ids come from construct paths relative to the
 * stack, so the same tree gives the same graph.
 */
export function architectureGraph(scope: IConstruct): ArchitectureGraph {
  const target = stackOf(scope);
  const stack = target.stack;
  const cloud = target.provider;
  const labels = NATIVE_LABELS[cloud];
  const g = new GraphBuilder(`${stack.node.id} (${CLOUD_LABEL[cloud]})`);
  const prefix = stack.node.path === '' ? '' : `${stack.node.path}/`;
  const keyOf = (c: IConstruct) => (c.node.path.startsWith(prefix) ? c.node.path.slice(prefix.length) : c.node.path);
  const inStack = stack.node.findAll().filter((c) => c !== stack && isCirrus(c) && resolveTarget(c, c.node.path).stack === stack);
  const under = (c: IConstruct, type: Function) => c.node.scopes.some((s) => s !== c && s instanceof type);

  // Shared messaging first: sources and destinations several functions point at.
  for (const c of inStack) {
    if (c instanceof EventQueue) {
      const queue = g.node(keyOf(c), DiagramNodeKind.QUEUE, [c.node.id, labels.queue]);
      const dlq = g.node(`${keyOf(c)}/DeadLetterQueue`, DiagramNodeKind.DEAD_LETTER, [`${c.node.id} dead letters`, labels.queueDeadLetter]);
      g.edge(queue, dlq, DiagramEdgeStyle.DASHED, `after ${shown(c.maxDeliveryAttempts)} deliveries`);
    } else if (c instanceof EventTopic) {
      g.node(keyOf(c), DiagramNodeKind.TOPIC, [c.node.id, labels.topic]);
    } else if (c instanceof EventBus) {
      g.node(keyOf(c), DiagramNodeKind.BUS, [c.node.id, labels.bus]);
    } else if (c instanceof EventBucket) {
      g.node(keyOf(c), DiagramNodeKind.BUCKET, [c.node.id, labels.bucket]);
    }
  }

  // Functions and their triggers. A budget guard's enforcer is drawn as the guard's edges, not as a function.
  const functions = inStack.filter((c): c is EventDrivenFunction => c instanceof EventDrivenFunction && !under(c, CostBudgetGuard));
  for (const fn of functions) {
    const spec = fn._spec;
    const fnId = g.node(keyOf(fn), DiagramNodeKind.FUNCTION, [
      fn.node.id, labels.function, `${spec.runtimeId} · ${shown(spec.memoryMb, ' MB')}`,
    ]);
    const behindEdge = under(fn, EdgeFunction);
    for (const t of spec.triggers) {
      addTrigger(g, labels, cloud, keyOf(fn), fn.node.id, fnId, t, behindEdge, keyOf);
    }
    if (cloud === CloudProvider.AWS && spec.triggers.some((t) => ASYNC_KINDS.includes(t.kind))) {
      const failures = g.node(`${keyOf(fn)}/AsyncFailureQueue`, DiagramNodeKind.DEAD_LETTER, [`${fn.node.id} failed invocations`, labels.asyncFailure!]);
      g.edge(fnId, failures, DiagramEdgeStyle.DASHED, 'after the last retry');
    }
  }

  // What functions were granted on the shared messaging.
  for (const c of inStack) {
    if (c instanceof EventQueue || c instanceof EventTopic || c instanceof EventBus || c instanceof EventBucket) {
      const target = g.idOf(keyOf(c))!;
      for (const grant of (c._grants as MessagingGrant[])) {
        const fnId = g.idOf(keyOf(grant.fn));
        if (fnId === undefined) {
          continue;
        }
        if (grant.access === GrantAccess.READ) {
          g.edge(target, fnId, DiagramEdgeStyle.DASHED, 'read by');
        } else {
          g.edge(fnId, target, DiagramEdgeStyle.SOLID, GRANT_VERB[grant.access]);
        }
      }
    }
  }

  for (const c of inStack) {
    if (c instanceof ProvisionedWarmPool) {
      const fnId = g.idOf(keyOf(c.function));
      const pool = g.node(keyOf(c), DiagramNodeKind.WARM_POOL, [
        c.node.id, `${shown(c.plannedMinInstances)} to ${shown(c.maxInstances)} instances`, labels.warmPool,
      ]);
      if (fnId !== undefined) {
        g.edge(pool, fnId, DiagramEdgeStyle.DASHED, `keeps ${shown(c.plannedMinInstances)} warm`);
      }
    } else if (c instanceof CostBudgetGuard) {
      const enforcement = c._enforcement;
      const guard = g.node(keyOf(c), DiagramNodeKind.BUDGET, [
        c.node.id, `limit ${shown(c.monthlyLimitUsd)} USD a month`, labels.budget,
        ...(enforcement.functions.length === 0 ? ['alerts only'] : []),
      ]);
      for (const fn of enforcement.functions) {
        const fnId = g.idOf(keyOf(fn));
        if (fnId !== undefined) {
          g.edge(guard, fnId, DiagramEdgeStyle.DASHED, `stops at ${shown(enforcement.atPercent)}%`);
        }
      }
    } else if (c instanceof EdgeFunction) {
      addEdgeFunction(g, labels, c, keyOf);
    }
  }

  // Alarm notifications: shared channels, and the channel of its own a function gets for email targets.
  for (const c of inStack) {
    if (c instanceof AlarmChannel) {
      g.node(keyOf(c), DiagramNodeKind.ALARM_CHANNEL, [c.node.id, labels.alarmChannel, plural(c.emailAddresses.length, 'email')]);
    }
  }
  for (const fn of functions) {
    const targets = fn._alarmTargets;
    const fnId = g.idOf(keyOf(fn))!;
    const emails = targets.filter((t) => t.kind === AlarmTargetKind.EMAIL).length;
    if (emails > 0) {
      const own = g.node(`${keyOf(fn)}/AlarmChannel`, DiagramNodeKind.ALARM_CHANNEL, [`${fn.node.id} alarms`, labels.alarmChannel, plural(emails, 'email')]);
      g.edge(fnId, own, DiagramEdgeStyle.DASHED, 'alarms');
    }
    for (const t of targets) {
      const channel = t.alarmChannel ? g.idOf(keyOf(t.alarmChannel)) : undefined;
      if (channel !== undefined) {
        g.edge(fnId, channel, DiagramEdgeStyle.DASHED, 'alarms');
      }
    }
  }
  return g.build();
}

/** Triggers that invoke a Lambda function asynchronously (its failures go to the on-failure queue). */
const ASYNC_KINDS: TriggerKind[] = [TriggerKind.TOPIC, TriggerKind.EVENT_BUS, TriggerKind.STORAGE, TriggerKind.SCHEDULE];

const GRANT_VERB: Record<GrantAccess, string> = {
  [GrantAccess.SEND]: 'sends',
  [GrantAccess.PUBLISH]: 'publishes',
  [GrantAccess.WRITE]: 'writes',
  [GrantAccess.READ]: 'reads',
};

function isCirrus(c: IConstruct): boolean {
  return c instanceof EventDrivenFunction || c instanceof EventQueue || c instanceof EventTopic || c instanceof EventBus
    || c instanceof EventBucket || c instanceof ProvisionedWarmPool || c instanceof CostBudgetGuard || c instanceof EdgeFunction
    || c instanceof AlarmChannel;
}

/** A trigger id for people: without the source hash of a shared-source trigger (`Topic895457` reads `Topic`). */
function readableTriggerId(id: string): string {
  return id.replace(/[0-9a-f]{6}(n\d+)?$/, '');
}

/** One trigger: its source node (shared or the trigger's own), the edge to the function and its dead-letter path. */
function addTrigger(
  g: GraphBuilder, labels: NativeLabels, cloud: CloudProvider, fnKey: string, fnName: string, fnId: string, t: TriggerSpec,
  behindEdge: boolean, keyOf: (c: IConstruct) => string,
): void {
  const own = `${fnKey}/${t.id}`;
  const deadLetters = (from: string, what: string, label: string) => {
    const dlq = g.node(`${own}/DeadLetters`, DiagramNodeKind.DEAD_LETTER, [`${fnName} ${readableTriggerId(t.id)} dead letters`, what]);
    g.edge(from, dlq, DiagramEdgeStyle.DASHED, label);
  };
  // On AWS, topics, buses and buckets dead-letter what they cannot deliver; the function's failures go to its on-failure queue.
  const asyncLabel = (attempts: number) => (cloud === CloudProvider.AWS ? 'undeliverable' : `after ${shown(attempts)} deliveries`);
  switch (t.kind) {
    case TriggerKind.HTTP: {
      if (behindEdge) {
        return;
      }
      const route = `${t.methods.join(' ')} ${t.path}`;
      const auth = t.auth === HttpAuth.PUBLIC ? 'public' : 'private';
      if (t.api) {
        // One entry point, its routes fanning out to the functions.
        const api = g.node(keyOf(t.api), DiagramNodeKind.HTTP, [t.api.node.id, labels.httpApi]);
        const routeId = g.node(own, DiagramNodeKind.HTTP, [route, auth]);
        g.edge(api, routeId);
        g.edge(routeId, fnId);
        return;
      }
      const http = g.node(own, DiagramNodeKind.HTTP, [route, labels.http, auth]);
      g.edge(http, fnId);
      return;
    }
    case TriggerKind.SCHEDULE: {
      const schedule = g.node(own, DiagramNodeKind.SCHEDULE, [
        ...(t.description ? [t.description] : []), t.expression, ...(t.timeZone && t.timeZone !== 'UTC' ? [t.timeZone] : []), labels.schedule,
      ]);
      g.edge(schedule, fnId);
      if (cloud === CloudProvider.AWS) {
        deadLetters(schedule, labels.eventDeadLetter, 'undeliverable');
      }
      return;
    }
    case TriggerKind.QUEUE: {
      // Pub/Sub push delivers one message per request: no batches on GCP.
      const batch = cloud === CloudProvider.GCP ? undefined : `batches of ${shown(t.batchSize)}`;
      if (t.queue) {
        g.edge(g.idOf(keyOf(t.queue))!, fnId, DiagramEdgeStyle.SOLID, batch);
        return;
      }
      const queue = g.node(own, DiagramNodeKind.QUEUE, [`${fnName} queue`, labels.queue]);
      g.edge(queue, fnId, DiagramEdgeStyle.SOLID, batch);
      deadLetters(queue, labels.queueDeadLetter, `after ${shown(t.maxDeliveryAttempts)} deliveries`);
      return;
    }
    case TriggerKind.TOPIC: {
      const topic = t.topic ? g.idOf(keyOf(t.topic))! : g.node(own, DiagramNodeKind.TOPIC, [`${fnName} topic`, labels.topic]);
      g.edge(topic, fnId, DiagramEdgeStyle.SOLID, t.filter ? `subscription, filtered on ${Object.keys(t.filter).join(', ')}` : 'subscription');
      deadLetters(topic, labels.topicDeadLetter, asyncLabel(t.maxDeliveryAttempts));
      return;
    }
    case TriggerKind.EVENT_BUS: {
      let bus: string;
      if (t.bus) {
        bus = g.idOf(keyOf(t.bus))!;
      } else if (cloud === CloudProvider.AWS) {
        bus = g.node('default event bus', DiagramNodeKind.BUS, ['default', labels.defaultBus]);
      } else {
        bus = g.node(own, DiagramNodeKind.BUS, [`${fnName} bus`, labels.bus]);
      }
      const pattern = [
        ...(t.source?.length ? [`source ${t.source.join(' or ')}`] : []),
        ...(t.detailType?.length ? [`type ${t.detailType.join(' or ')}`] : []),
      ].join(', ');
      g.edge(bus, fnId, DiagramEdgeStyle.SOLID, pattern || 'events');
      if (cloud === CloudProvider.AZURE) {
        eventGridDeadLetters(g, labels, fnKey, fnName, bus, t.maxDeliveryAttempts);
      } else {
        deadLetters(bus, labels.eventDeadLetter, asyncLabel(t.maxDeliveryAttempts));
      }
      return;
    }
    case TriggerKind.STORAGE: {
      const bucket = t.bucket ? g.idOf(keyOf(t.bucket))! : g.node(own, DiagramNodeKind.BUCKET, [`${fnName} bucket`, labels.bucket]);
      const events = t.events.map((e) => (e === StorageEvent.OBJECT_CREATED ? 'created' : 'deleted')).join(', ');
      const filter = [t.prefix ? `${t.prefix}*` : '', t.suffix ? `*${t.suffix}` : ''].filter((s) => s).join(' ');
      g.edge(bucket, fnId, DiagramEdgeStyle.SOLID, `objects ${events}${filter ? ` ${filter}` : ''}`);
      if (cloud === CloudProvider.AZURE) {
        eventGridDeadLetters(g, labels, fnKey, fnName, bucket, t.maxDeliveryAttempts);
      } else {
        deadLetters(bucket, labels.eventDeadLetter, asyncLabel(t.maxDeliveryAttempts));
      }
      return;
    }
  }
}

/** Azure: Event Grid dead-letters bus and storage events of a function to one blob container in its storage account. */
function eventGridDeadLetters(g: GraphBuilder, labels: NativeLabels, fnKey: string, fnName: string, from: string, attempts: number): void {
  const dlq = g.node(`${fnKey}/EventDeadLetterContainer`, DiagramNodeKind.DEAD_LETTER, [`${fnName} event dead letters`, labels.eventDeadLetter]);
  g.edge(from, dlq, DiagramEdgeStyle.DASHED, `after ${shown(attempts)} deliveries`);
}

const EVENT_NAME: Record<EdgeEventType, string> = {
  [EdgeEventType.VIEWER_REQUEST]: 'viewer request',
  [EdgeEventType.VIEWER_RESPONSE]: 'viewer response',
  [EdgeEventType.ORIGIN_REQUEST]: 'origin request',
  [EdgeEventType.ORIGIN_RESPONSE]: 'origin response',
};

/** An edge: its node, its origin (a function of the stack or a URL) and the regional functions that run its code. */
function addEdgeFunction(g: GraphBuilder, labels: NativeLabels, edge: EdgeFunction, keyOf: (c: IConstruct) => string): void {
  const spec = edge._spec;
  const code = spec.code;
  const codeLine = !code ? [] : code.placement === EdgeCodePlacement.CLOUDFRONT_FUNCTION
    ? [`CloudFront Function on ${EVENT_NAME[code.eventType]}`]
    : code.placement === EdgeCodePlacement.LAMBDA_AT_EDGE
      ? [`Lambda@Edge on ${EVENT_NAME[code.eventType]}`]
      : ['custom code in a regional function'];
  const ruleCount = spec.requestHeaders.length + spec.responseHeaders.length + spec.removeResponseHeaders.length + spec.redirects.length + spec.rewrites.length;
  const edgeId = g.node(keyOf(edge), DiagramNodeKind.EDGE, [
    edge.node.id, labels.edge, ...codeLine, ...(ruleCount > 0 ? [plural(ruleCount, 'rule')] : []),
  ]);
  const originFn = spec.origin.originFunction;
  const origin = originFn !== undefined && g.idOf(keyOf(originFn)) !== undefined
    ? g.idOf(keyOf(originFn))!
    : g.node(`${keyOf(edge)}/Origin`, DiagramNodeKind.ORIGIN_URL, ['origin', originFn ? originFn.node.path : shown(spec.origin.url)]);
  if (edge.regionalFunctions.length === 0) {
    g.edge(edgeId, origin, DiagramEdgeStyle.SOLID, 'origin');
    return;
  }
  for (const fn of edge.regionalFunctions) {
    const fnId = g.idOf(keyOf(fn));
    if (fnId !== undefined) {
      g.edge(edgeId, fnId, DiagramEdgeStyle.SOLID, 'every request');
      g.edge(fnId, origin, DiagramEdgeStyle.SOLID, 'forwards to origin');
    }
  }
}
