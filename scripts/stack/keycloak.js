// The stack's Keycloak: the real Keycloak distribution (org.keycloak:keycloak-quarkus-dist,
// from Maven Central), HTTPS only on 127.0.0.1 with a certificate from the stack CA, an H2
// database in the state dir (new at each start, like OpenBao's in-memory storage), a
// bootstrap admin whose password is random per start, realm buunstack with test users.
// Keycloak's first start in a new database spends ~30 s creating its schema and realm
// master: build() does that once into a template database that each start copies.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  alive,
  assertPortFree,
  daemon,
  ensureDir,
  issueCert,
  logFileOf,
  run,
  stackCA,
  waitUntil,
} from './lib.js';

export const version = '26.7.3';
export const realm = 'buunstack';
// The realm as `just keycloak::create-realm` makes it with its recipe defaults
// (access_token_lifespan 43200, refresh_token_lifespan 86400 → SSO session max,
// sso_session_idle_timeout 7200) and create-realm.ts's derived settings.
const REALM_SETTINGS = {
  realm,
  enabled: true,
  accessTokenLifespan: 43200,
  accessTokenLifespanForImplicitFlow: 43200,
  ssoSessionMaxLifespan: 86400,
  ssoSessionIdleTimeout: 7200,
  refreshTokenMaxReuse: 0,
  offlineSessionMaxLifespan: 172800,
  offlineSessionMaxLifespanEnabled: true,
  clientSessionMaxLifespan: 86400,
  clientSessionIdleTimeout: 7200,
};
export const adminUser = 'admin';
/** The realm's test users: password random per start, in <state>/keycloak/users.json. */
export const testUsers = ['alice', 'bob'];

const distDir = (cache) => join(cache, `keycloak-${version}`, 'dist');
const kcSh = (cache) => join(distDir(cache), 'bin', 'kc.sh');
const stateDir = (state) => join(state, 'keycloak');
const templateDir = (cache) => join(cache, `keycloak-${version}`, 'template');

/** Options baked into the optimized build (`start --optimized` takes no other build option). */
const buildOptions = ['--db=dev-file', '--health-enabled=true'];

/** JDK 17 (Debian's) when it is there: Keycloak 26.7 is compiled for 17. */
function javaEnv() {
  const jdk17 = '/usr/lib/jvm/java-17-openjdk-amd64';
  return existsSync(join(jdk17, 'bin', 'java')) && !process.env.JAVA_HOME
    ? { JAVA_HOME: jdk17 }
    : {};
}

async function build({ cache, log }) {
  const dir = join(cache, `keycloak-${version}`);
  const done = join(dir, 'built');
  if (existsSync(done)) return buildTemplate(cache, log);
  const buildLog = join(dir, 'build.log');
  const dl = ensureDir(join(dir, 'download'));
  const zip = join(dl, `keycloak-quarkus-dist-${version}.zip`);
  if (!existsSync(zip)) {
    log(`fetching keycloak-quarkus-dist ${version} from Maven Central (log: ${buildLog})`);
    run(
      'mvn',
      [
        '-q',
        '-B',
        'dependency:copy',
        `-Dartifact=org.keycloak:keycloak-quarkus-dist:${version}:zip`,
        `-DoutputDirectory=${dl}`,
      ],
      { cwd: dl, logFile: buildLog, timeoutMs: 20 * 60_000 },
    );
  }
  const partial = join(dir, 'unzip.partial');
  rmSync(partial, { recursive: true, force: true });
  rmSync(distDir(cache), { recursive: true, force: true });
  ensureDir(partial);
  run('unzip', ['-q', zip, '-d', partial], { logFile: buildLog, timeoutMs: 10 * 60_000 });
  const top = readdirSync(partial);
  if (top.length !== 1) throw new Error(`${zip}: expected one top folder, found ${top.join(', ')}`);
  renameSync(join(partial, top[0]), distDir(cache));
  rmSync(partial, { recursive: true, force: true });
  // The Quarkus augmentation once, here: each start then skips it (start --optimized).
  log(`keycloak ${version}: optimized build`);
  run(kcSh(cache), ['build', ...buildOptions], {
    env: { ...process.env, ...javaEnv() },
    logFile: buildLog,
    timeoutMs: 10 * 60_000,
  });
  writeFileSync(done, `${version}\n`);
  await buildTemplate(cache, log);
}

/** A free loopback port (the kernel's pick), for the template run. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The JVM options of a run whose transaction log lives in `dir` (not in the cache's dist). */
const javaOptsAppend = (dir) =>
  `-Dquarkus.transaction-manager.object-store.directory=${join(dir, 'data', 'transaction-logs')}`;

/**
 * Starts Keycloak once on free loopback ports (plain HTTP: nothing but this function
 * talks to it) in a new database, lets it create its schema and realm master with a
 * bootstrap admin, and stops it: that database is the template. The admin's password
 * stays beside it (0600); each start replaces it with its own.
 */
async function buildTemplate(cache, log) {
  const tmpl = templateDir(cache);
  if (existsSync(join(tmpl, 'admin-password'))) return;
  const dir = join(cache, `keycloak-${version}`);
  const partial = join(dir, 'template.partial');
  rmSync(partial, { recursive: true, force: true });
  ensureDir(partial);
  const port = await freePort();
  const mgmtPort = await freePort();
  const password = randomBytes(24).toString('base64url');
  const logFile = join(dir, 'template.log');
  log(`keycloak ${version}: template database (log: ${logFile})`);
  const fd = openSync(logFile, 'w');
  const child = spawn(
    kcSh(cache),
    [
      'start',
      '--optimized',
      '--cache=local',
      '--http-enabled=true',
      '--http-host=127.0.0.1',
      `--http-port=${port}`,
      `--http-management-port=${mgmtPort}`,
      '--hostname-strict=false',
      '--log-level=INFO,io.smallrye.health:WARN',
    ],
    {
      cwd: partial,
      env: {
        ...process.env,
        ...javaEnv(),
        KC_DB_URL_PATH: partial,
        JAVA_OPTS_APPEND: javaOptsAppend(partial),
        KC_BOOTSTRAP_ADMIN_USERNAME: adminUser,
        KC_BOOTSTRAP_ADMIN_PASSWORD: password,
      },
      stdio: ['ignore', fd, fd],
      detached: true,
    },
  );
  closeSync(fd);
  try {
    await waitUntil(
      'keycloak template run: /health/ready',
      async () => {
        const r = await call(`http://127.0.0.1:${mgmtPort}/health/ready`, { timeoutMs: 3_000 });
        return r.status === 200 && r.json?.status === 'UP';
      },
      { timeoutMs: 300_000, intervalMs: 1_000, logFile, pid: child.pid },
    );
    await adminToken(`http://127.0.0.1:${port}`, password);
  } finally {
    // SIGTERM: Quarkus shuts down and H2 closes the database file cleanly.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    await waitUntil('keycloak template run: exit', async () => !alive(child.pid), {
      timeoutMs: 60_000,
      logFile,
    }).catch((err) => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      throw err;
    });
  }
  rmSync(join(partial, 'data', 'transaction-logs'), { recursive: true, force: true });
  writePrivate(join(partial, 'admin-password'), `${password}\n`);
  rmSync(tmpl, { recursive: true, force: true });
  renameSync(partial, tmpl);
}

/** A file only its owner reads (mode 0600 even when it existed before). */
function writePrivate(file, text) {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** One bounded HTTP(S) call trusting the stack CA: JSON or form body; → { status, json, text }. */
function call(url, { method = 'GET', token, json, form, ca, timeoutMs = 15_000 } = {}) {
  const body =
    json !== undefined
      ? JSON.stringify(json)
      : form !== undefined
        ? new URLSearchParams(form).toString()
        : undefined;
  const headers = {
    Accept: 'application/json',
    ...(token && { Authorization: `Bearer ${token}` }),
    ...(json !== undefined && { 'Content-Type': 'application/json' }),
    ...(form !== undefined && { 'Content-Type': 'application/x-www-form-urlencoded' }),
    ...(body !== undefined && { 'Content-Length': Buffer.byteLength(body) }),
  };
  return new Promise((resolve, reject) => {
    const send = url.startsWith('http:') ? httpRequest : request;
    const req = send(url, { method, headers, ca, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {}
        resolve({ status: res.statusCode, json: parsed, text });
      });
    });
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function expectOk(what, p, ok = [200, 201, 204]) {
  const r = await p;
  if (!ok.includes(r.status))
    throw new Error(`keycloak: ${what}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

/** An admin access token from realm master (admin-cli, password grant). */
export async function adminToken(base, password, ca) {
  const r = await expectOk(
    'admin token',
    call(`${base}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      form: { grant_type: 'password', client_id: 'admin-cli', username: adminUser, password },
      ca,
    }),
    [200],
  );
  return r.json.access_token;
}

async function start({ cache, state, ports, log }) {
  if (!existsSync(join(cache, `keycloak-${version}`, 'built')))
    throw new Error(`keycloak ${version} is not built`);
  await assertPortFree('keycloak', ports.keycloak);
  await assertPortFree('keycloak management', ports.keycloakManagement);
  const dir = ensureDir(stateDir(state));
  // A new database at each start, copied from the template when there is one (realm master
  // made, its admin's password to replace), else created by Keycloak with the bootstrap admin.
  rmSync(join(dir, 'data'), { recursive: true, force: true });
  const tmplDb = join(templateDir(cache), 'data', 'h2');
  const fromTemplate = existsSync(tmplDb);
  if (fromTemplate)
    cpSync(tmplDb, join(dir, 'data', 'h2'), {
      recursive: true,
      filter: (f) => !/\.(lock|trace)\.db$/.test(f),
    });
  const ca = stackCA();
  const cert = issueCert('keycloak', { dns: ['localhost'], ips: ['127.0.0.1'] });
  const password = randomBytes(24).toString('base64url');
  writePrivate(join(dir, 'admin-password'), `${password}\n`);

  const args = [
    'start',
    '--optimized',
    // No JGroups cluster (it would listen on every interface).
    '--cache=local',
    '--http-enabled=false',
    '--http-host=127.0.0.1',
    `--https-port=${ports.keycloak}`,
    `--https-certificate-file=${cert.crt}`,
    `--https-certificate-key-file=${cert.key}`,
    `--http-management-port=${ports.keycloakManagement}`,
    `--hostname=https://localhost:${ports.keycloak}`,
    '--hostname-backchannel-dynamic=true',
    // The readiness poll below would log a line per probe.
    '--log-level=INFO,io.smallrye.health:WARN',
  ];
  const { pid } = daemon('keycloak', kcSh(cache), args, {
    cwd: dir,
    env: {
      ...process.env,
      ...javaEnv(),
      // The dev-file H2 database lives under <db-url-path>/data/h2.
      KC_DB_URL_PATH: dir,
      JAVA_OPTS_APPEND: javaOptsAppend(dir),
      ...(!fromTemplate && {
        KC_BOOTSTRAP_ADMIN_USERNAME: adminUser,
        KC_BOOTSTRAP_ADMIN_PASSWORD: password,
      }),
    },
  });
  const caPem = readFileSync(ca.crt);
  const mgmt = `https://127.0.0.1:${ports.keycloakManagement}`;
  await waitUntil(
    'keycloak /health/ready',
    async () => {
      const r = await call(`${mgmt}/health/ready`, { ca: caPem, timeoutMs: 3_000 });
      return r.status === 200 && r.json?.status === 'UP';
    },
    { timeoutMs: 180_000, intervalMs: 500, logFile: logFileOf('keycloak'), pid },
  );

  const base = `https://localhost:${ports.keycloak}`;
  if (fromTemplate) {
    const old = readFileSync(join(templateDir(cache), 'admin-password'), 'utf8').trim();
    const t = await adminToken(base, old, caPem);
    const found = await expectOk(
      `find user ${adminUser}`,
      call(`${base}/admin/realms/master/users?exact=true&username=${adminUser}`, {
        token: t,
        ca: caPem,
      }),
      [200],
    );
    if (found.json?.length !== 1) throw new Error(`keycloak: no user ${adminUser} in the template`);
    await expectOk(
      `set the password of ${adminUser}`,
      call(`${base}/admin/realms/master/users/${found.json[0].id}/reset-password`, {
        method: 'PUT',
        token: t,
        ca: caPem,
        json: { type: 'password', value: password, temporary: false },
      }),
      [204],
    );
  }
  const token = await adminToken(base, password, caPem);
  const admin = (path, opts = {}) => call(`${base}/admin${path}`, { token, ca: caPem, ...opts });
  await expectOk(
    `create realm ${realm}`,
    // As buun-stack's `keycloak::create-realm` makes it, with that recipe's defaults.
    admin('/realms', { method: 'POST', json: REALM_SETTINGS }),
    [201],
  );
  const users = {};
  for (const username of testUsers) {
    const userPassword = randomBytes(18).toString('base64url');
    await expectOk(
      `create user ${username}`,
      admin(`/realms/${realm}/users`, {
        method: 'POST',
        json: {
          username,
          enabled: true,
          email: `${username}@example.com`,
          emailVerified: true,
          firstName: username[0].toUpperCase() + username.slice(1),
          lastName: 'Test',
          requiredActions: [],
          credentials: [{ type: 'password', value: userPassword, temporary: false }],
        },
      }),
      [201],
    );
    users[username] = userPassword;
  }
  writePrivate(join(dir, 'users.json'), `${JSON.stringify(users, null, 2)}\n`);
  log(
    `keycloak: realm ${realm} with users ${testUsers.join(', ')} (passwords in ${join(dir, 'users.json')})`,
  );

  return {
    KEYCLOAK_HOST: `localhost:${ports.keycloak}`,
    KEYCLOAK_URL: base,
    KEYCLOAK_REALM: realm,
    KEYCLOAK_ADMIN_USER: adminUser,
    KEYCLOAK_ADMIN_PASSWORD: password,
    // Not a task variable: where the tests find the test users' passwords.
    BUUN_STACK_KEYCLOAK_USERS: join(dir, 'users.json'),
  };
}

export default { name: 'keycloak', build, start };
