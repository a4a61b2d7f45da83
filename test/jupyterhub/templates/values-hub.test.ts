// The `hub` and `proxy` sections of the rendered values, per spec/jupyterhub.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHelmYaml } from '../../support/z2jh.js';
import { COMBOS } from './combos.js';
import { baseEnv, type TemplateEnv } from './env.js';
import { renderValues, templateText } from './render.js';
import { python3, run, shellcheck } from './tools.js';
import { at, has, str, type Tree } from './tree.js';

const Hub = suite('jupyterhub values: hub and proxy');

const VAULT_ON = { JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true' };
const values = (overrides: Partial<TemplateEnv> = {}): unknown =>
  parseHelmYaml(renderValues(baseEnv(overrides)).yaml);

/** The lines of a `key: |` block in the raw YAML, un-indented by `indent` spaces. */
function blockBody(yaml: string, fileKey: string, indent: number): string {
  const lines = yaml.split('\n');
  const start = lines.indexOf(`    ${fileKey}:`);
  assert.ok(start >= 0, `no ${fileKey} in hub.extraFiles`);
  const block = lines.indexOf('      stringData: |', start);
  assert.ok(block > start, `no stringData block for ${fileKey}`);
  const body: string[] = [];
  for (const line of lines.slice(block + 1)) {
    if (line !== '' && !line.startsWith(' '.repeat(indent))) break;
    body.push(line.slice(indent));
  }
  return body.join('\n').replace(/\n+$/, '');
}

Hub('the values have exactly the sections hub, proxy, singleuser, cull, ingress', () => {
  assert.equal(Object.keys(values() as Tree).sort(), ['cull', 'hub', 'ingress', 'proxy', 'singleuser']);
});

Hub('extraEnv: secrets by reference, Vault settings as strings, VAULT_TOKEN_FILE with Vault on', () => {
  const secretEnv = {
    JUPYTERHUB_CRYPT_KEY: {
      valueFrom: { secretKeyRef: { name: 'jupyterhub-crypt-key', key: 'crypt-key' } },
    },
    JUPYTERHUB_ADMIN_SERVICE_TOKEN: {
      valueFrom: { secretKeyRef: { name: 'jupyterhub-admin-service-token', key: 'token' } },
    },
  };
  const plain = {
    VAULT_ADDR: 'https://vault.example.com',
    NOTEBOOK_VAULT_TOKEN_TTL: '24h',
    NOTEBOOK_VAULT_TOKEN_MAX_TTL: '168h',
  };
  assert.equal(at(values(), 'hub', 'extraEnv'), { ...secretEnv, ...plain });
  assert.equal(at(values(VAULT_ON), 'hub', 'extraEnv'), {
    ...secretEnv,
    ...plain,
    VAULT_TOKEN_FILE: '/vault/secrets/vault-token',
  });
  const numeric = values({ NOTEBOOK_VAULT_TOKEN_TTL: '3600', NOTEBOOK_VAULT_TOKEN_MAX_TTL: '0' });
  assert.is(at(numeric, 'hub', 'extraEnv', 'NOTEBOOK_VAULT_TOKEN_TTL'), '3600');
  assert.is(at(numeric, 'hub', 'extraEnv', 'NOTEBOOK_VAULT_TOKEN_MAX_TTL'), '0');
});

Hub('extraFiles: startup.sh installs hvac 2.3.0 without cache, then execs the hub (as upstream)', () => {
  const file = at(values(), 'hub', 'extraFiles', 'startup.sh') as Tree;
  assert.is(file.mountPath, '/usr/local/bin/startup.sh');
  assert.is(file.mode, 0o755, 'mode must reach helm as octal 0755');
  const body = str(file, 'stringData');
  const lines = body.trimEnd().split('\n');
  // Without `set -e`, a failed pip install still starts the hub (the hook logs its own error).
  assert.equal(lines, [
    '#!/bin/bash',
    'pip install --no-cache-dir hvac==2.3.0',
    'exec jupyterhub --config /usr/local/etc/jupyterhub/jupyterhub_config.py --upgrade-db',
  ]);
  const lint = run(shellcheck(), ['-s', 'bash', '-'], { input: body });
  assert.is(lint.status, 0, lint.stdout + lint.stderr);
});

Hub('extraFiles: pre_spawn_hook.py is the rendered hook, byte for byte', () => {
  for (const overrides of [{}, VAULT_ON]) {
    const { yaml, hook } = renderValues(baseEnv(overrides));
    const file = at(parseHelmYaml(yaml), 'hub', 'extraFiles', 'pre_spawn_hook.py') as Tree;
    assert.is(file.mountPath, '/srv/jupyterhub/pre_spawn_hook.py');
    assert.is(file.mode, 0o644);
    assert.ok(hook.endsWith('\n') && !hook.endsWith('\n\n'), 'the hook ends with one newline');
    assert.is(file.stringData, hook);
    assert.is(blockBody(yaml, 'pre_spawn_hook.py', 8), hook.replace(/\n+$/, ''));
  }
});

Hub('extraFiles: user_policy.hcl only with Vault on, equal to the source file', () => {
  assert.equal(Object.keys(at(values(), 'hub', 'extraFiles') as Tree), ['startup.sh', 'pre_spawn_hook.py']);
  const { yaml } = renderValues(baseEnv(VAULT_ON));
  const files = at(parseHelmYaml(yaml), 'hub', 'extraFiles') as Tree;
  assert.equal(Object.keys(files), ['startup.sh', 'user_policy.hcl', 'pre_spawn_hook.py']);
  const source = templateText('user_policy.hcl');
  assert.is(at(files, 'user_policy.hcl', 'mountPath'), '/srv/jupyterhub/user_policy.hcl');
  assert.is(at(files, 'user_policy.hcl', 'mode'), 0o644);
  assert.is(at(files, 'user_policy.hcl', 'stringData'), source);
  assert.is(blockBody(yaml, 'user_policy.hcl', 8), source.replace(/\n+$/, ''));
});

Hub('command runs startup.sh', () => {
  assert.equal(at(values(), 'hub', 'command'), ['/usr/local/bin/startup.sh']);
});

Hub('config: generic OAuth against the Keycloak realm', () => {
  const doc = values({ KEYCLOAK_HOST: 'kc.example.org', KEYCLOAK_REALM: 'r1', JUPYTERHUB_OIDC_CLIENT_ID: 'hub-client' });
  const oidc = 'https://kc.example.org/realms/r1/protocol/openid-connect';
  assert.equal(at(doc, 'hub', 'config'), {
    JupyterHub: {
      authenticator_class: 'generic-oauth',
      admin_access: false,
      authenticate_prometheus: false,
    },
    Authenticator: { enable_auth_state: true, allow_all: true },
    GenericOAuthenticator: {
      client_id: 'hub-client',
      oauth_callback_url: 'https://jupyter.example.com/hub/oauth_callback',
      authorize_url: `${oidc}/auth`,
      token_url: `${oidc}/token`,
      userdata_url: `${oidc}/userinfo`,
      login_service: 'keycloak',
      username_claim: 'preferred_username',
      auth_refresh_age: 300,
      refresh_pre_spawn: true,
    },
    OAuthenticator: { scope: ['openid', 'profile', 'email'] },
  });
  assert.is(at(values({ JUPYTERHUB_OIDC_CLIENT_ID: '12345' }), 'hub', 'config', 'GenericOAuthenticator', 'client_id'), '12345');
});

// Runs the extraConfig snippets the way the chart's jupyterhub_config.py does (exec
// in one namespace holding `c`), with a stand-in `c` that already has the culler's
// service and role, as the chart registers them before extraConfig.
const SNIPPET_RUNNER = `
import builtins, inspect, json, os, sys, types
snippets = json.loads(sys.stdin.read())
hook_path = os.environ["RENDERED_HOOK"]
def fake_open(path, *args, **kwargs):
    assert path == "/srv/jupyterhub/pre_spawn_hook.py", path
    return builtins.open(hook_path, *args, **kwargs)
c = types.SimpleNamespace(
    JupyterHub=types.SimpleNamespace(
        services=[{"name": "jupyterhub-idle-culler"}],
        load_roles=[{"name": "jupyterhub-idle-culler-role"}],
    ),
    KubeSpawner=types.SimpleNamespace(),
    CryptKeeper=types.SimpleNamespace(keys=["the-chart-key"]),
)
namespace = {"c": c, "open": fake_open}
for key in sorted(snippets):
    exec(compile(snippets[key], key, "exec"), namespace)
print(json.dumps({
    "order": sorted(snippets),
    "hook": inspect.iscoroutinefunction(c.KubeSpawner.pre_spawn_hook),
    "csc": c.KubeSpawner.container_security_context,
    "services": c.JupyterHub.services,
    "roles": c.JupyterHub.load_roles,
    "cryptKeys": c.CryptKeeper.keys,
}))
`;

Hub('extraConfig: loads the hook, drops ALL capabilities, registers admin-service when its token is set, sets our crypt keys', () => {
  const { yaml, hook } = renderValues(baseEnv(VAULT_ON));
  const snippets = at(parseHelmYaml(yaml), 'hub', 'extraConfig') as Tree;
  const dir = mkdtempSync(join(tmpdir(), 'jupyterhub-snippets-'));
  try {
    writeFileSync(join(dir, 'pre_spawn_hook.py'), hook);
    const exec = (token: string | undefined) => {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        RENDERED_HOOK: join(dir, 'pre_spawn_hook.py'),
        JUPYTERHUB_CRYPT_KEY: ' first ;second;',
      };
      if (token !== undefined) env.JUPYTERHUB_ADMIN_SERVICE_TOKEN = token;
      const r = run(python3(), ['-c', SNIPPET_RUNNER], { input: JSON.stringify(snippets), env });
      assert.is(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as Tree;
    };
    const culler = { services: [{ name: 'jupyterhub-idle-culler' }], roles: [{ name: 'jupyterhub-idle-culler-role' }] };

    const withToken = exec('service-token-value');
    // upstream's key names; the chart runs them in this (sorted) order
    assert.equal(withToken.order, ['admin-service', 'configure-security-context', 'crypt-keys', 'load-pre-spawn-hook']);
    assert.equal(withToken.cryptKeys, ['first', 'second'], "our keys, not the chart's");
    assert.is(withToken.hook, true, 'c.KubeSpawner.pre_spawn_hook is an async function');
    assert.equal(withToken.csc, { capabilities: { drop: ['ALL'] } });
    assert.equal(withToken.services, [
      ...culler.services,
      { name: 'admin-service', api_token: 'service-token-value' },
    ]);
    assert.equal(withToken.roles, [
      ...culler.roles,
      { name: 'admin-service-role', scopes: ['admin:users', 'tokens', 'admin:servers'], services: ['admin-service'] },
    ]);

    for (const token of [undefined, '']) {
      const without = exec(token);
      assert.equal(without.services, culler.services);
      assert.equal(without.roles, culler.roles);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Hub('Vault on: three volumes, their mounts, and the vault-token-renewer sidecar', () => {
  const doc = values({ ...VAULT_ON, VAULT_ADDR: 'https://vault.test', JUPYTERHUB_VAULT_TOKEN_TTL: '3600' });
  assert.equal(at(doc, 'hub', 'extraVolumes'), [
    { name: 'vault-secrets', emptyDir: { medium: 'Memory' } },
    { name: 'vault-config', configMap: { name: 'vault-token-renewer-config' } },
    { name: 'vault-admin-token', secret: { secretName: 'jupyterhub-vault-token' } },
  ]);
  const mounts = [
    { name: 'vault-secrets', mountPath: '/vault/secrets' },
    { name: 'vault-config', mountPath: '/vault/config' },
    { name: 'vault-admin-token', mountPath: '/vault/admin-token', readOnly: true },
  ];
  assert.equal(at(doc, 'hub', 'extraVolumeMounts'), mounts);
  assert.equal(at(doc, 'hub', 'extraContainers'), [
    {
      name: 'vault-token-renewer',
      image: 'hashicorp/vault:1.17.5',
      command: [
        '/bin/sh',
        '-c',
        '# Start token renewal script (handles both retrieval and renewal)\nexec sh /vault/config/vault-token-renewer.sh\n',
      ],
      env: [
        { name: 'VAULT_ADDR', value: 'https://vault.test' },
        { name: 'JUPYTERHUB_VAULT_TOKEN_TTL', value: '3600' },
      ],
      volumeMounts: mounts,
      securityContext: {
        runAsUser: 100,
        runAsGroup: 101,
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: false,
        capabilities: { drop: ['ALL'] },
      },
      resources: {
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '100m', memory: '128Mi' },
      },
    },
  ]);
});

Hub('Vault off: no extra volumes, mounts or containers', () => {
  const hub = at(values(), 'hub');
  for (const key of ['extraVolumes', 'extraVolumeMounts', 'extraContainers']) {
    assert.not.ok(has(hub, key), `hub.${key} must not be set`);
  }
});

Hub('podSecurityContext.fsGroup is JUPYTER_FSGID as an int', () => {
  assert.equal(at(values(), 'hub', 'podSecurityContext'), { fsGroup: 100 });
  assert.is(at(values({ JUPYTER_FSGID: '1000' }), 'hub', 'podSecurityContext', 'fsGroup'), 1000);
});

Hub('networkPolicy.ingress: from network-access-hub pods and the Prometheus namespace to port http', () => {
  assert.equal(at(values({ PROMETHEUS_NAMESPACE: 'observability' }), 'hub', 'networkPolicy'), {
    ingress: [
      {
        from: [
          { podSelector: { matchLabels: { 'hub.jupyter.org/network-access-hub': 'true' } } },
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } },
        ],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ],
  });
});

Hub('proxy.service.type is ClusterIP', () => {
  assert.equal(at(values(), 'proxy'), { service: { type: 'ClusterIP' } });
});

/**
 * Line numbers (1-based) of blank lines outside block scalars that are not followed by
 * a top-level key: the trace an `{{ if }}` without `-` leaves behind.
 */
function strayBlankLines(yaml: string): number[] {
  const lines = yaml.replace(/\n$/, '').split('\n');
  const indent = (l: string) => l.length - l.trimStart().length;
  const stray: number[] = [];
  let blockParent = -1; // indentation of the key owning the current block scalar
  for (const [i, line] of lines.entries()) {
    if (blockParent >= 0) {
      if (line === '' || indent(line) > blockParent) continue;
      blockParent = -1;
    }
    if (/:\s*[|>][-+]?$/.test(line)) blockParent = indent(line);
    else if (line === '' && !/^[a-z]/.test(lines[i + 1] ?? 'x')) stray.push(i + 1);
  }
  return stray;
}

Hub('every combination renders clean: no trailing whitespace, no stray blank lines', () => {
  assert.equal(strayBlankLines('a:\n  b: |\n    x\n\n    y\n\nc: 1\n'), [], 'blank lines in blocks are fine');
  assert.equal(strayBlankLines('a:\n  b: 1\n\n  c: 2\n'), [3], 'a stray blank line is found');
  for (const combo of COMBOS) {
    const { yaml } = renderValues(combo.env);
    const bad = yaml.split('\n').findIndex((line) => /[ \t]$/.test(line));
    assert.is(bad, -1, `${combo.name}: line ${bad + 1} ends in whitespace`);
    assert.equal(strayBlankLines(yaml), [], `${combo.name}: stray blank lines`);
    assert.ok(yaml.endsWith('\n') && !yaml.endsWith('\n\n'), `${combo.name}: one final newline`);
  }
});

Hub.run();
