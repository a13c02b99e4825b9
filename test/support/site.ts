import { invokeWebMethod, type Caller } from '../../local/velo/web-method-invoker';
import { controlClient } from './emulator';
import { createEmulator, parseVariants, type PlatformVariants } from '../../local/emulator';
import { sequentialIds } from '../../local/emulator/context';
import { forgetAllConversationIds } from 'backend/lib/conversation-ids';

/**
 * The platform variants a test's emulator starts with: `EMULATOR_VARIANTS` (`npm run test:variants`
 * runs the site's tests once per variant), then the test's own.
 */
export function testVariants(own: Partial<PlatformVariants> = {}): Partial<PlatformVariants> {
  return { ...parseVariants(process.env.EMULATOR_VARIANTS), ...own };
}

/**
 * A fresh emulator plus callers for the site's web methods: an anonymous visitor, two members and an
 * admin. `call` invokes an exported web method as one of them, through the Velo permission gate, the
 * real SDK and the emulator.
 */
export async function setupSite(options: { variants?: Partial<PlatformVariants> } = {}) {
  // A fresh emulator is a fresh site: the backend starts, like a new container, knowing no conversation.
  forgetAllConversationIds();
  const emulator = createEmulator({ ids: sequentialIds(), variants: testVariants(options.variants) });
  const control = controlClient(emulator.fetch);
  const [ann, bob] = [
    await control.createMember('ann@example.com', 'Ann Lee'),
    await control.createMember('bob@example.com', 'Bob Stone'),
  ];
  const [app, visitor, annToken, bobToken, admin] = await Promise.all([
    control.token('APP'),
    control.token('ANONYMOUS_VISITOR'),
    control.token('MEMBER', ann.id),
    control.token('MEMBER', bob.id),
    control.token('WIX_USER'),
  ]);
  const callers = {
    visitor: { type: 'ANONYMOUS_VISITOR', token: visitor.token },
    ann: { type: 'MEMBER', token: annToken.token },
    bob: { type: 'MEMBER', token: bobToken.token },
    admin: { type: 'WIX_USER', token: admin.token },
  } satisfies Record<string, Caller>;
  return {
    emulator,
    control,
    members: { ann, bob },
    callers,
    call(module: Record<string, unknown>, exportName: string, args: unknown[], as: keyof typeof callers) {
      return invokeWebMethod(emulator.fetch, module, exportName, args, callers[as], app.token);
    },
  };
}
