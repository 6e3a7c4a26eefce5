// Jest runs the plain-ESM tests natively: needs NODE_OPTIONS=--experimental-vm-modules
// (toolchain.md §7). Only tests/unit: tests/browser/*.spec.js belong to Playwright.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/unit'],
  testMatch: ['**/*.test.js'],
  transform: {},
  testTimeout: 60_000,
};
