import * as aws from 'aws-cdk-lib';
import { ExampleApps, exampleApps } from '../example-apps';
import { AzureStack, GcpStack } from '../../index';
import { defineFraudDetection } from './fraud-detection';

/** The apps of one synthesis of the example. */
export type FraudDetectionApps = ExampleApps;

/**
 * Builds the fraud-detection example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildFraudDetectionApps(cdkOutdir: string, tfOutdir: string): FraudDetectionApps {
  const { awsApp, terraformApp } = exampleApps(cdkOutdir, tfOutdir);
  defineFraudDetection(new aws.Stack(awsApp, 'fraud-aws', { env: { region: 'eu-west-1' } }));

  defineFraudDetection(new AzureStack(terraformApp, 'fraud-azure', { location: 'westeurope', tags: { app: 'fraud' } }));
  // A GCP billing budget belongs to a billing account, not to the project.
  defineFraudDetection(new GcpStack(terraformApp, 'fraud-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'fraud' } }), {
    billingAccountId: '01ABCD-23EF45-6789AB',
  });
  return { awsApp, terraformApp };
}
