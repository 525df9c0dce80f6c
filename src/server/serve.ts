/**
 * Listen on a TCP port with the app of ./app.ts (@hono/node-server). Binds to 127.0.0.1 unless told
 * otherwise: the workbench is a local tool until accounts exist (issue 7).
 */
import type { AddressInfo } from 'node:net';
import { serve as honoServe } from '@hono/node-server';
import { AccordError } from '../model/errors.js';
import { type AppOptions, createApp } from './app.js';

/** Default port of the workbench. */
export const DEFAULT_PORT = 5170;

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:5170`. */
  url: string;
  port: number;
  /** Stop accepting connections and wait for open ones to finish. */
  close(): Promise<void>;
}

/**
 * Start serving. `port` 0 picks a free port (tests). Rejects with `conflict` when the port is in use
 * and `forbidden` when the system refuses it.
 */
export async function serve(opts: AppOptions & { port?: number; host?: string }): Promise<RunningServer> {
  const app = createApp(opts);
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? DEFAULT_PORT;
  return new Promise((resolve, reject) => {
    const server = honoServe({ fetch: app.fetch, port, hostname: host });
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new AccordError('conflict', `port ${port} on ${host} is already in use; choose another with --port`, { field: 'port' }));
      else if (err.code === 'EACCES') reject(new AccordError('forbidden', `not allowed to listen on ${host}:${port}`, { field: 'port' }));
      else reject(err);
    });
    server.once('listening', () => {
      const addr = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${addr.port}`,
        port: addr.port,
        close: () =>
          new Promise<void>((res) => {
            server.close(() => res());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
