import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from './index';

export interface RunningEmulator {
  emulator: Emulator;
  server: ServerType;
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the emulator over HTTP on 127.0.0.1. Port 0 picks a free port. Rejects (and closes the
 * database) when the server cannot listen, e.g. because the port is taken.
 */
export function startEmulatorServer(options: EmulatorOptions & { port?: number } = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  const port = options.port ?? 0;
  return new Promise((resolve, reject) => {
    // `serve` listens at once; a listen error arrives later as an 'error' event, which would
    // otherwise crash the process instead of rejecting.
    const onListenError = (error: NodeJS.ErrnoException) => {
      emulator.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on 127.0.0.1 is already in use: stop what is using it, or set PORT to another port.`,
            )
          : error,
      );
    };
    const server = serve({ fetch: emulator.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      server.off('error', onListenError);
      let closing: Promise<void> | undefined;
      resolve({
        emulator,
        server,
        url: `http://127.0.0.1:${info.port}`,
        // Idempotent: a second call (e.g. a second Ctrl-C) waits for the first instead of closing the
        // database under requests that are still being answered.
        close: () =>
          (closing ??= new Promise<void>((done, fail) => {
            server.close((error) => {
              emulator.close();
              if (error) fail(error);
              else done();
            });
          })),
      });
    });
    server.once('error', onListenError);
  });
}
