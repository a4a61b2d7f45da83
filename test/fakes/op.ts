// Fake 1Password CLI: `op read [-n] op://vault/item/field` answers from the test's table
// (simulations.op.items); unknown vaults, items and fields fail with op's wording.
import { CliError, SetupError, Unsupported, type Ctx } from './lib/io.js';
import { bool, parseArgs } from './lib/args.js';
import { localState } from './lib/cluster.js';
import { readState } from './lib/store.js';

const stamp = (): string =>
  new Date().toISOString().replace('T', ' ').replace(/-/g, '/').slice(0, 19);
const fail = (msg: string): CliError => new CliError(1, `[ERROR] ${stamp()} ${msg}`);

export async function run(ctx: Ctx): Promise<number> {
  const [sub, ...rest] = ctx.argv;
  if (sub !== 'read') throw new Unsupported('op', `command ${JSON.stringify(sub ?? '')}`);
  const p = parseArgs(rest, [{ name: 'no-newline', short: 'n', type: 'bool' }], {
    tool: 'op',
    cmd: 'read',
    errPrefix: '',
  });
  if (p.positional.length !== 1 || p.rest)
    throw fail(`expected exactly 1 argument, got ${p.positional.length}`);
  const path = localState(ctx.env);
  if (!path) throw new SetupError('op', 'FAKE_CLUSTER_STATE is not set');
  const sim = readState(path).simulations.op ?? { items: {} };
  if (sim.signedIn === false)
    throw fail('You are not currently signed in. Please run `op signin --help` for instructions');
  const ref = p.positional[0];
  const parts = ref.startsWith('op://') ? ref.slice(5).split('/') : [];
  if (parts.length < 3 || parts.length > 4 || parts.some((x) => x === ''))
    throw fail(
      `could not read secret '${ref}': invalid secret reference '${ref}': secret references must be of the form op://<vault>/<item>/[section/]<field>`,
    );
  const value = sim.items[ref];
  if (value === undefined) {
    const [vault, item, ...field] = parts;
    const refs = Object.keys(sim.items).map((r) => r.slice(5).split('/'));
    const why = !refs.some((r) => r[0] === vault)
      ? `"${vault}" isn't a vault in this account. Specify the vault with its UUID or name.`
      : !refs.some((r) => r[0] === vault && r[1] === item)
        ? `"${item}" isn't an item in the "${vault}" vault. Specify the item with its UUID, name, or domain.`
        : `"${field.join('/')}" isn't a field in the "${item}" item.`;
    throw fail(`could not read secret '${ref}': ${why}`);
  }
  ctx.out(bool(p, 'no-newline') ? value : `${value}\n`);
  return 0;
}
