import { CloudProvider } from './cloud-provider';
import { ProblemCollector } from './errors';
import { isUnresolved } from './tokens';

/** The shape of a region name on each cloud: `eu-west-1`, `westeurope`, `europe-west1`. */
export const REGION_PATTERN: Record<CloudProvider, RegExp> = {
  [CloudProvider.AWS]: /^[a-z]{2}(-[a-z]+)+-\d$/,
  [CloudProvider.AZURE]: /^[a-z][a-z0-9]{1,39}$/,
  [CloudProvider.GCP]: /^[a-z]+-[a-z]+[0-9]+$/,
  // Locally every function runs on this machine: any cloud's region name is accepted (and ignored, with a warning).
  [CloudProvider.LOCAL]: /^[a-z][a-z0-9-]{1,39}$/,
};

/**
 * Checks a function's `region`: an Azure location or a GCP region in the
 * cloud's naming shape. On AWS a Lambda function always runs in its stack's
 * region, so the prop is an error there. Tokens pass unchecked.
 */
export function checkFunctionRegion(problems: ProblemCollector, cloud: CloudProvider, region: string | undefined): string | undefined {
  if (region === undefined) {
    return undefined;
  }
  if (cloud === CloudProvider.AWS) {
    problems.invalid('region', 'cannot be set on AWS: a Lambda function runs in the region of its Stack; create the function in a Stack of that region', region);
    return undefined;
  }
  if (typeof region !== 'string' || (!isUnresolved(region) && !REGION_PATTERN[cloud].test(region))) {
    const example = cloud === CloudProvider.AZURE ? 'an Azure region name such as "westeurope"' : 'a GCP region name such as "europe-west1"';
    problems.invalid('region', `must be ${example}`, region);
    return undefined;
  }
  return region;
}
