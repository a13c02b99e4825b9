import type { Identity } from '../identity';

/** Per-request values the API middleware sets for handlers and the request log. */
export type ApiEnv = {
  Variables: {
    identity: Identity | undefined;
    /** A stable operation name, e.g. `inbox.sendMessage`, recorded in the request log. */
    operation: string | undefined;
    /** SendMessage only: the `sendNotifications` option sent, recorded in the request log. */
    sendNotifications: boolean | undefined;
  };
};
