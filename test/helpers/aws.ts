import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A fresh AWS app and stack per test, synthesizing into a temporary folder. */
export function awsStack(id = 'orders-aws'): { app: App; stack: Stack } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-cdk-')) });
  return { app, stack: new Stack(app, id, { env: { region: 'eu-west-1', account: '123456789012' } }) };
}

/** Synthesizes the app and returns the CloudFormation validation violations aws-cdk-lib reported. */
export function validationViolations(app: App): string[] {
  const assembly = app.synth();
  const file = path.join(assembly.directory, 'validation-report.json');
  if (!fs.existsSync(file)) {
    return [];
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return (report.pluginReports ?? []).flatMap((r: any) => (r.violations ?? []).map((v: any) => `${v.ruleName}: ${v.description}`));
}

export function template(stack: Stack): Template {
  return Template.fromStack(stack);
}

export const FIXTURE = path.join(__dirname, '..', 'fixtures', 'orders-handler');
