// Entry point for the CDK CLI (root cdk.json): `npx cdk synth` synthesizes the AWS part.
import * as aws from 'aws-cdk-lib';
import { defineOrderProcessing } from './order-processing';

const app = new aws.App();
defineOrderProcessing(new aws.Stack(app, 'orders-aws', { env: { region: 'eu-west-1' } }));
app.synth();
