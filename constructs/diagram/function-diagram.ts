import { AlarmTarget, AlarmTargetKind } from '../../lib/core/alarms';
import { CloudProvider } from '../../lib/core/cloud-provider';
import { DiagramContext, DiagramDescription, DiagramPhase, InnerFunctions } from '../../lib/core/diagram/describe';
import { DiagramEdgeStyle, DiagramNodeKind } from '../../lib/core/diagram/graph';
import { plural, shown } from '../../lib/core/diagram/text';
import { addTrigger } from '../../lib/core/diagram/triggers';
import { TriggerKind } from '../../lib/core/trigger';
import type { EventDrivenFunction } from '../event-driven-function';

/** Triggers that invoke a Lambda function asynchronously (its failures go to the on-failure queue). */
const ASYNC_KINDS: TriggerKind[] = [TriggerKind.TOPIC, TriggerKind.EVENT_BUS, TriggerKind.STORAGE, TriggerKind.SCHEDULE];

/**
 * A function: its node and triggers, its AWS on-failure queue, and who its
 * alarms notify (`alarmTargets`, read at synthesis). A function inside a
 * construct that hides its inner functions (a budget guard) is not drawn.
 */
export function functionDiagram(fn: EventDrivenFunction, alarmTargets: () => AlarmTarget[]): DiagramDescription {
  const drawn = (d: DiagramContext) => !d.isInside(fn, InnerFunctions.HIDDEN);
  return {
    parts: {
      [DiagramPhase.FUNCTIONS]: (d) => {
        if (drawn(d)) {
          addFunction(d, fn);
        }
      },
      [DiagramPhase.ALARMS]: (d) => {
        if (drawn(d)) {
          addAlarms(d, fn, alarmTargets());
        }
      },
    },
  };
}

function addFunction(d: DiagramContext, fn: EventDrivenFunction): void {
  const { graph: g, labels } = d;
  const spec = fn._spec;
  const key = d.keyOf(fn);
  const id = g.node(key, DiagramNodeKind.FUNCTION, [fn.node.id, labels.function, `${spec.runtimeId} · ${shown(spec.memoryMb, ' MB')}`]);
  const behindEdge = d.isInside(fn, InnerFunctions.FRONTED);
  for (const t of spec.triggers) {
    addTrigger(d, { key, name: fn.node.id, id }, t, behindEdge);
  }
  if (d.cloud === CloudProvider.AWS && spec.triggers.some((t) => ASYNC_KINDS.includes(t.kind))) {
    const failures = g.node(`${key}/AsyncFailureQueue`, DiagramNodeKind.DEAD_LETTER, [`${fn.node.id} failed invocations`, labels.asyncFailure!]);
    g.edge(id, failures, DiagramEdgeStyle.DASHED, 'after the last retry');
  }
}

/** Alarm notifications: the function's own channel for email targets, and the shared channels it names. */
function addAlarms(d: DiagramContext, fn: EventDrivenFunction, targets: AlarmTarget[]): void {
  const g = d.graph;
  const fnId = d.idOf(fn)!;
  const emails = targets.filter((t) => t.kind === AlarmTargetKind.EMAIL).length;
  if (emails > 0) {
    const own = g.node(`${d.keyOf(fn)}/AlarmChannel`, DiagramNodeKind.ALARM_CHANNEL, [`${fn.node.id} alarms`, d.labels.alarmChannel, plural(emails, 'email')]);
    g.edge(fnId, own, DiagramEdgeStyle.DASHED, 'alarms');
  }
  for (const t of targets) {
    const channel = t.alarmChannel ? d.idOf(t.alarmChannel) : undefined;
    if (channel !== undefined) {
      g.edge(fnId, channel, DiagramEdgeStyle.DASHED, 'alarms');
    }
  }
}
