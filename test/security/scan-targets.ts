// The apps the security tests scan: every bundled example (examples/registry.ts)
// and the all-constructs app, each built into a fresh temporary folder.
import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES } from '../../examples/registry';
import { buildAllConstructsApps } from './all-constructs-app';

/** One app to scan: its name and its freshly built (not yet synthesized) AWS and Terraform apps. */
export interface ScanTarget {
  readonly name: string;
  readonly awsApp: aws.App;
  readonly terraformApp: cdktf.App;
}

/** The name of the all-constructs app among the scan targets. */
export const ALL_CONSTRUCTS = 'all-constructs';

/** Names of every app the scans cover. */
export const SCAN_TARGET_NAMES = [...EXAMPLES.map((e) => e.name), ALL_CONSTRUCTS];

/** Builds one scan target into temporary output folders. */
export function buildScanTarget(name: string): ScanTarget {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cirrus-scan-${name}-`));
  const cdkOut = path.join(dir, 'cdk.out');
  const tfOut = path.join(dir, 'cdktf.out');
  if (name === ALL_CONSTRUCTS) {
    const { awsApp, terraformApp } = buildAllConstructsApps(cdkOut, tfOut);
    return { name, awsApp, terraformApp };
  }
  const example = EXAMPLES.find((e) => e.name === name);
  if (!example) {
    throw new Error(`no example named ${name} in examples/registry.ts`);
  }
  const { awsApp, terraformApp } = example.build(cdkOut, tfOut);
  return { name, awsApp, terraformApp };
}

/** The stacks of an aws-cdk-lib app. */
export function awsStacks(app: aws.App): aws.Stack[] {
  return app.node.findAll().filter((c): c is aws.Stack => aws.Stack.isStack(c));
}

/** The synthesized Terraform JSON of every stack of a cdktf app, by stack name. */
export function terraformStacks(app: cdktf.App): Record<string, any> {
  app.synth();
  const stacksDir = path.join(app.outdir, 'stacks');
  return Object.fromEntries(fs.readdirSync(stacksDir).map((s) => [s, JSON.parse(fs.readFileSync(path.join(stacksDir, s, 'cdk.tf.json'), 'utf8'))]));
}

/** The synthesized CloudFormation template of every stack of an aws-cdk-lib app, by stack name. */
export function cloudFormationTemplates(app: aws.App): Record<string, any> {
  const assembly = app.synth();
  return Object.fromEntries(assembly.stacks.map((s) => [s.stackName, s.template]));
}
