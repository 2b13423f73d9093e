import { CloudProvider } from './cloud-provider';
import { FunctionRuntime } from './runtime';

/**
 * Each cloud's runtime id for each neutral runtime that cloud offers. A
 * runtime missing from a cloud's table is not offered there.
 *
 * Sources (checked 2026-11): AWS Lambda runtimes page; Azure Functions
 * Flex Consumption supported language stacks; Cloud Functions (2nd gen)
 * runtime support page.
 */
const RUNTIME_IDS: Record<CloudProvider, Record<string, string>> = {
  [CloudProvider.AWS]: {
    nodejs20: 'nodejs20.x',
    nodejs22: 'nodejs22.x',
    nodejs24: 'nodejs24.x',
    'python3.12': 'python3.12',
    'python3.13': 'python3.13',
    'python3.14': 'python3.14',
  },
  [CloudProvider.AZURE]: {
    nodejs20: 'node:20',
    nodejs22: 'node:22',
    'python3.12': 'python:3.12',
    'python3.13': 'python:3.13',
  },
  [CloudProvider.GCP]: {
    // nodejs20 was decommissioned on Cloud Functions on 2026-10-30.
    nodejs22: 'nodejs22',
    nodejs24: 'nodejs24',
    'python3.12': 'python312',
    'python3.13': 'python313',
    'python3.14': 'python314',
  },
  // The local run starts `node` and `python3` from the PATH: every runtime any cloud offers.
  [CloudProvider.LOCAL]: {
    nodejs20: 'node',
    nodejs22: 'node',
    nodejs24: 'node',
    'python3.12': 'python3',
    'python3.13': 'python3',
    'python3.14': 'python3',
  },
};

/** The cloud's id for a runtime, or undefined if the cloud does not offer it. */
export function runtimeIdFor(cloud: CloudProvider, runtime: FunctionRuntime): string | undefined {
  return RUNTIME_IDS[cloud][runtime.name];
}

/** The neutral names of the runtimes a cloud offers, for error messages. */
export function runtimesOfferedBy(cloud: CloudProvider): string[] {
  return Object.keys(RUNTIME_IDS[cloud]);
}

/** Runtimes a cloud still accepts but has deprecated: using them adds a warning. */
const DEPRECATED: Record<CloudProvider, Record<string, string>> = {
  [CloudProvider.AWS]: { nodejs20: 'deprecated by AWS Lambda on 2026-04-30; creation is disabled from 2027-02-01' },
  [CloudProvider.AZURE]: { nodejs20: 'out of support on Azure Functions since 2026-04-30' },
  [CloudProvider.GCP]: {},
  [CloudProvider.LOCAL]: {},
};

/** Why a runtime is deprecated on a cloud, or undefined when it is not. */
export function runtimeDeprecation(cloud: CloudProvider, runtime: FunctionRuntime): string | undefined {
  return DEPRECATED[cloud][runtime.name];
}
