/**
 * Free TCP ports on loopback. Users' servers no longer take one (they listen on Unix
 * sockets: see `address.ts`); tests and tools still need them.
 */
import * as net from 'net';

/**
 * Ask the system for a port that is free on 127.0.0.1 right now.
 *
 * The port is released before its user binds it, so another process may take it in
 * between. `exclude` holds ports already handed out that may not be bound yet.
 */
export async function findFreePort(
  exclude: ReadonlySet<number> = new Set()
): Promise<number> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = await Private.askSystemForPort();
    if (!exclude.has(port)) {
      return port;
    }
  }
  throw new Error('No free port found on 127.0.0.1');
}

namespace Private {
  /**
   * Listen on port 0, read the port the system chose, close.
   */
  export function askSystemForPort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
        const port = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(port));
      });
    });
  }
}
