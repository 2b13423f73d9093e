import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { Construct } from 'constructs';
import {
  AzureStack, CloudProvider, EventDrivenFunction, FunctionCode, FunctionRuntime, GcpStack, ProvisionedWarmPool, SnapshotNormalizer, Trigger,
} from '../../index';

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A code folder of its own (another path on every call) with the given handler source. */
function codeFolder(source: string): string {
  const dir = tmp('cirrus-snap-code-');
  fs.writeFileSync(path.join(dir, 'index.js'), source);
  return dir;
}

interface Variant {
  /** The handler's source: another source gives other asset hashes. */
  readonly source: string;
  readonly memoryMb: number;
}

function system(scope: Construct, v: Variant): void {
  const fn = new EventDrivenFunction(scope, 'ProcessOrder', {
    runtime: FunctionRuntime.NODEJS_22,
    code: FunctionCode.fromAsset(codeFolder(v.source)),
    handler: 'index.handler',
    memoryMb: v.memoryMb,
    triggers: [Trigger.queue()],
  });
  new ProvisionedWarmPool(scope, 'Warm', { function: fn, minInstances: 1 });
}

/** The CloudFormation template as `cdk synth` writes it (with the CDK analytics metadata). */
function awsTemplate(v: Variant): any {
  const app = new App({ outdir: tmp('cirrus-snap-cdk-'), analyticsReporting: true });
  const stack = new Stack(app, 'orders-aws', { env: { region: 'eu-west-1', account: '123456789012' } });
  system(stack, v);
  const assembly = app.synth();
  return JSON.parse(fs.readFileSync(path.join(assembly.directory, 'orders-aws.template.json'), 'utf8'));
}

/**
 * The Terraform JSON as `cdktf synth` writes it, synthesized from `cwd` (the
 * local backend's state path is absolute, under the working directory), with
 * cdktf's stack traces in the metadata.
 */
function terraformJson(cloud: CloudProvider, v: Variant, cwd: string): any {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const app = new cdktf.App({ outdir: tmp('cirrus-snap-tf-'), skipBackendValidation: true });
    const stack = cloud === CloudProvider.AZURE
      ? new AzureStack(app, 'orders', { location: 'westeurope' })
      : new GcpStack(app, 'orders', { project: 'acme-prod', region: 'europe-west1' });
    system(stack, v);
    app.synth();
    return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'orders', 'cdk.tf.json'), 'utf8'));
  } finally {
    process.chdir(before);
  }
}

const V1: Variant = { source: 'exports.handler = async () => 1;', memoryMb: 2048 };
const V2: Variant = { source: 'exports.handler = async () => 2; // new code', memoryMb: 2048 };
const MORE_MEMORY: Variant = { ...V1, memoryMb: 4096 };

describe('SnapshotNormalizer on real CloudFormation templates', () => {
  const a = awsTemplate(V1);
  const b = awsTemplate(V2);

  test('two templates that differ by code content and CDK version only normalize equal', () => {
    const key = (t: any) => Object.values(t.Resources).map((r: any) => r.Properties?.Code?.S3Key).find((k) => k);
    expect(key(a)).toMatch(/^[0-9a-f]{64}\.zip$/);
    expect(key(b)).not.toBe(key(a));
    const versionIds = (t: any) => Object.keys(t.Resources).filter((id) => /CurrentVersion/.test(id));
    expect(versionIds(a)).toHaveLength(1);
    expect(versionIds(b)).not.toEqual(versionIds(a));
    expect(a).not.toEqual(b);
    // An upgrade of aws-cdk-lib or Cirrus changes the analytics string of the CDK metadata.
    expect(a.Resources.CDKMetadata.Properties.Analytics).toMatch(/^v2:deflate64:/);
    b.Resources.CDKMetadata.Properties.Analytics = 'v2:deflate64:H4sIAAAAAAAA/another-version';

    const na = SnapshotNormalizer.normalize(a);
    expect(SnapshotNormalizer.normalize(b)).toEqual(na);
    expect(key(na)).toBe('<hash>.zip');
    expect(versionIds(na)).toEqual([expect.stringMatching(/^ProcessOrderCurrentVersion[0-9A-F]{8}<hash>$/)]);
    // References to the version follow its normalized logical id.
    expect(JSON.stringify(na)).not.toMatch(/CurrentVersion[0-9A-F]{8}[0-9a-f]{32}/);
  });

  test('a meaningful change (memory) still differs after normalization', () => {
    const fn = (t: any) => Object.values(t.Resources).find((r: any) => r.Type === 'AWS::Lambda::Function') as any;
    const n = SnapshotNormalizer.normalize(awsTemplate(MORE_MEMORY));
    expect(n).not.toEqual(SnapshotNormalizer.normalize(a));
    expect(fn(n).Properties.MemorySize).toBe(4096);
    expect(fn(SnapshotNormalizer.normalize(a)).Properties.MemorySize).toBe(2048);
  });

  test('normalizeJson gives the same text for both templates', () => {
    expect(SnapshotNormalizer.normalizeJson(JSON.stringify(b))).toBe(SnapshotNormalizer.normalizeJson(JSON.stringify(a)));
  });
});

describe.each([CloudProvider.AZURE, CloudProvider.GCP])('SnapshotNormalizer on real Terraform JSON (%s)', (cloud) => {
  const dirA = tmp('cirrus-snap-cwd-a-');
  const dirB = tmp('cirrus-snap-cwd-b-');
  const a = terraformJson(cloud, V1, dirA);
  const b = terraformJson(cloud, V2, dirB);

  test('two outputs that differ by code content, working directory, cdktf and provider versions only normalize equal', () => {
    const text = JSON.stringify(a);
    expect(text).toContain(fs.realpathSync(dirA));
    expect(text).toMatch(/assets\/[^/"]+\/[0-9a-f]{64}\//);
    expect(a['//'].metadata.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(JSON.stringify(b)).not.toBe(text);
    // Upgrades of cdktf and of the provider package change these.
    b['//'].metadata.version = '99.0.0';
    for (const p of Object.values(b.terraform.required_providers) as any[]) {
      p.version = '99.0.0';
    }

    const na = SnapshotNormalizer.normalize(a);
    expect(SnapshotNormalizer.normalize(b)).toEqual(na);
    const normalized = JSON.stringify(na);
    expect(normalized).not.toMatch(/[0-9a-f]{64}/);
    expect(normalized).not.toContain(os.tmpdir());
    expect(normalized).toContain('<tmp>/<dir>/terraform.orders.tfstate');
    expect(normalized).toMatch(/assets\/[^/"]+\/<hash>\//);
    expect(na['//'].metadata.version).toBe('<version>');
  });

  test('keepProviderVersions shows a provider upgrade', () => {
    expect(SnapshotNormalizer.normalize(b, { keepProviderVersions: true })).not.toEqual(SnapshotNormalizer.normalize(a, { keepProviderVersions: true }));
  });

  test('a meaningful change (memory) still differs after normalization', () => {
    const changed = SnapshotNormalizer.normalize(terraformJson(cloud, MORE_MEMORY, dirA));
    expect(changed).not.toEqual(SnapshotNormalizer.normalize(a));
    expect(JSON.stringify(changed)).toMatch(cloud === CloudProvider.AZURE ? /"instance_memory_in_mb":4096/ : /"available_memory":"4096M"/);
  });
});
