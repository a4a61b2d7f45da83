// kubectl port-forward -n NS svc/NAME LOCAL:REMOTE: listens on 127.0.0.1 (LOCAL 0 = any
// free port), prints kubectl's "Forwarding from" line and relays every TCP connection to
// the target the test configured (state.services), until SIGTERM/SIGINT.
import { createConnection, createServer, type Socket } from 'node:net';
import { CliError, SetupError, Unsupported, type Ctx } from '../lib/io.js';
import { parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { readState } from '../lib/store.js';
import { kindByName, notFound, type KindInfo } from '../lib/kinds.js';
import { findObject } from '../lib/objects.js';

// kubectl (client-go portforward.handleConnection) opens the data stream and copies the local
// connection into it while the kubelet dials the pod; only when the kubelet's error arrives
// does it log "an error occurred forwarding" and close the local connection. So a client
// has sent its request before it sees the close. Closing at once, before the client has
// written anything, is a race real clients are not exposed to (Node 20's fetch then waits
// for its timeout instead of failing).
const ERROR_CLOSE_WAIT_MS = 1_000;

function relay(client: Socket, target: string, local: number, remote: number, ctx: Ctx): void {
  const [host, port] = [
    target.slice(0, target.lastIndexOf(':')),
    Number(target.slice(target.lastIndexOf(':') + 1)),
  ];
  const early: Buffer[] = [];
  const keep = (d: Buffer) => early.push(d);
  client.on('data', keep);
  const upstream = createConnection({ host, port });
  upstream.on('connect', () => {
    client.off('data', keep);
    for (const d of early) upstream.write(d);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  upstream.on('error', (e) => {
    ctx.err(
      `E0000 portforward.go:424] "Unhandled Error" err="an error occurred forwarding ${local} -> ${remote}: ` +
        `error forwarding port ${remote} to pod: failed to connect to localhost:${remote} inside namespace: ${e.message}"\n`,
    );
    if (early.length) return void client.destroy();
    const timer = setTimeout(() => client.destroy(), ERROR_CLOSE_WAIT_MS);
    client.once('data', () => {
      clearTimeout(timer);
      client.destroy();
    });
  });
  client.on('error', () => upstream.destroy());
  client.on('close', () => upstream.end());
  upstream.on('close', (hadError) => hadError || client.end()); // errors close it themselves
}

export default async function portForward(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(args, [{ name: 'namespace', short: 'n', type: 'string' }], {
    tool: 'kubectl',
    cmd: 'port-forward',
    errPrefix: 'error: ',
  });
  if (p.rest) throw new Unsupported('kubectl', '"--" in kubectl port-forward');
  const [target, ...ports] = p.positional;
  if (!target || ports.length === 0)
    throw new CliError(1, 'error: TYPE/NAME and list of ports are required for port-forward');
  const m = /^(svc|service|services)\/(.+)$/.exec(target);
  if (!m) throw new Unsupported('kubectl', `port-forward to ${target} (only svc/NAME is used)`);
  if (ports.length !== 1) throw new Unsupported('kubectl', 'port-forward with several ports');
  const pm = /^(\d*):(\d+)$/.exec(ports[0]) ?? /^()(\d+)$/.exec(ports[0]);
  if (!pm)
    throw new CliError(
      1,
      `error: Error parsing local port '${ports[0]}': strconv.ParseUint: parsing "${ports[0]}": invalid syntax`,
    );
  const remote = Number(pm[2]);
  const wantedLocal = pm[1] === '' && !ports[0].includes(':') ? remote : Number(pm[1] || 0);
  const ns = str(p, 'namespace') ?? 'default';
  const path = await connect(ctx.env, 'kubectl');
  const s = readState(path);
  const svcInfo = kindByName('Service') as KindInfo;
  const svc = findObject(s, svcInfo, m[2], ns);
  if (!svc) throw new CliError(1, notFound(svcInfo, m[2]));
  const svcPorts: Array<{ port: number }> = svc.spec?.ports ?? [];
  if (!svcPorts.some((sp) => sp.port === remote))
    throw new CliError(1, `error: Service ${m[2]} does not have a service port ${remote}`);
  const sim = s.services[`${ns}/${m[2]}`] ?? s.services[m[2]];
  if (sim?.error) throw new CliError(1, sim.error);
  if (!sim?.target)
    throw new SetupError(
      'kubectl',
      `no port-forward target for svc/${m[2]} (set state.services["${m[2]}"].target)`,
    );

  const server = createServer();
  const local = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wantedLocal, '127.0.0.1', () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : wantedLocal);
    });
  }).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(
      1,
      `Unable to listen on port ${wantedLocal}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${wantedLocal}: bind: ${e.code === 'EADDRINUSE' ? 'address already in use' : e.message}]\n` +
        `error: unable to listen on any of the requested ports: [{${wantedLocal} ${remote}}]`,
    );
  });
  server.on('connection', (client) => {
    ctx.out(`Handling connection for ${local}\n`);
    relay(client, sim.target as string, local, remote, ctx);
  });
  ctx.out(`Forwarding from 127.0.0.1:${local} -> ${remote}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  server.close();
  return 0;
}
