import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { AzureStack, GcpStack } from '../../index';
import { defineOrderProcessing } from './order-processing';

/** Output folders of one synthesis of the example. */
export interface ExampleOutput {
  readonly awsApp: aws.App;
  readonly terraformApp: cdktf.App;
}

/**
 * Builds the order-processing example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildOrderProcessingApps(cdkOutdir: string, tfOutdir: string): ExampleOutput {
  const awsApp = new aws.App({ outdir: cdkOutdir });
  defineOrderProcessing(new aws.Stack(awsApp, 'orders-aws', { env: { region: 'eu-west-1' } }));

  const terraformApp = new cdktf.App({ outdir: tfOutdir, skipBackendValidation: true });
  defineOrderProcessing(new AzureStack(terraformApp, 'orders-azure', { location: 'westeurope', tags: { app: 'orders' } }));
  defineOrderProcessing(new GcpStack(terraformApp, 'orders-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'orders' } }));
  return { awsApp, terraformApp };
}
