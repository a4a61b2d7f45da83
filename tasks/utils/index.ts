import { canConnect, TaskError, UsageError, namespace, recipe, type Ctx } from '../core/index.js';
import { randomPassword } from './random.js';

export { canConnect, randomPassword };

export async function checkConnection(ctx: Ctx, host: string, port: string): Promise<void> {
  // Digits only: Number() would also take "1e3", "0x50" or " 80".
  const portNumber = /^\d+$/.test(port) ? Number(port) : NaN;
  if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
    throw new UsageError(`port must be a number between 1 and 65535 (got "${port}")`);
  }
  const open = await ctx.effects.query({ describe: `connect to ${host}:${port}` }, () =>
    canConnect(host, portNumber),
  );
  if (!open) {
    throw new TaskError(
      `cannot connect to ${host}:${port}`,
      'run `telepresence connect` to reach in-cluster addresses',
    );
  }
  ctx.log.ok(`connected to ${host}:${port}`);
}

export default namespace({
  name: 'utils',
  description: 'Small helpers other recipes use',
  vars: {},
  recipes: [
    recipe({
      name: 'random-password',
      description: 'Print a cryptographically random alphanumeric password',
      params: [{ name: 'length', default: '48', description: 'number of characters' }],
      run: async (ctx, { length }) => {
        const n = /^\d+$/.test(length) ? Number(length) : NaN;
        if (!Number.isInteger(n) || n < 1 || n > 4096)
          throw new UsageError(`length must be an integer from 1 to 4096 (got "${length}")`);
        ctx.out(randomPassword(n));
      },
    }),
    recipe({
      name: 'check-connection',
      description: 'Check that a host:port accepts TCP connections (1 s timeout)',
      params: [
        { name: 'host', default: '', description: 'host name or address (asked when empty)' },
        { name: 'port', default: '', description: 'TCP port (asked when empty)' },
      ],
      run: async (ctx, a) => {
        const host =
          a.host || (await ctx.prompt.input({ variable: 'host', argument: true, message: 'Host' }));
        const port =
          a.port || (await ctx.prompt.input({ variable: 'port', argument: true, message: 'Port' }));
        await checkConnection(ctx, host, port);
      },
    }),
  ],
});
