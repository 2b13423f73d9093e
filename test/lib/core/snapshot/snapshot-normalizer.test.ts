import * as os from 'os';
import * as path from 'path';
import { SnapshotNormalizer } from '../../../../lib/core/snapshot/snapshot-normalizer';

const HASH_A = 'a'.repeat(40) + '0123456789abcdef01234567';
const HASH_B = 'b'.repeat(40) + '76543210fedcba9876543210';

describe('SnapshotNormalizer.normalizeText', () => {
  test('replaces sha256 hashes, not shorter hex or longer hex runs', () => {
    expect(SnapshotNormalizer.normalizeText(`${HASH_A}.zip asset.${HASH_B} fn-orders-052cd037 ${'c'.repeat(70)}`))
      .toBe(`<hash>.zip asset.<hash> fn-orders-052cd037 ${'c'.repeat(70)}`);
  });

  test('replaces the configuration hash of a Lambda current version, keeping the path hash', () => {
    expect(SnapshotNormalizer.normalizeText('ProcessOrderCurrentVersion38EA7099f16c02599b124513f26c4221fc89f522'))
      .toBe('ProcessOrderCurrentVersion38EA7099<hash>');
  });

  test('replaces legacy asset parameters and cdktf asset folders', () => {
    expect(SnapshotNormalizer.normalizeText(`AssetParameters${HASH_A}S3BucketAB12CD34`)).toBe('AssetParameters<hash>S3Bucket<hash>');
    expect(SnapshotNormalizer.normalizeText('assets/Fn_CodeAsset_B6342D9C/0123456789ABCDEF0123456789ABCDEF/archive.zip'))
      .toBe('assets/Fn_CodeAsset_B6342D9C/<hash>/archive.zip');
  });

  test('replaces the working, temporary and home directories as whole paths, and the random folder under the temp directory', () => {
    const cwd = process.cwd();
    expect(SnapshotNormalizer.normalizeText(`${cwd}/terraform.x.tfstate`)).toBe('<cwd>/terraform.x.tfstate');
    expect(SnapshotNormalizer.normalizeText(`${path.join(os.tmpdir(), 'cdktf.outdir.Ab3xYz')}/stacks/x`)).toBe('<tmp>/<dir>/stacks/x');
    expect(SnapshotNormalizer.normalizeText(`--src ${os.homedir()}/code`)).toBe('--src <home>/code');
    // Only whole paths: a longer name that starts like a known path is kept (checked with a fixed path, since the
    // working directory may itself sit under the temp directory, as in a CI checkout under /tmp).
    expect(SnapshotNormalizer.normalizeText('/opt/monorepox/y', { extraPaths: ['/opt/monorepo'] })).toBe('/opt/monorepox/y');
  });

  test('replaces extra paths with <path>', () => {
    expect(SnapshotNormalizer.normalizeText('/opt/monorepo/packages/a', { extraPaths: ['/opt/monorepo/'] })).toBe('<path>/packages/a');
  });
});

describe('SnapshotNormalizer.normalize', () => {
  const terraform = (version: string, provider: string) => ({
    '//': { metadata: { backend: 'local', stackName: 'orders', version } },
    'terraform': { backend: { local: { path: `${process.cwd()}/terraform.orders.tfstate` } }, required_providers: { google: { source: 'google', version: provider } } },
    'resource': {
      google_storage_bucket_object: {
        Code: {
          '//': { metadata: { path: 'orders/Code', uniqueId: 'Code', stackTrace: ['at /home/me/app.ts:1:1'] } },
          'name': `fn-orders-052cd037/${HASH_A}.zip`,
          'version': '1',
        },
      },
    },
  });

  test('replaces cdktf versions, provider versions and stack traces, and keeps other fields named version', () => {
    const out = SnapshotNormalizer.normalize(terraform('0.21.0', '6.50.0'));
    expect(out).toEqual({
      '//': { metadata: { backend: 'local', stackName: 'orders', version: '<version>' } },
      'terraform': { backend: { local: { path: '<cwd>/terraform.orders.tfstate' } }, required_providers: { google: { source: 'google', version: '<version>' } } },
      'resource': {
        google_storage_bucket_object: {
          Code: {
            '//': { metadata: { path: 'orders/Code', uniqueId: 'Code', stackTrace: '<stack trace>' } },
            'name': 'fn-orders-052cd037/<hash>.zip',
            'version': '1',
          },
        },
      },
    });
    expect(SnapshotNormalizer.normalize(terraform('0.22.0', '7.0.0'))).toEqual(out);
  });

  test('keeps provider versions when asked', () => {
    const out = SnapshotNormalizer.normalize(terraform('0.21.0', '6.50.0'), { keepProviderVersions: true });
    expect(out.terraform.required_providers.google.version).toBe('6.50.0');
    expect(out['//'].metadata.version).toBe('<version>');
  });

  test('normalizes keys (logical ids) and the CDK analytics string, without changing the input', () => {
    const template = {
      Resources: {
        [`FnCurrentVersion38EA7099${'f'.repeat(32)}`]: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'Fn' } } },
        CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:H4sIAAAA' } },
        Alias: { Type: 'AWS::Lambda::Alias', Properties: { FunctionVersion: { 'Fn::GetAtt': [`FnCurrentVersion38EA7099${'f'.repeat(32)}`, 'Version'] } } },
      },
      Tags: { 'cirrus:version': '0.1.0' },
    };
    const copy = JSON.parse(JSON.stringify(template));
    expect(SnapshotNormalizer.normalize(template)).toEqual({
      Resources: {
        'FnCurrentVersion38EA7099<hash>': { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'Fn' } } },
        'CDKMetadata': { Type: 'AWS::CDK::Metadata', Properties: { Analytics: '<version>' } },
        'Alias': { Type: 'AWS::Lambda::Alias', Properties: { FunctionVersion: { 'Fn::GetAtt': ['FnCurrentVersion38EA7099<hash>', 'Version'] } } },
      },
      Tags: { 'cirrus:version': '<version>' },
    });
    expect(template).toEqual(copy);
  });

  test('keeps numbers, booleans and null; normalizeJson returns indented JSON', () => {
    expect(SnapshotNormalizer.normalize({ a: [1, true, null, 'x'] })).toEqual({ a: [1, true, null, 'x'] });
    expect(SnapshotNormalizer.normalizeJson(`{"k":"${HASH_A}"}`)).toBe('{\n  "k": "<hash>"\n}');
  });
});
