import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bindArgs, usageLine } from '../../tasks/core/args.js';
import { recipe } from '../../tasks/core/define.js';
import { UsageError } from '../../tasks/core/errors.js';

const args = suite('core/args: binding command-line words to recipe parameters');

const noop = async () => {};
const createClient = recipe({
  name: 'create-client',
  description: '',
  params: [
    { name: 'realm' },
    { name: 'client_id' },
    { name: 'redirect_url' },
    { name: 'client_secret', default: '' },
  ],
  run: noop,
});
const put = recipe({
  name: 'put',
  description: '',
  params: [{ name: 'path' }, { name: 'fields', variadic: true }],
  run: noop,
});
const password = recipe({
  name: 'random-password',
  description: '',
  params: [{ name: 'length', default: '48' }],
  run: noop,
});
const uninstall = recipe({
  name: 'uninstall',
  description: '',
  params: [{ name: 'purge', flag: true }],
  run: noop,
});
const install = recipe({
  name: 'install',
  description: '',
  params: [{ name: 'root_token', optional: true }],
  run: noop,
});

function usageErrorOf(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    assert.instance(err, UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}

args('positional words fill parameters in declared order', () => {
  assert.equal(bindArgs('kc', createClient, ['r', 'c', 'https://x']), {
    realm: 'r',
    client_id: 'c',
    redirect_url: 'https://x',
    client_secret: '',
  });
});

args('name=value binds by name, in any order, mixed with positional', () => {
  const a = bindArgs('kc', createClient, [
    'client_id=c',
    'redirect_url=https://x/cb?a=b',
    'realm=r',
    'client_secret=s3cret',
  ]);
  assert.equal(a, {
    realm: 'r',
    client_id: 'c',
    redirect_url: 'https://x/cb?a=b',
    client_secret: 's3cret',
  });
  assert.equal(bindArgs('kc', createClient, ['r', 'redirect_url=u', 'c']).client_id, 'c');
});

args('a variadic tail keeps k=v words whose key is not a parameter', () => {
  assert.equal(bindArgs('vault', put, ['app/x', 'user=alice', 'password=pw=with=eq']), {
    path: 'app/x',
    fields: ['user=alice', 'password=pw=with=eq'],
  });
  // once the tail started, even a key that names a parameter belongs to it
  assert.equal(bindArgs('vault', put, ['app/x', 'a=1', 'path=2']).fields, ['a=1', 'path=2']);
  assert.equal(bindArgs('vault', put, ['app/x']).fields, []);
});

args('defaults apply to omitted parameters; optional ones stay undefined', () => {
  assert.equal(bindArgs('utils', password, []), { length: '48' });
  assert.equal(bindArgs('utils', password, ['12']), { length: '12' });
  assert.equal(bindArgs('jh', install, []), {});
  assert.equal(bindArgs('jh', install, ['tok']), { root_token: 'tok' });
});

args('flags are --name (dashes or underscores) and default to false', () => {
  assert.equal(bindArgs('jh', uninstall, []), { purge: false });
  assert.equal(bindArgs('jh', uninstall, ['--purge']), { purge: true });
});

args('a missing required parameter is a usage error showing the usage line', () => {
  const e = usageErrorOf(() => bindArgs('keycloak', createClient, ['r']));
  assert.is(e.exitCode, 2);
  assert.match(e.message, 'missing argument <client_id>');
  assert.is(
    e.hint,
    "usage: npx tasks keycloak:create-client <realm> <client_id> <redirect_url> [client_secret='']",
  );
});

args('too many words, unknown flags and duplicates are usage errors', () => {
  assert.match(
    usageErrorOf(() => bindArgs('utils', password, ['1', '2'])).message,
    'too many arguments',
  );
  assert.match(
    usageErrorOf(() => bindArgs('jh', uninstall, ['--force'])).message,
    'unknown option --force',
  );
  assert.match(
    usageErrorOf(() => bindArgs('kc', createClient, ['realm=a', 'realm=b', 'c', 'u'])).message,
    'realm given twice',
  );
});

args('after -- words are positional, but a word shaped like a flag is refused', () => {
  assert.equal(bindArgs('vault', put, ['p', '--', 'k=--v']).fields, ['k=--v']);
  assert.throws(() => bindArgs('vault', put, ['p', '--', '--not-a-flag=1']), /after --/);
});

args('usage lines show required, defaulted, optional, variadic and flag parameters', () => {
  assert.is(usageLine('vault', put), 'npx tasks vault:put <path> [fields...]');
  assert.is(usageLine('jh', install), 'npx tasks jh:install [root_token]');
  assert.is(usageLine('jh', uninstall), 'npx tasks jh:uninstall [--purge]');
  assert.is(usageLine('utils', password), 'npx tasks utils:random-password [length=48]');
});

const getToken = recipe({
  name: 'get-token',
  description: '',
  params: [
    { name: 'username' },
    { name: 'expires_in', option: true, optional: true },
    { name: 'note', option: true, default: 'n' },
    { name: 'all', flag: true },
  ],
  run: noop,
});

args('options take a value as --name VALUE, --name=VALUE or name=VALUE, never by position', () => {
  assert.equal(bindArgs('jh', getToken, ['alice', '--expires-in', '1h']), {
    username: 'alice',
    expires_in: '1h',
    note: 'n',
    all: false,
  });
  assert.equal(bindArgs('jh', getToken, ['--note=a b', 'alice']).note, 'a b');
  assert.equal(bindArgs('jh', getToken, ['alice', 'expires_in=90s']).expires_in, '90s');
  assert.match(
    usageErrorOf(() => bindArgs('jh', getToken, ['alice', 'x'])).message,
    'too many arguments',
  );
  assert.match(
    usageErrorOf(() => bindArgs('jh', getToken, ['alice', '--expires-in'])).message,
    '--expires-in needs a value',
  );
  assert.match(
    usageErrorOf(() => bindArgs('jh', getToken, ['alice', '--note=a', '--note', 'b'])).message,
    'given twice',
  );
  assert.match(
    usageErrorOf(() => bindArgs('jh', getToken, ['alice', '--all=1'])).message,
    'unknown option --all=1',
  );
  assert.is(
    usageLine('jh', getToken),
    'npx tasks jh:get-token <username> [--expires-in VALUE] [--note VALUE] [--all]',
  );
});

args.run();
