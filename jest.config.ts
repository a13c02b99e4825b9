import type { Config } from 'jest';

// Type-checking is done once for the whole tree by `npm run typecheck`; ts-jest only transpiles,
// which keeps each test file's start-up fast.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.stryker-tmp/'],
  // Stryker's sandboxes (npm run mutate) hold a copy of the project: never a second copy of each module.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: {
          module: 'commonjs',
          moduleResolution: 'node10',
          target: 'ES2022',
          esModuleInterop: true,
          isolatedModules: true,
        },
      },
    ],
  },
  // Velo resolves `backend/...` and `public/...` from the site root and provides `wix-chat-backend` and
  // `wix-captcha-backend`; tests resolve them the same way the build keeps them (see scripts/build-site.ts).
  moduleNameMapper: {
    '^backend/(.*)$': '<rootDir>/src/backend/$1',
    '^public/(.*)$': '<rootDir>/src/public/$1',
    '^wix-chat-backend$': '<rootDir>/local/velo/wix-chat-backend.ts',
    '^wix-captcha-backend$': '<rootDir>/local/velo/wix-captcha-backend.ts',
  },
  // Handler outcome lines are for the Velo site logs; tests that check them spy on the console.
  setupFilesAfterEnv: ['<rootDir>/test/support/quiet-handler-logs.ts'],
  testTimeout: 30_000,
};

export default config;
