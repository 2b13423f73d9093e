import { CLOUDS } from './arbitraries/common';
import { buildEdge, edgeRecipe } from './arbitraries/edge';
import { describeStats, expectBothOutcomes, rejectionReport, runFuzz } from './harness';

const BATCH = { aws: 20, azure: 20, gcp: 20 };

describe('fuzz: EdgeFunction', () => {
  for (const cloud of CLOUDS) {
    test(`on ${cloud}: every case throws the Cirrus validation error or synthesizes valid output`, () => {
      const stats = runFuzz({ cloud, arbitrary: edgeRecipe(cloud), batchSize: BATCH[cloud], build: buildEdge, awsRegion: (r) => r.region });
      console.log(describeStats('EdgeFunction', cloud, stats) + (process.env.FUZZ_DEBUG ? `\n${rejectionReport()}` : ''));
      expectBothOutcomes(stats);
    });
  }
});
