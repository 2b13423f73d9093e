import { CLOUDS } from './arbitraries/common';
import { buildFunction, functionRecipe } from './arbitraries/function';
import { describeStats, expectBothOutcomes, rejectionReport, runFuzz } from './harness';

const BATCH = { aws: 20, azure: 25, gcp: 25 };

describe('fuzz: EventDrivenFunction (every trigger kind, alarms, secrets)', () => {
  for (const cloud of CLOUDS) {
    test(`on ${cloud}: every case throws the Cirrus validation error or synthesizes valid output`, () => {
      const stats = runFuzz({
        cloud,
        arbitrary: functionRecipe(cloud),
        batchSize: BATCH[cloud],
        build: (ctx, recipe) => { buildFunction(ctx, recipe, ctx.scope, true); },
      });
      console.log(describeStats('EventDrivenFunction', cloud, stats) + (process.env.FUZZ_DEBUG ? `\n${rejectionReport()}` : ''));
      expectBothOutcomes(stats);
    });
  }
});
