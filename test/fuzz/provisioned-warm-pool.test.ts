import { CLOUDS } from './arbitraries/common';
import { buildWarmPool, warmPoolRecipe } from './arbitraries/warm-pool';
import { describeStats, expectBothOutcomes, rejectionReport, runFuzz } from './harness';

const BATCH = { aws: 20, azure: 25, gcp: 25 };

describe('fuzz: ProvisionedWarmPool', () => {
  for (const cloud of CLOUDS) {
    test(`on ${cloud}: every case throws the Cirrus validation error or synthesizes valid output`, () => {
      const stats = runFuzz({ cloud, arbitrary: warmPoolRecipe(cloud), batchSize: BATCH[cloud], build: buildWarmPool });
      console.log(describeStats('ProvisionedWarmPool', cloud, stats) + (process.env.FUZZ_DEBUG ? `\n${rejectionReport()}` : ''));
      expectBothOutcomes(stats);
    });
  }
});
