import { serve, type Http2Bindings, type HttpBindings, type ServerType } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX } from './http/app';
import { guardedNodeHandler } from './http/node-guard';
import { createEmulator, isDroppedConnection, type Emulator, type EmulatorOptions } from './index';

export interface RunningEmulator {
  emulator: Emulator;
  server: ServerType;
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  close(): Promise<void>;
}

/**
 * Answers one request from a Node server: a dropped connection (an injected `drop` or `drop-after`
 * fault) destroys the socket, so the client gets no answer at all, as from a real network failure.
 */
export async function answerOverNode(
  emulator: Emulator,
  request: Request,
  env: HttpBindings | Http2Bindings,
): Promise<Response> {
  try {
    return await emulator.fetch(request, { outgoing: env.outgoing });
  } catch (error) {
    if (!isDroppedConnection(error)) throw error;
    env.incoming.socket.destroy();
    return RESPONSE_ALREADY_SENT;
  }
}

/** The control API takes JSON bodies only, so a page on another site cannot post to it (`loopback-guard.ts`). */
export const isControlPath = (path: string) => path.startsWith(`${CONTROL_PREFIX}/`);

/**
 * The emulator as a Node server's fetch handler (see `answerOverNode`), refusing requests that are not
 * from the developer's own tools (`node-guard.ts`). While the server closes (`closing()`), answers
 * close their connection, so closing does not wait for keep-alive.
 */
export function nodeFetchHandler(emulator: Emulator, closing: () => boolean = () => false) {
  return guardedNodeHandler(async (request, env) => {
    const response = await answerOverNode(emulator, request, env);
    if (closing() && env.outgoing instanceof ServerResponse) env.outgoing.setHeader('connection', 'close');
    return response;
  }, isControlPath);
}

/**
 * Serves the emulator over HTTP on 127.0.0.1. Port 0 picks a free port. Rejects (and closes the
 * database) when the server cannot listen, e.g. because the port is taken.
 */
export function startEmulatorServer(options: EmulatorOptions & { port?: number } = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  const port = options.port ?? 0;
  let closing: Promise<void> | undefined;
  let stopping = false;
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
    const server = serve(
      { fetch: nodeFetchHandler(emulator, () => stopping), port, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        server.off('error', onListenError);
        resolve({
          emulator,
          server,
          url: `http://127.0.0.1:${info.port}`,
          // Idempotent: a second call (e.g. a second Ctrl-C) waits for the first instead of closing the
          // database under requests that are still being answered.
          close: () =>
            (closing ??= new Promise<void>((done, fail) => {
              // Requests held by a `timeout` fault answer now, closing their connections; the server
              // waits for open requests.
              stopping = true;
              emulator.releaseHeld();
              server.close((error) => {
                emulator.close();
                if (error) fail(error);
                else done();
              });
            })),
        });
      },
    );
    server.once('error', onListenError);
  });
}
