#!/usr/bin/env node
// The `tasks` command, CommonJS (bin/package.json): loads the precompiled front (built by
// `npm ci` / `npm run build`), which answers listings and help itself and imports the ES
// module CLI only to run a recipe.
try {
  require('../dist/bundle/front.cjs');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('front.cjs')) {
    process.stderr.write('tasks: not built yet — run `npm ci` (or `npm run build`) first\n');
    process.exitCode = 1;
  } else throw err;
}
