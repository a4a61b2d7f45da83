// `node --import <this> …`: appends every value the run registers as a secret to the file
// named by SECRETS_SPY_FILE (one JSON string a line), so a test knows exactly which values
// must never be printed. It patches the same module instance the CLI loads.
import { appendFileSync } from 'node:fs';
import { Secrets } from '../../tasks/core/secrets.js';

const file = process.env.SECRETS_SPY_FILE;
const add = Secrets.prototype.add;
Secrets.prototype.add = function spiedAdd<T extends string | undefined>(
  this: Secrets,
  value: T,
): T {
  if (file && value) appendFileSync(file, `${JSON.stringify(value)}\n`);
  return add.call(this, value) as T;
};
