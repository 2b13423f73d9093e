import * as path from 'path';
import { Construct } from 'constructs';
import {
  AlarmChannel, AlarmTarget, EventBus, EventDrivenFunction, FunctionAlarms, FunctionCode, FunctionRuntime, HttpAuth, HttpMethod, Trigger,
} from '../../index';

/** The source devices' events carry on the bus. */
export const DEVICE_SOURCE = 'com.acme.devices';

/** The constructs of the iot-telemetry example that callers and tests look at. */
export interface IotTelemetry {
  readonly ingest: EventDrivenFunction;
  readonly telemetry: EventBus;
  readonly detectOverheating: EventDrivenFunction;
  readonly trackBattery: EventDrivenFunction;
  readonly onCall: AlarmChannel;
}

/**
 * Telemetry of a fleet of sensors, declared once:
 *
 * - `Ingest` takes batches of device readings over HTTP (`POST /telemetry`)
 *   and puts each on the `Telemetry` event bus, with source
 *   `com.acme.devices` and the reading's kind as the event type.
 * - Filtered consumers: `DetectOverheating` gets only `TemperatureReading`
 *   events, `TrackBattery` only `BatteryReading` events.
 * - Every function's alarms (errors, throttles, duration near the timeout,
 *   dead letters) go to the `OnCall` email channel; the consumers alarm on a
 *   single error in a minute, ingestion on five in five minutes.
 *
 * `scope` is an aws-cdk-lib Stack, an AzureStack or a GcpStack.
 */
export function defineIotTelemetry(scope: Construct): IotTelemetry {
  const code = FunctionCode.fromAsset(path.join(__dirname, 'handlers', 'telemetry'));
  const onCall = new AlarmChannel(scope, 'OnCall', { targets: [AlarmTarget.email('iot-oncall@example.com')] });
  const notify = [AlarmTarget.channel(onCall)];

  const telemetry = new EventBus(scope, 'Telemetry');
  const ingest = new EventDrivenFunction(scope, 'Ingest', {
    runtime: FunctionRuntime.NODEJS_22,
    code,
    handler: 'index.ingest',
    description: 'Puts device readings on the telemetry bus',
    timeoutSeconds: 10,
    triggers: [Trigger.http({ path: '/telemetry', methods: [HttpMethod.POST], auth: HttpAuth.PRIVATE })],
    alarms: FunctionAlarms.defaults({ errorsThreshold: 5, periodSeconds: 300 }),
    notify,
  });
  telemetry.grantPublish(ingest);

  const consumer = (id: string, handler: string, description: string, detailType: string) =>
    new EventDrivenFunction(scope, id, {
      runtime: FunctionRuntime.NODEJS_22,
      code,
      handler: `index.${handler}`,
      description,
      environment: { MAX_TEMPERATURE_C: '85', MIN_BATTERY_PERCENT: '15' },
      triggers: [Trigger.eventBus({ bus: telemetry, pattern: { source: [DEVICE_SOURCE], detailType: [detailType] } })],
      alarms: FunctionAlarms.defaults({ errorsThreshold: 1, periodSeconds: 60 }),
      notify,
    });
  const detectOverheating = consumer('DetectOverheating', 'detectOverheating', 'Flags devices running hotter than their limit', 'TemperatureReading');
  const trackBattery = consumer('TrackBattery', 'trackBattery', 'Schedules a battery swap for devices running low', 'BatteryReading');
  return { ingest, telemetry, detectOverheating, trackBattery, onCall };
}
