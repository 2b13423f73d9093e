import { Construct, IConstruct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { AlarmChannelSpec, FunctionAlarmSpec } from '../core/alarms';
import type { SecretSpec } from '../core/secrets';
import type { RenderedAlarmChannel, RenderedAlarms } from '../targets/load-observability-renderer';
import { localFunctionModel } from './function-renderer';

/** Alarms are a cloud's monitoring: the local run prints every failure instead. */
export function renderAlarmChannel(scope: Construct, _spec: AlarmChannelSpec): RenderedAlarmChannel {
  return { resource: new Construct(scope, 'Resource') };
}

export function renderFunctionAlarms(_fn: EventDrivenFunction, _spec: FunctionAlarmSpec, _channels: IConstruct[]): RenderedAlarms {
  // LocalRun says once, at start, that alarms are not emulated (README, "What the local run does not emulate").
  return { sync: () => undefined };
}

/** Secrets come from the LocalStack's secrets file or CIRRUS_SECRET_<NAME> variables when the run starts. */
export function renderSecrets(fn: EventDrivenFunction, secrets: SecretSpec[]): void {
  localFunctionModel(fn)?.secrets.push(...secrets);
}
