// `npm run test:live`: a short round trip against a REAL cluster, Vault and Keycloak, the
// ones named by your own .env.local and kubeconfig: install → get-token → uninstall.
// Never run by CI. It changes the cluster, so it runs only with TASKS_LIVE=yes.
//   TASKS_LIVE=yes LIVE_USER=alice npm run test:live
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'dotenv';

const bin = fileURLToPath(new URL('../bin/tasks.js', import.meta.url));
if (process.env.TASKS_LIVE !== 'yes') {
  console.error(
    'test:live installs and uninstalls JupyterHub on the cluster your .env.local names.',
  );
  console.error('Run it with TASKS_LIVE=yes (and LIVE_USER=<a JupyterHub user name>).');
  process.exit(2);
}
const user = process.env.LIVE_USER ?? 'live-test';

function envFileValue(name) {
  const file = process.env.TASKS_ENV_FILE ?? '.env.local';
  return existsSync(file) ? parse(readFileSync(file))[name] : undefined;
}

function tasks(args, capture = false) {
  console.error(`\n$ npx tasks ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [bin, ...args], {
    stdio: ['inherit', capture ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.error(`test:live: \`tasks ${args.join(' ')}\` exited ${r.status}`);
    process.exit(1);
  }
  return r.stdout ?? '';
}

tasks(['jupyterhub:install']);
const token = tasks(['jupyterhub:get-token', user], true).trim();
if (!/^[A-Za-z0-9]{16,}$/.test(token)) {
  console.error('test:live: get-token printed something that is not a token');
  process.exit(1);
}
const host = process.env.JUPYTERHUB_HOST || envFileValue('JUPYTERHUB_HOST');
if (host) {
  // Through the ingress, as a notebook client would: the token must identify the user.
  const res = await fetch(`https://${host}/hub/api/user`, {
    headers: { Authorization: `token ${token}` },
  });
  const who = res.ok ? (await res.json()).name : `HTTP ${res.status}`;
  if (who !== user) {
    console.error(`test:live: /hub/api/user answered ${who}, expected ${user}`);
    process.exit(1);
  }
  console.error(`✓ the token works for ${user} on https://${host}/hub/api/user`);
}
tasks(['jupyterhub:uninstall', '--yes']);
console.error('\n✓ test:live: install → get-token → uninstall');
