export * from './emulator-fixture';
export * from './emulator-targets';
export * from './inputs';
export * from './invariants';
export * from './web-method-targets';
export * from './local-server-targets';
