import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { AzureStack, CloudProvider, GcpStack } from '../../index';
import { defineEdgePersonalization } from './edge-personalization';

/** The apps of one synthesis of the example. */
export interface EdgePersonalizationApps {
  readonly awsApp: aws.App;
  readonly terraformApp: cdktf.App;
}

/**
 * Builds the edge-personalization example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildEdgePersonalizationApps(cdkOutdir: string, tfOutdir: string): EdgePersonalizationApps {
  const awsApp = new aws.App({
    outdir: cdkOutdir,
    stackTraces: false,
    // No construct stack traces in the output: they hold absolute paths, so synths would differ by machine.
    context: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  // A CloudFront Function runs in any stack region (Lambda@Edge would need us-east-1).
  defineEdgePersonalization(new aws.Stack(awsApp, 'edge-aws', { env: { region: 'eu-west-1' } }), CloudProvider.AWS);

  const terraformApp = new cdktf.App({
    outdir: tfOutdir,
    skipBackendValidation: true,
    context: { [cdktf.DISABLE_STACK_TRACE_IN_METADATA]: true },
  });
  defineEdgePersonalization(new AzureStack(terraformApp, 'edge-azure', { location: 'westeurope', tags: { app: 'shop' } }), CloudProvider.AZURE);
  // A Google-managed certificate needs a domain: with one, the load balancer serves HTTPS.
  defineEdgePersonalization(
    new GcpStack(terraformApp, 'edge-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'shop' } }),
    CloudProvider.GCP,
    ['shop.example.com'],
  );
  return { awsApp, terraformApp };
}
