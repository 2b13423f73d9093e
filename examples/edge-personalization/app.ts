import * as aws from 'aws-cdk-lib';
import { ExampleApps, exampleApps } from '../example-apps';
import { AzureStack, CloudProvider, GcpStack } from '../../index';
import { defineEdgePersonalization } from './edge-personalization';

/** The apps of one synthesis of the example. */
export type EdgePersonalizationApps = ExampleApps;

/**
 * Builds the edge-personalization example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildEdgePersonalizationApps(cdkOutdir: string, tfOutdir: string): EdgePersonalizationApps {
  const { awsApp, terraformApp } = exampleApps(cdkOutdir, tfOutdir);
  // A CloudFront Function runs in any stack region (Lambda@Edge would need us-east-1).
  defineEdgePersonalization(new aws.Stack(awsApp, 'edge-aws', { env: { region: 'eu-west-1' } }), CloudProvider.AWS);

  defineEdgePersonalization(new AzureStack(terraformApp, 'edge-azure', { location: 'westeurope', tags: { app: 'shop' } }), CloudProvider.AZURE);
  // A Google-managed certificate needs a domain: with one, the load balancer serves HTTPS.
  defineEdgePersonalization(
    new GcpStack(terraformApp, 'edge-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'shop' } }),
    CloudProvider.GCP,
    ['shop.example.com'],
  );
  return { awsApp, terraformApp };
}
