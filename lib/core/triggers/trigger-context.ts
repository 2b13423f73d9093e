import { CloudProvider } from '../cloud-provider';
import { ProblemCollector } from '../errors';
import { CloudLimits } from '../limits';
import { TriggerIds } from './trigger-options';

/** What every trigger normaliser of one function shares. */
export interface TriggerContext {
  readonly problems: ProblemCollector;
  readonly warnings: string[];
  readonly cloud: CloudProvider;
  /** The cloud's name in messages. */
  readonly label: string;
  readonly limits: CloudLimits;
  readonly ids: TriggerIds;
  /** `METHOD path` of the HTTP routes seen so far. */
  readonly routes: Set<string>;
}
