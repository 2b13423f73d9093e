import * as aws from 'aws-cdk-lib';
import { ExampleApps, exampleApps } from '../example-apps';
import { AzureStack, GcpStack } from '../../index';
import { defineOrderPipeline } from './order-pipeline';

/** The apps of one synthesis of the example. */
export type OrderPipelineApps = ExampleApps;

/**
 * Builds the order-pipeline example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildOrderPipelineApps(cdkOutdir: string, tfOutdir: string): OrderPipelineApps {
  const { awsApp, terraformApp } = exampleApps(cdkOutdir, tfOutdir);
  defineOrderPipeline(new aws.Stack(awsApp, 'pipeline-aws', { env: { region: 'eu-west-1' } }));

  defineOrderPipeline(new AzureStack(terraformApp, 'pipeline-azure', { location: 'westeurope', tags: { app: 'shop' }, keyVaultName: 'acme-secrets' }));
  // A GCP billing budget belongs to a billing account, not to the project.
  defineOrderPipeline(new GcpStack(terraformApp, 'pipeline-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'shop' } }), {
    billingAccountId: '01ABCD-23EF45-6789AB',
  });
  return { awsApp, terraformApp };
}
