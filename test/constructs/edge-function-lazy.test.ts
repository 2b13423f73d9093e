import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

/** Runs a script in a fresh Node process (through tsx) and returns the provider modules it loaded. */
function providerModulesLoadedBy(script: string): string[] {
  const program = `${script}
const loaded = Object.keys(require.cache).filter((k) => k.includes('@cdktf/provider-')).map((k) => k.split('node_modules/')[1].split('/').slice(0, 4).join('/'));
console.log(JSON.stringify([...new Set(loaded)].sort()));`;
  const out = execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['-e', program], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const edgeProps = `{ origin: c.EdgeOrigin.fromUrl('https://shop.example.com'), rules: [c.EdgeRule.setResponseHeader('x-frame-options', 'DENY'), c.EdgeRule.redirect('/old', '/new')] }`;

describe('lazy loading of provider packages by EdgeFunction', () => {
  test('an AWS-only app with an EdgeFunction loads no @cdktf/provider-* module', () => {
    const loaded = providerModulesLoadedBy(`
const c = require('./index'); const cdk = require('aws-cdk-lib');
const app = new cdk.App(); new c.EdgeFunction(new cdk.Stack(app, 's'), 'Edge', ${edgeProps}); app.synth();`);
    expect(loaded).toEqual([]);
  });

  test('an Azure app with an EdgeFunction loads only azurerm modules, by deep path', () => {
    const loaded = providerModulesLoadedBy(`
const c = require('./index'); const tf = require('cdktf');
const app = tf.Testing.app(); const s = new c.AzureStack(app, 'a', { location: 'westeurope' }); new c.EdgeFunction(s, 'Edge', ${edgeProps}); tf.Testing.synth(s);`);
    expect(loaded).toEqual(expect.arrayContaining(['@cdktf/provider-azurerm/lib/cdn-frontdoor-profile', '@cdktf/provider-azurerm/lib/cdn-frontdoor-rule']));
    expect(loaded.every((m) => m.startsWith('@cdktf/provider-azurerm/lib/'))).toBe(true);
    expect(loaded).not.toContain('@cdktf/provider-azurerm/lib/index.js');
  });

  test('a GCP app with an EdgeFunction loads only google modules, by deep path', () => {
    const loaded = providerModulesLoadedBy(`
const c = require('./index'); const tf = require('cdktf');
const app = tf.Testing.app(); const s = new c.GcpStack(app, 'g', { project: 'acme-prod', region: 'europe-west1' }); new c.EdgeFunction(s, 'Edge', ${edgeProps}); tf.Testing.synth(s);`);
    expect(loaded).toEqual(expect.arrayContaining(['@cdktf/provider-google/lib/compute-url-map', '@cdktf/provider-google/lib/compute-backend-service']));
    expect(loaded.every((m) => m.startsWith('@cdktf/provider-google/lib/'))).toBe(true);
    expect(loaded).not.toContain('@cdktf/provider-google/lib/index.js');
  });
});
