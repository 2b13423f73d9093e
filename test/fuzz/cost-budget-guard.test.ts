import { CLOUDS } from './arbitraries/common';
import { budgetRecipe, buildBudget } from './arbitraries/budget';
import { describeStats, expectBothOutcomes, rejectionReport, runFuzz } from './harness';

const BATCH = { aws: 20, azure: 25, gcp: 25 };

describe('fuzz: CostBudgetGuard', () => {
  for (const cloud of CLOUDS) {
    test(`on ${cloud}: every case throws the Cirrus validation error or synthesizes valid output`, () => {
      const stats = runFuzz({ cloud, arbitrary: budgetRecipe(cloud), batchSize: BATCH[cloud], build: buildBudget, stackPerCase: true });
      console.log(describeStats('CostBudgetGuard', cloud, stats) + (process.env.FUZZ_DEBUG ? `\n${rejectionReport()}` : ''));
      expectBothOutcomes(stats);
    });
  }
});
