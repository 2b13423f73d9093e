import { AspectPriority, Aspects as CdkAspects } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import { AlarmChannelSpec, AlarmTarget, buildAlarmSpec, FunctionAlarms, FunctionAlarmSpec } from '../core/alarms';
import { CloudProvider } from '../core/cloud-provider';
import { ProblemCollector } from '../core/errors';
import { buildSecretSpecs, SecretRef, SecretSpec } from '../core/secrets';
import { addWarning } from './annotations';
import { cdktf } from './cdktf-engine';
import { requireWithProvider } from './load-renderer';
import { crossStackRefusal } from './stack-sharing';
import { resolveTarget } from './resolve-target';

/**
 * An alarm channel as a cloud renderer made it. What the function alarms
 * need (AWS: the SNS topic; Azure: the action group id; GCP: the
 * notification channel ids) the renderer keeps in its handle slot under the
 * channel's scope (lib/<cloud>/handles.ts), so alarms are given the scopes.
 */
export interface RenderedAlarmChannel {
  /** The main native resource (AWS: the topic; Azure: the action group), if there is one. */
  readonly resource?: IConstruct;
}

/** A function's alarms as a cloud renderer made them. */
export interface RenderedAlarms {
  /** Adds alarms for dead-letter queues that have none yet (triggers added after construction); idempotent. */
  sync(): void;
}

/** A cloud's renderer of alarms, notification channels and secrets. */
export interface ObservabilityRendererModule {
  /** The notification resources of one channel, under `scope`. */
  renderAlarmChannel(scope: Construct, spec: AlarmChannelSpec): RenderedAlarmChannel;
  /** The function's alarms, notifying the channels rendered under these scopes. */
  renderFunctionAlarms(fn: EventDrivenFunction, spec: FunctionAlarmSpec, channels: IConstruct[]): RenderedAlarms;
  /** Read access to each secret for the function's identity, and its reference in the function's environment. */
  renderSecrets(fn: EventDrivenFunction, secrets: SecretSpec[]): void;
}

const OBSERVABILITY_MODULES: Record<CloudProvider, { alarms: string; secrets: string }> = {
  [CloudProvider.AWS]: { alarms: '../aws/alarms', secrets: '../aws/secrets' },
  [CloudProvider.AZURE]: { alarms: '../azure/alarms', secrets: '../azure/secrets' },
  [CloudProvider.GCP]: { alarms: '../gcp/alarms', secrets: '../gcp/secrets' },
  [CloudProvider.LOCAL]: { alarms: '../local/observability', secrets: '../local/observability' },
};

/**
 * One cloud's observability renderer. The alarm and the secret modules (and
 * the provider modules they import) each load on first use, so an app without
 * secrets never loads the secret stores' bindings.
 */
export function loadObservabilityRenderer(cloud: CloudProvider, constructPath: string): ObservabilityRendererModule {
  const modules = OBSERVABILITY_MODULES[cloud];
  const load = (file: string) => (cloud === CloudProvider.AWS ? require(file) : requireWithProvider(cloud, constructPath, () => require(file)));
  return {
    renderAlarmChannel: (scope, spec) => load(modules.alarms).renderAlarmChannel(scope, spec),
    renderFunctionAlarms: (fn, spec, channels) => load(modules.alarms).renderFunctionAlarms(fn, spec, channels),
    renderSecrets: (fn, secrets) => load(modules.secrets).renderSecrets(fn, secrets),
  };
}

/** What EventDrivenFunction hands over: its alarm, notification and secret props. */
export interface ObservabilityInput {
  readonly alarms?: FunctionAlarms;
  readonly notify?: AlarmTarget[];
  readonly secrets?: { [key: string]: SecretRef };
}

/** Runs `fn` when the app synthesizes (after every trigger has been added). */
function atSynthesis(scope: IConstruct, provider: CloudProvider, run: () => void): void {
  const aspect = { visit: (node: IConstruct) => (node === scope ? run() : undefined) };
  if (provider === CloudProvider.LOCAL) {
    return; // the local run has no alarms to keep in step
  }
  if (provider === CloudProvider.AWS) {
    CdkAspects.of(scope).add(aspect, { priority: AspectPriority.MUTATING });
  } else {
    cdktf().Aspects.of(scope).add(aspect);
  }
}

/**
 * Validates and renders a function's alarms, their notifications and its
 * secrets, after the function itself is rendered. Every problem of these
 * props is reported in one CirrusValidationError.
 */
export function renderFunctionObservability(fn: EventDrivenFunction, input: ObservabilityInput): void {
  const path = fn.node.path;
  const spec = fn._spec;
  const problems = new ProblemCollector();
  const warnings: string[] = [];
  const alarms = buildAlarmSpec(fn.provider, input, spec.timeoutSeconds, problems, warnings);
  const stack = resolveTarget(fn, path).stack;
  // An AzureStack names the vault of its secrets (keyVaultName); other stacks have none.
  const stackVault = stack as { keyVaultName?: string; keyVaultResourceGroupName?: string };
  const secrets = buildSecretSpecs(fn.provider, input.secrets, spec.environment, problems, warnings,
    { keyVaultName: stackVault.keyVaultName, keyVaultResourceGroupName: stackVault.keyVaultResourceGroupName });
  (alarms?.channels ?? []).forEach((channel) => {
    const refusal = crossStackRefusal(channel, fn);
    if (refusal) {
      problems.add(`notify: the channel ${channel.node.path} is in another stack; ${refusal}`);
    }
  });
  problems.throwIfAny(path);

  const renderer = loadObservabilityRenderer(fn.provider, path);
  if (secrets.length > 0) {
    renderer.renderSecrets(fn, secrets);
  }
  if (alarms) {
    const channels: IConstruct[] = [...alarms.channels];
    if (alarms.emails.length > 0) {
      const own = new Construct(fn._resourceScope, 'AlarmChannel');
      renderer.renderAlarmChannel(own, { cloud: fn.provider, constructPath: `${path}/AlarmChannel`, emails: alarms.emails });
      channels.unshift(own);
    }
    const rendered = renderer.renderFunctionAlarms(fn, alarms, channels);
    atSynthesis(fn, fn.provider, () => rendered.sync());
  }
  for (const w of warnings) {
    addWarning(fn, fn.provider, 'observability', w);
  }
}
