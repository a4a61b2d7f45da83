// Fake ssh: `ssh HOST COMMAND` answers from the test's table (simulations.ssh[HOST][COMMAND]);
// stdin is read (and logged) like a remote `bash -s` or `tee` would. A host missing from the
// table does not resolve, as with a typo in LOCAL_K8S_HOST; a command missing is a test bug.
import { CliError, SetupError, Unsupported, type Ctx } from './lib/io.js';
import { localState } from './lib/cluster.js';
import { readState } from './lib/store.js';

export async function run(ctx: Ctx): Promise<number> {
  const [host, ...command] = ctx.argv;
  if (!host || host.startsWith('-')) throw new Unsupported('ssh', `options ${ctx.argv.join(' ')}`);
  if (command.length !== 1)
    throw new Unsupported('ssh', `${command.length} command words (the project passes one)`);
  const path = localState(ctx.env);
  if (!path) throw new SetupError('ssh', 'FAKE_CLUSTER_STATE is not set');
  const table = readState(path).simulations.ssh?.[host];
  if (!table)
    throw new CliError(255, `ssh: Could not resolve hostname ${host}: Name or service not known`);
  ctx.stdin();
  const result = table[command[0]!];
  if (!result)
    throw new SetupError('ssh', `no simulated result for ${JSON.stringify(command[0])} on ${host}`);
  if (result.stdout) ctx.out(result.stdout);
  if (result.stderr) ctx.err(result.stderr);
  return result.code;
}
