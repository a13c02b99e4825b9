import * as chatWeb from '../../src/backend/chat.web';
import * as inboxAdminWeb from '../../src/backend/inbox-admin.web';
import * as inboxWeb from '../../src/backend/inbox.web';

/** The site's web modules by the name page code imports them with (`backend/<name>`). */
export const WEB_MODULES: Record<string, Record<string, unknown>> = {
  'inbox.web': inboxWeb,
  'inbox-admin.web': inboxAdminWeb,
  'chat.web': chatWeb,
};

/** The web module page code imports as `backend/<name>`; own keys only (`constructor` is no module). */
export function webModule(name: string): Record<string, unknown> | undefined {
  return Object.hasOwn(WEB_MODULES, name) ? WEB_MODULES[name] : undefined;
}
