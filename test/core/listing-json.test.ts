import { Ajv } from 'ajv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir } from '../support/cli.js';

const json = suite('core/listing-json: `--list --json` for other tools, against a schema');
let dir: ReturnType<typeof tempDir>;
json.before.each(() => {
  dir = tempDir();
});
json.after.each(() => dir.remove());

const nullableString = { type: ['string', 'null'] };
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'namespaces'],
  properties: {
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+' },
    namespaces: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'description', 'variables', 'recipes'],
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
          description: { type: 'string', minLength: 1 },
          variables: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'type', 'description', 'default', 'values', 'secret'],
              properties: {
                name: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
                type: { type: 'string' },
                description: { type: 'string' },
                default: nullableString,
                values: { type: ['array', 'null'], items: { type: 'string' } },
                secret: { type: 'boolean' },
              },
            },
          },
          recipes: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'command', 'description', 'private', 'parameters', 'variables'],
              properties: {
                name: { type: 'string', pattern: '^[a-z_][a-z0-9-]*$' },
                command: { type: 'string', pattern: '^[a-z][a-z0-9-]*:[a-z_][a-z0-9-]*$' },
                description: { type: 'string', minLength: 1 },
                private: { type: 'boolean' },
                parameters: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: [
                      'name',
                      'description',
                      'default',
                      'required',
                      'variadic',
                      'flag',
                      'secret',
                    ],
                    properties: {
                      name: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$' },
                      description: nullableString,
                      default: nullableString,
                      required: { type: 'boolean' },
                      variadic: { type: 'boolean' },
                      flag: { type: 'boolean' },
                      secret: { type: 'boolean' },
                    },
                  },
                },
                variables: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['name', 'default', 'secret'],
                    properties: {
                      name: { type: 'string' },
                      default: nullableString,
                      secret: { type: 'boolean' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

interface Listing {
  namespaces: {
    name: string;
    variables: { name: string; default: string | null; secret: boolean }[];
    recipes: {
      name: string;
      private: boolean;
      parameters: { name: string; default: string | null; variadic: boolean; secret: boolean }[];
      variables: { name: string; default: string | null; secret: boolean }[];
    }[];
  }[];
}

json('every namespace, recipe, parameter and variable, valid against the schema', async () => {
  const r = await runCli(['--list', '--json'], { cwd: dir.path });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  const data = JSON.parse(r.stdout) as Listing;
  const validate = new Ajv({ allErrors: true }).compile(SCHEMA);
  assert.ok(validate(data), JSON.stringify(validate.errors, null, 1));
  assert.equal(
    data.namespaces.map((n) => n.name),
    ['utils', 'env', 'template', 'k8s', 'vault', 'keycloak', 'jupyterhub'],
  );
  const hub = data.namespaces.find((n) => n.name === 'jupyterhub')!;
  const install = hub.recipes.find((x) => x.name === 'install')!;
  assert.equal(
    install.parameters.map((p) => [p.name, p.default, p.variadic, p.secret]),
    [
      ['root_token', null, false, true],
      ['allow_second_hub', null, false, false],
    ],
  );
  assert.equal(
    install.variables.find((v) => v.name === 'JUPYTERHUB_NAMESPACE'),
    { name: 'JUPYTERHUB_NAMESPACE', default: 'datastack', secret: false },
  );
  assert.is(hub.recipes.find((x) => x.name === 'default')!.private, true);
  assert.is(install.private, false);
  const put = data.namespaces
    .find((n) => n.name === 'vault')!
    .recipes.find((x) => x.name === 'put')!;
  assert.ok(put.parameters.some((p) => p.variadic));
  const pw = data.namespaces[0]!.recipes.find((x) => x.name === 'random-password')!;
  assert.equal(pw.parameters[0]!.default, '48');
});

json('the schema rejects what it should (so the validation above can fail)', () => {
  const validate = new Ajv().compile(SCHEMA);
  assert.not.ok(validate({ version: '1.0.0', namespaces: [] }));
  assert.not.ok(
    validate({
      version: '1.0.0',
      namespaces: [{ name: 'x', description: 'd', variables: [], recipes: [{ name: 'r' }] }],
    }),
  );
});

json('one namespace, flags in any order; a mistyped flag is a usage error', async () => {
  for (const args of [
    ['--json', 'utils'],
    ['utils', '--list', '--json'],
  ]) {
    const r = await runCli(args, { cwd: dir.path });
    assert.is(r.code, 0, r.stderr);
    assert.equal(
      (JSON.parse(r.stdout) as Listing).namespaces.map((n) => n.name),
      ['utils'],
    );
  }
  const typo = await runCli(['--jsn'], { cwd: dir.path });
  assert.is(typo.code, 2);
  assert.is(typo.stdout, '');
  assert.match(typo.stderr, 'unknown option --jsn');
  assert.not.match(typo.stderr, 'namespace');
});

json.run();
