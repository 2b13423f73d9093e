import type { NameRule } from '../naming';

/** Naming rules of the edge resources that clouds constrain (used with deriveName). */
export const EDGE_NAME_RULES = {
  /**
   * Azure Front Door endpoint: 1-46 letters, digits and hyphens; part of the
   * `<name>-<hash>.z01.azurefd.net` host name.
   */
  azureFrontDoorEndpoint: { maxLength: 46, hyphens: true, prefix: 'fde-' },
  /** Azure Front Door profile: 1-260 letters, digits and hyphens; kept to 60. */
  azureFrontDoorProfile: { maxLength: 60, hyphens: true, prefix: 'afd-' },
  /** Lambda@Edge function name: at most 64 letters, digits, hyphens and underscores. */
  awsEdgeLambda: { maxLength: 64, hyphens: true, prefix: 'edge-' },
} satisfies Record<string, NameRule>;
