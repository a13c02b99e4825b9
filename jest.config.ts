/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// Type-checking is done once for the whole tree by `npm run typecheck`; ts-jest only transpiles,
// which keeps each test file's start-up fast.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        isolatedModules: true,
        tsconfig: { module: 'commonjs', moduleResolution: 'node10', target: 'ES2022', esModuleInterop: true },
      },
    ],
  },
  testTimeout: 30_000,
};

export default config;
