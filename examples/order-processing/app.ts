import * as aws from 'aws-cdk-lib';
import { ExampleApps, exampleApps } from '../example-apps';
import { AzureStack, GcpStack } from '../../index';
import { defineOrderProcessing } from './order-processing';

/** The apps of one synthesis of the example. */
export type ExampleOutput = ExampleApps;

/**
 * Builds the order-processing example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildOrderProcessingApps(cdkOutdir: string, tfOutdir: string): ExampleOutput {
  const { awsApp, terraformApp } = exampleApps(cdkOutdir, tfOutdir);
  defineOrderProcessing(new aws.Stack(awsApp, 'orders-aws', { env: { region: 'eu-west-1' } }));

  defineOrderProcessing(new AzureStack(terraformApp, 'orders-azure', { location: 'westeurope', tags: { app: 'orders' }, keyVaultName: 'acme-secrets' }));
  defineOrderProcessing(new GcpStack(terraformApp, 'orders-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'orders' } }), {
    billingAccountId: '01ABCD-23EF45-6789AB',
  });
  return { awsApp, terraformApp };
}
