import { CloudProvider } from '../cloud-provider';
import type { TriggerSpec } from '../function-spec';
import { HttpAuth } from '../http';
import { StorageEvent, TriggerKind } from '../trigger';
import { DiagramContext } from './describe';
import { DiagramEdgeStyle, DiagramNodeKind } from './graph';
import { shown } from './text';

/** A function already in the graph, for the parts of its triggers. */
export interface DrawnFunction {
  /** Its key (path relative to the stack). */
  readonly key: string;
  /** Its construct id, for labels. */
  readonly name: string;
  /** Its node id. */
  readonly id: string;
}

/** A trigger id for people: without the source hash of a shared-source trigger (`Topic895457` reads `Topic`). */
function readableTriggerId(id: string): string {
  return id.replace(/[0-9a-f]{6}(n\d+)?$/, '');
}

/** One trigger: its source node (shared or the trigger's own), the edge to the function and its dead-letter path. */
export function addTrigger(d: DiagramContext, fn: DrawnFunction, t: TriggerSpec, behindEdge: boolean): void {
  const { graph: g, labels, cloud } = d;
  const own = `${fn.key}/${t.id}`;
  const fnId = fn.id;
  const deadLetters = (from: string, what: string, label: string) => {
    const dlq = g.node(`${own}/DeadLetters`, DiagramNodeKind.DEAD_LETTER, [`${fn.name} ${readableTriggerId(t.id)} dead letters`, what]);
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
        const api = g.node(d.keyOf(t.api), DiagramNodeKind.HTTP, [t.api.node.id, labels.httpApi]);
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
        g.edge(d.idOf(t.queue)!, fnId, DiagramEdgeStyle.SOLID, batch);
        return;
      }
      const queue = g.node(own, DiagramNodeKind.QUEUE, [`${fn.name} queue`, labels.queue]);
      g.edge(queue, fnId, DiagramEdgeStyle.SOLID, batch);
      deadLetters(queue, labels.queueDeadLetter, `after ${shown(t.maxDeliveryAttempts)} deliveries`);
      return;
    }
    case TriggerKind.TOPIC: {
      const topic = t.topic ? d.idOf(t.topic)! : g.node(own, DiagramNodeKind.TOPIC, [`${fn.name} topic`, labels.topic]);
      g.edge(topic, fnId, DiagramEdgeStyle.SOLID, t.filter ? `subscription, filtered on ${Object.keys(t.filter).join(', ')}` : 'subscription');
      deadLetters(topic, labels.topicDeadLetter, asyncLabel(t.maxDeliveryAttempts));
      return;
    }
    case TriggerKind.EVENT_BUS: {
      let bus: string;
      if (t.bus) {
        bus = d.idOf(t.bus)!;
      } else if (cloud === CloudProvider.AWS) {
        bus = g.node('default event bus', DiagramNodeKind.BUS, ['default', labels.defaultBus]);
      } else {
        bus = g.node(own, DiagramNodeKind.BUS, [`${fn.name} bus`, labels.bus]);
      }
      const pattern = [
        ...(t.source?.length ? [`source ${t.source.join(' or ')}`] : []),
        ...(t.detailType?.length ? [`type ${t.detailType.join(' or ')}`] : []),
      ].join(', ');
      g.edge(bus, fnId, DiagramEdgeStyle.SOLID, pattern || 'events');
      if (cloud === CloudProvider.AZURE) {
        eventGridDeadLetters(d, fn, bus, t.maxDeliveryAttempts);
      } else {
        deadLetters(bus, labels.eventDeadLetter, asyncLabel(t.maxDeliveryAttempts));
      }
      return;
    }
    case TriggerKind.STORAGE: {
      const bucket = t.bucket ? d.idOf(t.bucket)! : g.node(own, DiagramNodeKind.BUCKET, [`${fn.name} bucket`, labels.bucket]);
      const events = t.events.map((e) => (e === StorageEvent.OBJECT_CREATED ? 'created' : 'deleted')).join(', ');
      const filter = [t.prefix ? `${t.prefix}*` : '', t.suffix ? `*${t.suffix}` : ''].filter((s) => s).join(' ');
      g.edge(bucket, fnId, DiagramEdgeStyle.SOLID, `objects ${events}${filter ? ` ${filter}` : ''}`);
      if (cloud === CloudProvider.AZURE) {
        eventGridDeadLetters(d, fn, bucket, t.maxDeliveryAttempts);
      } else {
        deadLetters(bucket, labels.eventDeadLetter, asyncLabel(t.maxDeliveryAttempts));
      }
      return;
    }
  }
}

/** Azure: Event Grid dead-letters bus and storage events of a function to one blob container in its storage account. */
function eventGridDeadLetters(d: DiagramContext, fn: DrawnFunction, from: string, attempts: number): void {
  const dlq = d.graph.node(`${fn.key}/EventDeadLetterContainer`, DiagramNodeKind.DEAD_LETTER, [`${fn.name} event dead letters`, d.labels.eventDeadLetter]);
  d.graph.edge(from, dlq, DiagramEdgeStyle.DASHED, `after ${shown(attempts)} deliveries`);
}
