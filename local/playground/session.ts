import type { Emulator } from '../emulator';
import { mintToken } from '../emulator/identity';
import { createMember } from '../emulator/members/members';
import { statement } from '../emulator/store/statements';

export interface Persona {
  token: string;
  id: string;
}

/** The people the playground lets you act as, plus the app identity elevated calls run as. */
export interface PlaygroundSession {
  identities: { visitor: Persona; member: Persona & { name: string }; admin: Persona };
  appToken: string;
}

const DEMO_MEMBER = { email: 'ann@example.com', name: 'Ann Lee' };

/** Creates (or finds, after a restart) the demo member, and mints a token per persona. */
export function createSession(emulator: Emulator): PlaygroundSession {
  const ctx = emulator.context;
  const existing = statement(ctx.db, 'SELECT id FROM members WHERE login_email = ?').get(DEMO_MEMBER.email) as
    { id: string } | undefined;
  const memberId = existing?.id ?? createMember(ctx, DEMO_MEMBER).id;
  const persona = (type: 'ANONYMOUS_VISITOR' | 'MEMBER' | 'WIX_USER' | 'APP', id: string): Persona => ({
    id,
    token: mintToken(ctx.db, { type, id }),
  });
  return {
    identities: {
      visitor: persona('ANONYMOUS_VISITOR', ctx.ids.uuid()),
      member: { ...persona('MEMBER', memberId), name: DEMO_MEMBER.name },
      admin: persona('WIX_USER', ctx.ids.uuid()),
    },
    appToken: persona('APP', ctx.ids.uuid()).token,
  };
}
