// cdk-nag 3 (the AwsSolutions and Serverless packs, run by aws-cdk-lib's policy
// validation at synth) over every AWS stack of every bundled example and of the
// all-constructs app: no errors. Intended findings are acknowledged in lib/aws
// next to the resource (aws-cdk-lib `Validations.of(c).acknowledge`) and listed,
// with the remaining warnings, in docs/security.md.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EventDrivenFunction, FunctionAlarms, FunctionCode, FunctionRuntime } from '../../index';
import { awsStacks, buildScanTarget, SCAN_TARGET_NAMES } from './scan-targets';

const ROOT = path.resolve(__dirname, '..', '..');
const SECURITY_DOC = fs.readFileSync(path.join(ROOT, 'docs', 'security.md'), 'utf8');

/**
 * Warnings cdk-nag may report, each with its reason in docs/security.md.
 * Anything else, and any error, fails the test.
 */
const DOCUMENTED_WARNINGS: Record<string, RegExp> = {
  'AwsSolutions-CFR1': /\/Distribution\/Resource$/, // geo restrictions: the audience is the user's business
  'AwsSolutions-CFR2': /\/Distribution\/Resource$/, // WAF: the user's choice (cost, application rules)
  'Serverless-LambdaTracing': /\/EdgeLambda\/EdgeLambda\/Resource$/, // Lambda@Edge cannot use X-Ray active tracing
};

interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
}

/** Adds both packs to the app, synthesizes it and returns what the validation report holds. */
function nag(app: App): Finding[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  try {
    app.synth();
  } catch (e) {
    // Errors fail synthesis; the report is written first and read below.
    if (!/ValidationFailed|Validation failed/.test(String(e))) {
      throw e;
    }
  }
  const file = path.join(app.outdir, 'validation-report.json');
  if (!fs.existsSync(file)) {
    throw new Error(`no validation report in ${app.outdir}: did the validation plugins run?`);
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  // A pack with nothing to report (not even an acknowledged finding) is left out of the report.
  const unexpected = report.pluginReports.map((r: any) => r.pluginName).filter((n: string) => !['AwsSolutions', 'Serverless'].includes(n));
  if (unexpected.length > 0) {
    throw new Error(`unexpected validation plugins in the report: ${unexpected.join(', ')}`);
  }
  return report.pluginReports.flatMap((r: any) => r.violations.flatMap((v: any) =>
    v.violatingConstructs.map((c: any) => ({ rule: v.ruleName, severity: v.severity, path: c.constructPath }))));
}

function describeFindings(findings: Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.rule} at ${f.path}`);
}

describe.each(SCAN_TARGET_NAMES)('cdk-nag on %s', (name) => {
  let findings: Finding[];
  beforeAll(() => {
    const target = buildScanTarget(name);
    expect(awsStacks(target.awsApp).length).toBeGreaterThan(0);
    findings = nag(target.awsApp);
  });

  test('no errors from the AwsSolutions and Serverless packs', () => {
    expect(describeFindings(findings.filter((f) => f.severity === 'error'))).toEqual([]);
  });

  test('only the warnings documented in docs/security.md', () => {
    const undocumented = findings.filter((f) => f.severity !== 'error' && !DOCUMENTED_WARNINGS[f.rule]?.test(f.path));
    expect(describeFindings(undocumented)).toEqual([]);
  });
});

describe('cdk-nag harness and acknowledgments', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-nag-'));
  const code = FunctionCode.fromInline('exports.handler = async () => ({})');

  test('fails when a stack has a finding (the harness reports errors)', () => {
    const app = new App({ outdir: tmp() });
    new s3.Bucket(new Stack(app, 'plain'), 'Bucket');
    const rules = nag(app).filter((f) => f.severity === 'error').map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  test('cdk-nag 3 honours the acknowledgments Cirrus records with aws-cdk-lib Validations', () => {
    // The same X-Ray grant on a plain function is a finding; on a Cirrus function it is acknowledged.
    const plainApp = new App({ outdir: tmp() });
    const plain = new Stack(plainApp, 'plain');
    new lambda.Function(plain, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, code: lambda.Code.fromInline('x'), handler: 'index.handler', tracing: lambda.Tracing.ACTIVE });
    expect(nag(plainApp).map((f) => f.rule)).toContain('AwsSolutions-IAM5[Resource::*]');

    const cirrusApp = new App({ outdir: tmp() });
    const stack = new Stack(cirrusApp, 'cirrus');
    new EventDrivenFunction(stack, 'Fn', { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler', alarms: FunctionAlarms.none() });
    const role = stack.node.findChild('Fn').node.findChild('ServiceRole');
    const acknowledgments = role.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(acknowledgments.map((m) => m.data)).toContainEqual({ 'Annotation::AwsSolutions-IAM5[Resource::*]': expect.stringMatching(/X-Ray/) });
    // No call-site stack trace (absolute paths) in the cloud assembly: the output stays the same on every machine.
    expect(acknowledgments.filter((m) => m.trace !== undefined)).toEqual([]);
    expect(describeFindings(nag(cirrusApp))).toEqual([]);
    // The direct entry point (used by tools that walk the tree themselves) honours them too.
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });

  test('every rule Cirrus acknowledges is listed in docs/security.md', () => {
    const ids = new Set<string>();
    for (const name of SCAN_TARGET_NAMES) {
      for (const c of buildScanTarget(name).awsApp.node.findAll()) {
        for (const m of c.node.metadata.filter((e) => e.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)) {
          for (const id of Object.keys(m.data)) {
            ids.add(id.replace(/^Annotation::/, '').replace(/\[.*$/, ''));
          }
        }
      }
    }
    expect(ids.size).toBeGreaterThan(5);
    expect([...ids].filter((id) => !SECURITY_DOC.includes(id))).toEqual([]);
  });

  test('lib/ never imports cdk-nag (a dev dependency only)', () => {
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []);
    const importers = [...walk(path.join(ROOT, 'lib')), ...walk(path.join(ROOT, 'constructs'))]
      .filter((f) => /from 'cdk-nag'|require\('cdk-nag'\)/.test(fs.readFileSync(f, 'utf8')));
    expect(importers).toEqual([]);
  });
});
