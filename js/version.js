// version.js: the library version (kept equal to package.json by tests/unit/catalogue.test.js;
// importing package.json would need import attributes, which not every bundler supports yet).
export const version = '0.1.0';
