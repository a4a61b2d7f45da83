// `node --import <this> …`: records the URL of every ES module loaded into the
// file named by TRACE_IMPORTS_FILE, so tests can assert what a command did not load.
import { register } from 'node:module';

register('./trace-hooks.js', import.meta.url, { data: { file: process.env.TRACE_IMPORTS_FILE } });
