/**
 * The clouds Cirrus synthesizes for.
 */
export enum CloudProvider {
  /** Amazon Web Services, synthesized to CloudFormation through aws-cdk-lib. */
  AWS = 'aws',
  /** Microsoft Azure, synthesized to Terraform through cdktf and the azurerm provider. */
  AZURE = 'azure',
  /** Google Cloud, synthesized to Terraform through cdktf and the google provider. */
  GCP = 'gcp',
  /** This machine: a LocalStack, run by LocalRun (`npx cirrus dev`); nothing is synthesized. */
  LOCAL = 'local',
}

/** Human-readable cloud names used in error messages. */
export const CLOUD_LABEL: Record<CloudProvider, string> = {
  [CloudProvider.AWS]: 'AWS',
  [CloudProvider.AZURE]: 'Azure',
  [CloudProvider.GCP]: 'GCP',
  [CloudProvider.LOCAL]: 'the local run',
};
