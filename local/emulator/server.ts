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

/** Serves the emulator over HTTP on 127.0.0.1. Port 0 picks a free port. */
export function startEmulatorServer(options: EmulatorOptions & { port?: number } = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  return new Promise((resolve) => {
    const server = serve(
      { fetch: emulator.fetch, port: options.port ?? 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        resolve({
          emulator,
          server,
          url: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => {
                emulator.close();
                done();
              });
            }),
        });
      },
    );
  });
}
