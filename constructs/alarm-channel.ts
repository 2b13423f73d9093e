import { Construct } from 'constructs';
import { AlarmTarget, buildAlarmChannelSpec, IAlarmChannel } from '../lib/core/alarms';
import { CloudProvider } from '../lib/core/cloud-provider';
import { DIAGRAM_DESCRIPTIONS } from '../lib/core/diagram/describe';
import { CirrusValidationError, describeValue } from '../lib/core/errors';
import { loadObservabilityRenderer, RenderedAlarmChannel } from '../lib/targets/load-observability-renderer';
import { resolveTarget } from '../lib/targets/resolve-target';
import { isStruct, markKind } from '../lib/core/validation';
import { alarmChannelDiagram } from './diagram/alarm-channel-diagram';

/**
 * Props of an AlarmChannel.
 */
export interface AlarmChannelProps {
  /** Who is notified: `AlarmTarget.email(address)` entries, at least one. */
  readonly targets: AlarmTarget[];
}

/**
 * Recipients of alarms that several functions share: functions list it in
 * `notify: [AlarmTarget.channel(channel)]`.
 *
 * - AWS: an SNS topic encrypted with a customer managed KMS key (CloudWatch
 *   cannot use the AWS managed SNS key), TLS only, publishable by CloudWatch
 *   alarms of this account, with one email subscription per address.
 * - Azure: a monitor action group with one email receiver per address.
 * - GCP: one email notification channel per address.
 */
export class AlarmChannel extends Construct implements IAlarmChannel {
  /** The cloud of the channel. */
  public readonly provider: CloudProvider;

  /** The email addresses the channel notifies. */
  public readonly emailAddresses: string[];

  private readonly rendered: RenderedAlarmChannel;

  /**
   * @param scope a construct in an aws-cdk-lib Stack, AzureStack or GcpStack
   * @param id the construct id
   * @param props the recipients
   */
  constructor(scope: Construct, id: string, props: AlarmChannelProps) {
    super(scope, id);
    DIAGRAM_DESCRIPTIONS.set(this, alarmChannelDiagram(this));
    this.provider = resolveTarget(scope, this.node.path).provider;
    if (!isStruct(props)) {
      throw new CirrusValidationError(this.node.path, [`props must be an object with targets (got ${describeValue(props)})`]);
    }
    const spec = buildAlarmChannelSpec(this.provider, this.node.path, props.targets);
    this.emailAddresses = [...spec.emails];
    this.rendered = loadObservabilityRenderer(this.provider, this.node.path).renderAlarmChannel(this, spec);
    if (this.rendered.resource) {
      this.node.defaultChild = this.rendered.resource;
    }
  }
}

markKind(AlarmChannel, 'AlarmChannel');
