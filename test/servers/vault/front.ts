// Node's HTTP parser rejects the LIST verb (node-vault and hvac send it) before any handler
// runs, so the public port is a raw TCP front: it reads one request head per connection,
// rewrites `LIST /p` to `GET /p?list=true` (Vault treats both alike), records the verb the
// client used in a header, forces `Connection: close`, and pipes bytes to the internal server.
import net from 'node:net';

export const ORIGINAL_METHOD_HEADER = 'x-test-original-method';
const MAX_HEAD = 64 * 1024;

export function rewriteHead(head: string): string {
  const lines = head.split('\r\n');
  const parts = lines[0].split(' ');
  if (parts.length !== 3 || !/^[A-Z-]+$/.test(parts[0])) return head; // let the HTTP parser reject it
  let [method, target] = parts;
  const original = method;
  if (method === 'LIST') {
    method = 'GET';
    target += `${target.includes('?') ? '&' : '?'}list=true`;
  }
  const headers = lines
    .slice(1)
    .filter((l) => !/^(connection|keep-alive|x-test-original-method)\s*:/i.test(l));
  headers.push('Connection: close', `${ORIGINAL_METHOD_HEADER}: ${original}`);
  return [`${method} ${target} ${parts[2]}`, ...headers].join('\r\n');
}

export function createFront(upstreamPort: () => number): {
  server: net.Server;
  destroyAll(): void;
} {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const server = net.createServer((client) => {
    track(client);
    let buf = Buffer.alloc(0);
    client.on('error', () => client.destroy());
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > MAX_HEAD) {
          client.end(
            'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
          );
        }
        return;
      }
      client.off('data', onData);
      client.pause();
      const head = rewriteHead(buf.subarray(0, end).toString('latin1'));
      const rest = buf.subarray(end + 4);
      const upstream = net.connect(upstreamPort(), '127.0.0.1', () => {
        upstream.write(`${head}\r\n\r\n`, 'latin1');
        if (rest.length) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      track(upstream);
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  return {
    server,
    destroyAll: () => {
      for (const s of sockets) s.destroy();
    },
  };
}
