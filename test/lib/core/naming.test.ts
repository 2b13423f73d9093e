import { Construct } from 'constructs';
import { deriveName, fitName, grantChildId, NAME_RULES, pathHash } from '../../../lib/core/naming';

describe('derived names', () => {
  const path = ['orders-azure', 'ProcessOrder'];

  test('are deterministic and differ by path', () => {
    expect(deriveName(path, NAME_RULES.azureStorageAccount)).toBe(deriveName(path, NAME_RULES.azureStorageAccount));
    expect(deriveName(path, NAME_RULES.azureStorageAccount)).not.toBe(deriveName(['orders-azure', 'Reconcile'], NAME_RULES.azureStorageAccount));
    expect(pathHash('a/b')).toMatch(/^[0-9a-f]{8}$/);
  });

  test.each(Object.entries(NAME_RULES))('%s names stay within the rule for long and odd paths', (_key, rule) => {
    for (const p of [path, ['x'.repeat(200), 'Y'.repeat(300)], ['__', '--'], ['stack', 'Ümlaut Fn!']]) {
      const name = deriveName(p, rule, 'queue2');
      expect(name.length).toBeLessThanOrEqual(rule.maxLength);
      expect(name.startsWith(rule.prefix)).toBe(true);
      expect(name).toMatch(rule.hyphens ? /^[a-z0-9-]+$/ : /^[a-z0-9]+$/);
      expect(name).not.toMatch(/--|-$/);
    }
  });

  test('storage account names fit Azure: 3-24 lowercase letters and digits', () => {
    expect(deriveName(path, NAME_RULES.azureStorageAccount)).toMatch(/^st[a-z0-9]{1,22}$/);
  });

  test('GCP service account ids fit ^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$', () => {
    expect(deriveName(path, NAME_RULES.gcpServiceAccount)).toMatch(/^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/);
  });
});

describe('printableDescription (regression found by the fuzz tests)', () => {
  test('replaces characters outside printable Latin-1 and fits the length by the naming rule', () => {
    const { fitName, printableDescription } = require('../../../lib/core/naming') as typeof import('../../../lib/core/naming');
    expect(printableDescription('Execution role of a/(𐄨𑚠 ünï', 1000)).toBe('Execution role of a/(?? ünï');
    expect(printableDescription('x'.repeat(2000), 1000)).toBe(fitName('x'.repeat(2000), 1000));
    expect(printableDescription('x'.repeat(2000), 1000)).toHaveLength(1000);
  });
});

describe('fitIdentifier', () => {
  test('keeps letters and digits only and tells long texts with one start apart', () => {
    const { fitIdentifier } = require('../../../lib/core/naming') as typeof import('../../../lib/core/naming');
    expect(fitIdentifier('ServerAccessLogsShort', 100)).toBe('ServerAccessLogsShort');
    const a = fitIdentifier(`ServerAccessLogs${'A'.repeat(120)}1`, 100);
    const b = fitIdentifier(`ServerAccessLogs${'A'.repeat(120)}2`, 100);
    expect(a).toMatch(/^[A-Za-z0-9]{100}$/);
    expect(a).not.toBe(b);
  });
});

describe('grantChildId', () => {
  test('names a grant by its grantee, whatever the order, and refuses a second grant to the same grantee', () => {
    const root = new Construct(undefined as unknown as Construct, 'App');
    const owner = new Construct(root, 'Owner');
    const a = new Construct(root, 'A');
    const b = new Construct(root, 'B');
    const idB = grantChildId(owner, 'Sender', b);
    expect(idB).toBe(`Sender${pathHash('App/B')}`);
    new Construct(owner, idB!);
    expect(grantChildId(owner, 'Sender', a)).toBe(`Sender${pathHash('App/A')}`);
    expect(grantChildId(owner, 'Sender', b)).toBeUndefined();
    expect(grantChildId(owner, 'Reader', b)).toBe(`Reader${pathHash('App/B')}`);
  });
});

describe('fitName', () => {
  test('keeps a text that fits, and shortens a longer one to its start and a hash of the whole', () => {
    expect(fitName('orders-aws/ProcessOrder', 128)).toBe('orders-aws/ProcessOrder');
    const long = `app/${'x'.repeat(200)}`;
    const fitted = fitName(long, 128);
    expect(fitted).toHaveLength(128);
    expect(fitted).toMatch(/^app\/x+-[0-9a-f]{8}$/);
    expect(fitName(`${long}y`, 128)).not.toBe(fitted);
  });
});
