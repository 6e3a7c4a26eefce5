// Jest runs the plain-ESM tests natively: needs NODE_OPTIONS=--experimental-vm-modules
// (toolchain.md §7). tests/unit: no engine; tests/integration: the real wasm engine in Node.
// tests/browser/*.spec.js belong to Playwright.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/unit', '<rootDir>/tests/integration'],
  testMatch: ['**/*.test.js'],
  transform: {},
  testTimeout: 60_000,
};
