import { TaskError, type Ctx } from '../core/index.js';
import { apply, deleteObjects, readSecret } from '../k8s/index.js';
import { keycloakVars } from './vars.js';

/**
 * The parts of buun-stack's postgres module keycloak:install/uninstall call (that module is
 * not ported): the CloudNativePG cluster postgres-cluster in namespace postgres, its
 * superuser postgres, psql in pod postgres-cluster-1.
 */
export const POSTGRES = {
  namespace: 'postgres',
  pod: 'postgres-cluster-1',
  host: 'postgres-cluster-rw.postgres',
  superuserSecret: 'postgres-cluster-superuser',
  adminUser: 'postgres',
};
export const DATABASE = 'keycloak';

const psqlArgs = (sql: string, extra: string[] = []) => [
  'exec',
  '-n',
  POSTGRES.namespace,
  POSTGRES.pod,
  '-c',
  'postgres',
  '--',
  'psql',
  ...extra,
  '-c',
  sql,
];

export async function databaseExists(ctx: Ctx, name: string): Promise<boolean> {
  if (await ctx.exec.planningOffline()) return false;
  const r = await ctx.exec.query(
    'kubectl',
    psqlArgs(`SELECT 1 FROM pg_database WHERE datname = '${name}'`, ['-tA']),
  );
  return r.stdout.trim() === '1';
}

/** postgres::create-db: the database unless it exists. */
export async function createDatabase(ctx: Ctx, name: string): Promise<void> {
  if (await databaseExists(ctx, name)) {
    ctx.log.info(`  database ${name} already exists`);
    return;
  }
  await ctx.exec.change('kubectl', psqlArgs(`CREATE DATABASE ${name};`));
  ctx.effects.done(`database ${name} created`);
}

/** postgres::delete-db: ends the database's connections, then drops it; absent is fine. */
export async function deleteDatabase(ctx: Ctx, name: string): Promise<void> {
  // A plan without a reachable database drops it all the same.
  const exists = await ctx.effects.query(
    { describe: `look up database ${name}`, absentWhen: () => true },
    () => databaseExists(ctx, name),
  );
  if (exists === false) {
    ctx.log.info(`  database ${name} does not exist`);
    return;
  }
  await ctx.exec.change(
    'kubectl',
    psqlArgs(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid();`,
      ['-U', 'postgres', '-P', 'pager=off'],
    ),
  );
  await ctx.exec.change('kubectl', psqlArgs(`DROP DATABASE ${name};`, ['-U', 'postgres']));
  ctx.effects.done(`database ${name} deleted`);
}

/** create-database-secret: Secret database-config (replaced) with the superuser's credentials. */
export async function createDatabaseSecret(ctx: Ctx): Promise<void> {
  const ns = (await ctx.config.read(keycloakVars)).KEYCLOAK_NAMESPACE;
  const superuser = await readSecret(ctx, POSTGRES.superuserSecret, POSTGRES.namespace);
  // Planned before postgres is installed, the password is a reference the reader supplies.
  const password =
    superuser?.password ||
    (await ctx.effects.made(
      () => {
        throw new TaskError(
          `Secret ${POSTGRES.superuserSecret} in ${POSTGRES.namespace} has no password`,
          'install the postgres module first (just postgres::install)',
        );
      },
      ctx.secrets.add('(the postgres superuser password)', 'POSTGRES_SUPERUSER_PASSWORD'),
    ));
  await deleteObjects(ctx, 'secret', ['database-config'], ns);
  await apply(ctx, [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'database-config', namespace: ns },
      type: 'Opaque',
      stringData: {
        host: POSTGRES.host,
        port: '5432',
        user: POSTGRES.adminUser,
        password,
        database: DATABASE,
      },
    },
  ]);
}
