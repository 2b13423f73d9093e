import { IConstruct } from 'constructs';
import { CloudProvider } from './cloud-provider';

/**
 * An EventDrivenFunction as the other constructs use it: shared queues,
 * topics, buses and buckets grant it access, an EdgeOrigin forwards to it,
 * BudgetEnforcement stops it and a ProvisionedWarmPool keeps it warm.
 * Implemented by EventDrivenFunction (what it renders is kept by the cloud
 * renderers, so only Cirrus functions can be used where rendering matters).
 */
export interface IEventDrivenFunction extends IConstruct {
  /** The cloud the function renders for. */
  readonly provider: CloudProvider;

  /** The function's name on its cloud (may be a token). */
  readonly functionName: string;

  /** The HTTPS base URL of its HTTP triggers (a token), if it has one. */
  readonly httpUrl?: string;

  /** The memory the function runs with, in MB. */
  readonly memoryMb: number;

  /**
   * Sets an environment variable (an app setting on Azure).
   *
   * @param key the variable name
   * @param value its value (may be a token)
   */
  addEnvironment(key: string, value: string): void;
}
