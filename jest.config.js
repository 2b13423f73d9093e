/** Jest with ts-jest; type checking is done by `npm run build` and `npm run typecheck`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
  },
  testTimeout: 120000,
  // Both cores: under CI=true Jest defaults to cores - 1, one worker here (npm test took 1475 s so).
  maxWorkers: 2,
};
