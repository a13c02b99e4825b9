import type { Identity } from '../identity';

/**
 * What a Node adapter hands the app with each request (a subset of @hono/node-server's bindings): the
 * response being written, so the app can add a header to it directly. Absent in process.
 */
export interface NodeAnswerBindings {
  outgoing?: { setHeader(name: string, value: string): unknown };
}

/** Per-request values the API middleware sets for handlers and the request log. */
export type ApiEnv = {
  Bindings: NodeAnswerBindings | undefined;
  Variables: {
    identity: Identity | undefined;
    /** A stable operation name, e.g. `inbox.sendMessage`, recorded in the request log. */
    operation: string | undefined;
    /** SendMessage only: the `sendNotifications` option sent, recorded in the request log. */
    sendNotifications: boolean | undefined;
  };
};
