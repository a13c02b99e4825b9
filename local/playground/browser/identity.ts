/** The identity switcher's choice, shared by every playground page through localStorage. */
export type PersonaName = 'visitor' | 'member' | 'admin';

const STORAGE_KEY = 'playground.identity';

interface Session {
  identities: Record<PersonaName, { token: string; id: string; name?: string }>;
}

let session: Promise<Session> | undefined;

export function loadSession(): Promise<Session> {
  session ??= fetch('/_playground/session').then((r) => r.json() as Promise<Session>);
  return session;
}

export function currentPersona(): PersonaName {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'member' || saved === 'admin' ? saved : 'visitor';
}

export function choosePersona(name: PersonaName): void {
  localStorage.setItem(STORAGE_KEY, name);
}

/** The token of the chosen persona, sent as `Authorization` with web-method calls. */
export async function currentToken(): Promise<string> {
  return (await loadSession()).identities[currentPersona()].token;
}
