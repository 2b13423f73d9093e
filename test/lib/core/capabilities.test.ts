import * as fs from 'fs';
import * as path from 'path';
import { CAPABILITIES } from '../../../lib/core/capabilities';
import { CloudProvider } from '../../../lib/core/cloud-provider';
import { LIMITS } from '../../../lib/core/limits';

const CLOUDS = Object.values(CloudProvider);

/** Whether `value` is allowed by a range or a set. */
function allows(rule: { min: number; max: number } | { values: number[] } | { sizes: number[] }, value: number): boolean {
  return 'min' in rule ? value >= rule.min && value <= rule.max : ('values' in rule ? rule.values : rule.sizes).includes(value);
}

describe('per-cloud capabilities', () => {
  test('every cloud has an entry, and it is the table Cirrus checks with, not a copy', () => {
    for (const cloud of CLOUDS) {
      expect(CAPABILITIES[cloud].functionLimits).toBe(LIMITS[cloud]);
      expect(CAPABILITIES[cloud].runtimes.length).toBeGreaterThan(0);
    }
  });

  test('the defaults Cirrus applies are allowed by the same cloud\'s rules', () => {
    for (const cloud of CLOUDS) {
      const { functionLimits: l, topicDelivery, busDelivery } = CAPABILITIES[cloud];
      expect([cloud, allows(l.memory, l.defaultMemoryMb)]).toEqual([cloud, true]);
      expect([cloud, allows(l.logRetention, 30)]).toEqual([cloud, true]); // the default logRetentionDays
      for (const d of [topicDelivery, busDelivery]) {
        expect([cloud, allows(d.attempts, d.attempts.default), allows(d.age, d.age.default)]).toEqual([cloud, true, true]);
      }
    }
    // Azure's default instance limit is a maxConcurrency Azure accepts; AWS's shared-queue visibility is six default timeouts (30 s).
    expect(allows(CAPABILITIES[CloudProvider.AZURE].functionLimits.concurrency, CAPABILITIES[CloudProvider.AZURE].defaults!.maxInstances)).toBe(true);
    expect(CAPABILITIES[CloudProvider.AWS].defaults!.sharedQueueVisibilitySeconds).toBe(6 * 30);
  });

  test('every quota and name rule can be met and cites where it comes from', () => {
    for (const cloud of CLOUDS) {
      for (const q of CAPABILITIES[cloud].quotas) {
        expect([q.id, q.defaultValue > 0, /https:\/\//.test(q.source)]).toEqual([q.id, true, true]);
      }
      for (const [name, rule] of Object.entries(CAPABILITIES[cloud].nameRules)) {
        expect([name, rule.prefix.length + 8 < rule.maxLength]).toEqual([name, true]); // room for the hash
      }
      for (const [field, max] of Object.entries(CAPABILITIES[cloud].textLimits)) {
        expect([field, Number.isInteger(max) && max > 8]).toEqual([field, true]);
      }
    }
  });

  test('each text limit cites its source beside it', () => {
    const source = fs.readFileSync(path.join(__dirname, '../../../lib/core/text-limits.ts'), 'utf8');
    const fields = [...source.matchAll(/^\s+(\w+): \d+,$/gm)].map((m) => m[1]);
    expect(fields.length).toBeGreaterThan(10);
    for (const field of fields) {
      const before = source.slice(0, source.search(new RegExp(`^\\s+${field}: \\d+,$`, 'm')));
      const comment = before.slice(before.lastIndexOf('/**'));
      expect([field, /(docs\.aws|learn\.microsoft|cloud\.google|azurerm)/.test(comment)]).toEqual([field, true]);
    }
  });
});
