const CONNECT_TIMEOUT_MS = 1000;

/**
 * Whether a TCP connection to host:port opens within the bound (1 s by default).
 * node:net is loaded only here, and only when asked.
 */
export async function canConnect(
  host: string,
  port: number,
  timeoutMs = CONNECT_TIMEOUT_MS,
): Promise<boolean> {
  const { Socket } = await import('node:net');
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}
