// The summary `npm run synth` prints (scripts/summary.ts): warnings and
// errors read from where aws-cdk-lib and cdktf record them, and the table.
import * as path from 'path';
import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { formatTable, summarizeOutputs } from '../../scripts/summary';
import { tempDir } from './example-helpers';

/** An AWS stack and a Terraform stack with one resource each and the given annotations. */
function synthAnnotated(dir: string, options: { awsError?: boolean; tfError?: boolean } = {}): { cdkOut: string; tfOut: string } {
  const cdkOut = path.join(dir, 'cdk.out');
  const tfOut = path.join(dir, 'cdktf.out');
  const awsApp = new aws.App({ outdir: cdkOut, stackTraces: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new aws.Stack(awsApp, 'demo-aws');
  const topic = new aws.CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
  aws.Annotations.of(topic).addWarningV2('demo:first', 'first AWS warning');
  aws.Annotations.of(stack).addWarningV2('demo:second', 'second AWS warning');
  if (options.awsError) {
    aws.Annotations.of(topic).addError('an AWS error');
  }
  awsApp.synth();

  // cdktf throws on error annotations unless told, when the stack is made, to go on and record them.
  if (options.tfError) {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
  }
  try {
    const tfApp = new cdktf.App({ outdir: tfOut, skipBackendValidation: true, context: { [cdktf.DISABLE_STACK_TRACE_IN_METADATA]: true } });
    const tfStack = new cdktf.TerraformStack(tfApp, 'demo-tf');
    new cdktf.TerraformResource(tfStack, 'Thing', { terraformResourceType: 'google_pubsub_topic' });
    cdktf.Annotations.of(tfStack).addWarning('a Terraform warning');
    if (options.tfError) {
      cdktf.Annotations.of(tfStack).addError('a Terraform error');
    }
    tfApp.synth();
  } finally {
    delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  }
  return { cdkOut, tfOut };
}

describe('npm run synth summary', () => {
  test('reads AWS warnings from the cloud assembly and cdktf warnings from its manifest', () => {
    const out = synthAnnotated(tempDir('summary-warn'));
    const lines = summarizeOutputs(out.cdkOut, out.tfOut);
    expect(lines.map((l) => [l.stack, l.resources, l.warnings, l.errors])).toEqual([
      ['demo-aws', 1, ['demo-aws: second AWS warning [ack: demo:second]', 'demo-aws/Topic: first AWS warning [ack: demo:first]'], []],
      ['demo-tf', 1, ['demo-tf: a Terraform warning'], []],
    ]);
  });

  test('error annotations are errors, so npm run synth fails on them', () => {
    const out = synthAnnotated(tempDir('summary-error'), { awsError: true, tfError: true });
    const lines = summarizeOutputs(out.cdkOut, out.tfOut);
    expect(lines.map((l) => l.errors)).toEqual([['demo-aws/Topic: an AWS error'], ['demo-tf: a Terraform error']]);
  });

  test('the table has a header and aligned columns', () => {
    const root = '/work';
    const table = formatTable([
      { cloud: 'aws', stack: 'fraud-aws', resources: 48, outputPath: '/work/cdk.out/fraud-aws.template.json', estimatedMonthlyCostUsd: 28.076, warnings: [], errors: [] },
      { cloud: 'azure', stack: 'fraud-azure', resources: 137, outputPath: '/work/cdktf.out/stacks/fraud-azure/cdk.tf.json', warnings: ['w1', 'w2'], errors: [] },
    ], root);
    expect(table).toEqual([
      'cloud  stack        resources  est. $/month  warnings  output',
      'aws    fraud-aws           48         28.08         0  cdk.out/fraud-aws.template.json',
      'azure  fraud-azure        137             -         2  cdktf.out/stacks/fraud-azure/cdk.tf.json',
    ]);
  });
});
