import * as path from 'path';
import * as vm from 'vm';
import { buildEdgePersonalizationApps } from '../../examples/edge-personalization/app';
import { summarizeOutputs } from '../../scripts/summary';
import { expectNoAbsolutePaths, expectSameFiles, readJson, stableAddresses, synthInto, SynthOutput, tempDir } from './example-helpers';

const json = readJson;

describe('edge-personalization example', () => {
  const dirA = tempDir('edge-a');
  let first: SynthOutput;

  beforeAll(() => {
    first = synthInto(buildEdgePersonalizationApps, dirA);
  });

  test('synthesizes one stack per cloud, free of CloudFormation validation findings', () => {
    const lines = summarizeOutputs(first.cdkOut, first.tfOut);
    expect(lines.map((l) => `${l.cloud} ${l.stack}`)).toEqual(['aws edge-aws', 'azure edge-azure', 'gcp edge-gcp']);
    for (const line of lines) {
      expect(line.errors).toEqual([]);
      expect(line.resources).toBeGreaterThan(10);
    }
  });

  test('AWS: a distribution whose viewer-request CloudFront Function (rules, then the personalisation code) parses and runs', () => {
    const t = json(path.join(first.cdkOut, 'edge-aws.template.json'));
    const byType = (type: string) => Object.values(t.Resources).filter((r: any) => r.Type === type) as any[];
    expect(byType('AWS::CloudFront::Distribution')).toHaveLength(1);
    expect(byType('AWS::CloudFront::ResponseHeadersPolicy')[0].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig).toMatchObject({
      FrameOptions: { FrameOption: 'DENY' }, StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true },
    });
    const [fn] = byType('AWS::CloudFront::Function');
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const code: string = fn.Properties.FunctionCode;
    expect(() => new vm.Script(code)).not.toThrow();
    const handler = vm.runInNewContext(`${code}\n;handler`, {});
    expect(handler({ request: { uri: '/shop', querystring: {}, headers: {}, cookies: {} } })).toMatchObject({ statusCode: 301, headers: { location: { value: '/products' } } });
    const forwarded = handler({ request: { uri: '/products', querystring: {}, headers: {}, cookies: { segment: { value: 'returning' } } } });
    expect(forwarded.headers).toEqual({ 'x-edge': { value: 'cirrus' }, 'x-segment': { value: 'returning' } });
  });

  test('Azure and GCP: the edge in front of a regional personalisation function that forwards to the catalog', () => {
    const azure = json(path.join(first.tfOut, 'stacks', 'edge-azure', 'cdk.tf.json'));
    expect(Object.keys(azure.resource.azurerm_cdn_frontdoor_profile)).toHaveLength(1);
    expect(Object.keys(azure.resource.azurerm_cdn_frontdoor_rule).sort()).toEqual([
      expect.stringMatching(/^Personalize_RuleHeaders1_/), expect.stringMatching(/^Personalize_RuleRedirect1_/),
    ]);
    expect(Object.keys(azure.resource.azurerm_function_app_flex_consumption)).toHaveLength(2);

    const gcp = json(path.join(first.tfOut, 'stacks', 'edge-gcp', 'cdk.tf.json'));
    const functions = Object.entries(gcp.resource.google_cloudfunctions2_function) as [string, any][];
    expect(functions.map(([k, f]) => `${k.split('_')[0]}:${f.service_config.ingress_settings}`).sort()).toEqual(['Catalog:ALLOW_ALL', 'Personalize:ALLOW_INTERNAL_AND_GCLB']);
    expect(gcp.resource).toHaveProperty('google_compute_target_https_proxy');
    expect(gcp.resource).toHaveProperty('google_compute_managed_ssl_certificate');
  });

  test('two synths are byte-identical (no timestamps, random names or absolute paths)', () => {
    expectSameFiles(first, synthInto(buildEdgePersonalizationApps, tempDir('edge-b')));
    expectNoAbsolutePaths([first.cdkOut, first.tfOut], dirA);
  });

  test('logical ids and Terraform addresses are stable', () => {
    // A Lambda version's logical id ends in a hash of the function's configuration: kept out of the snapshot.
    expect(stableAddresses(first)).toMatchSnapshot();
  });
});
