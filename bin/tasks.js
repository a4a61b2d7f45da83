#!/usr/bin/env node
// The `tasks` command. Runs the precompiled CLI (built by `npm ci` / `npm run build`).
import('../dist/bundle/cli.js').catch((err) => {
  if (
    err &&
    err.code === 'ERR_MODULE_NOT_FOUND' &&
    String(err.message).includes('dist/bundle/cli.js')
  ) {
    process.stderr.write('tasks: not built yet — run `npm ci` (or `npm run build`) first\n');
    process.exit(1);
  }
  throw err;
});
