import { planInstances, warmCapacityMonthlyCost } from '../../../lib/core/capacity';
import { CloudProvider } from '../../../lib/core/cloud-provider';
import { PRICE_TABLE } from '../../../lib/core/pricing';

describe("Little's law planning", () => {
  test.each<[number, number, number, number, number]>([
    // rps, duration ms, target utilisation, per-instance concurrency, expected instances
    [10000, 50, 0.7, 1, 715], // the example: 500 concurrent / 0.7 = 714.3
    [100, 100, 0.7, 1, 15], // 10 / 0.7 = 14.3
    [100, 70, 0.7, 1, 10], // exactly 10: no rounding up past it
    [50, 100, 0.5, 1, 10],
    [10000, 50, 0.7, 16, 45], // Azure HTTP concurrency 16: 714.3 / 16 = 44.6
    [10000, 50, 0.7, 80, 9], // GCP request concurrency 80
    [1, 1, 0.9, 1, 1], // never below one
    [3, 1000, 0.1, 1, 30],
  ])('%d req/s at %d ms, target %d, %d per instance -> %d instances', (rps, ms, target, perInstance, expected) => {
    expect(planInstances(rps, ms, target, perInstance)).toBe(expected);
  });
});

describe('warm capacity monthly cost from the dated price table', () => {
  test('the table is dated and names its regions', () => {
    expect(PRICE_TABLE.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICE_TABLE.aws.region).toBe('us-east-1');
  });

  test.each<[CloudProvider, number, number, number]>([
    // 715 x 0.5 GB x 2,628,000 s x $0.0000041667 = $3,914.66
    [CloudProvider.AWS, 715, 512, 3914.66],
    // 2 x 1 GB x 2,628,000 s x $0.0000041667 = $21.90
    [CloudProvider.AWS, 2, 1024, 21.9],
    // 3 x 2 GB x 2,628,000 s x $0.000004 = $63.07
    [CloudProvider.AZURE, 3, 2048, 63.07],
    // 2 x 2,628,000 s x (0.167 vCPU x $0.0000025 + 0.25 GiB x $0.0000025) = $5.48
    [CloudProvider.GCP, 2, 256, 5.48],
    // 1 x 2,628,000 s x (1 vCPU x $0.0000025 + 2 GiB x $0.0000025) = $19.71
    [CloudProvider.GCP, 1, 2048, 19.71],
  ])('%s: %d instances of %d MB cost $%d a month', (cloud, instances, memory, usd) => {
    expect(warmCapacityMonthlyCost(cloud, instances, memory)).toBeCloseTo(usd, 2);
  });
});
