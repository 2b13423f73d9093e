import { DiagramDescription, DiagramPhase } from '../../lib/core/diagram/describe';
import { DiagramNodeKind } from '../../lib/core/diagram/graph';
import { plural } from '../../lib/core/diagram/text';
import type { AlarmChannel } from '../alarm-channel';

/** A shared alarm channel: its node (the functions that notify it draw the edges). */
export function alarmChannelDiagram(channel: AlarmChannel): DiagramDescription {
  return {
    parts: {
      [DiagramPhase.ALARM_CHANNELS]: (d) => {
        d.graph.node(d.keyOf(channel), DiagramNodeKind.ALARM_CHANNEL, [channel.node.id, d.labels.alarmChannel, plural(channel.emailAddresses.length, 'email')]);
      },
    },
  };
}
