// The bundled example apps. `npm run synth`, the example tests and the security
// scans iterate over this list; add a new example here.
import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { buildEdgePersonalizationApps } from './edge-personalization/app';
import { buildFraudDetectionApps } from './fraud-detection/app';
import { buildIotTelemetryApps } from './iot-telemetry/app';
import { buildOrderPipelineApps } from './order-pipeline/app';
import { buildOrderProcessingApps } from './order-processing/app';

/** One bundled example: builds an AWS app and a Terraform app (Azure + GCP). */
export interface ExampleApp {
  /** The example's folder name under examples/. */
  readonly name: string;
  /** Builds the apps; CloudFormation goes to `cdkOutdir`, Terraform to `tfOutdir`. */
  readonly build: (cdkOutdir: string, tfOutdir: string) => { awsApp: aws.App; terraformApp: cdktf.App };
}

/** Every bundled example; the first is the quick-start app written at the top of cdk.out/ and cdktf.out/. */
export const EXAMPLES: ExampleApp[] = [
  { name: 'order-processing', build: buildOrderProcessingApps },
  { name: 'edge-personalization', build: buildEdgePersonalizationApps },
  { name: 'fraud-detection', build: buildFraudDetectionApps },
  { name: 'order-pipeline', build: buildOrderPipelineApps },
  { name: 'iot-telemetry', build: buildIotTelemetryApps },
];
