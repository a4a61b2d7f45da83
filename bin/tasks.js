#!/usr/bin/env node
// The `tasks` command, CommonJS (bin/package.json), running the precompiled CLI (built by
// `npm ci` / `npm run build`). Both entries answer every command line alike; this picks
// the faster: a word with `:` names a recipe to run, which the ES module CLI does; a
// listing, --help, --version or completions the CommonJS front answers from the manifest
// without Node's ES module loader.
const args = process.argv.slice(2);
const run =
  args.some((a) => !a.startsWith('-') && a.includes(':')) &&
  !args.some((a) => a === '--help' || a === '-h');
// The bundle itself missing, not a module it needs (that one is named on the first line).
const notBuilt = (err) =>
  err &&
  /^(ERR_)?MODULE_NOT_FOUND$/.test(err.code) &&
  /dist\/bundle\//.test(String(err.message).split('\n')[0]);
const fail = (err) => {
  if (!notBuilt(err)) throw err;
  process.stderr.write('tasks: not built yet — run `npm ci` (or `npm run build`) first\n');
  process.exitCode = 1;
};
if (run) import('../dist/bundle/cli.js').catch(fail);
else {
  try {
    require('../dist/bundle/front.cjs');
  } catch (err) {
    fail(err);
  }
}
