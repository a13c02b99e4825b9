/**
 * Platform variants: where Wix does not document what it does, the emulator can be switched to each
 * plausible behaviour, so the site code is tested against all of them rather than against our guess.
 * Each variant's first value is the default. The choices and the reasons are in
 * docs/emulator-contract.md.
 */
export const VARIANT_VALUES = {
  /**
   * What `members.getCurrentMember()` answers a caller who is not a member (a visitor, an app, a Wix
   * user). `empty`: `{}` (no member). `401`/`403`/`404`: that standard Wix error, as the older
   * `wix-members-backend` is documented to throw when nobody is logged in.
   */
  visitorCurrentMember: ['empty', '401', '403', '404'],
  /** `not-installed`: the site has no Inbox app; Inbox methods answer 404 `INBOX_INSTANCE_NOT_FOUND`. */
  inbox: ['installed', 'not-installed'],
  /**
   * `missing`: the site has no `InboxConnectorClaims` Data collection; Wix Data answers 404 `WDE0025`
   * ("collection does not exist") for any item call on it.
   */
  claimsCollection: ['present', 'missing'],
  /**
   * Get-or-create with the contact id of a site member. `member`: the member's conversation.
   * `contact`: a conversation of its own for the contact id (Wix describes a new conversation and a
   * later merge when a participant changes type).
   */
  memberContactConversation: ['member', 'contact'],
  /**
   * What a member's `PUBLIC` fieldset (Members v1's default) holds. `with-contact-id`: `id`,
   * `contactId`, the dates and `profile`, as the SDK typings' `Set` says. `id-and-profile`: only `id`
   * and `profile`, as the REST API's overview says.
   */
  memberPublicFields: ['with-contact-id', 'id-and-profile'],
} as const;

export type VariantName = keyof typeof VARIANT_VALUES;
export type PlatformVariants = { -readonly [K in VariantName]: (typeof VARIANT_VALUES)[K][number] };

export const VARIANT_NAMES = Object.keys(VARIANT_VALUES) as VariantName[];

export const CLAIMS_COLLECTION_ID = 'InboxConnectorClaims';

export function defaultVariants(): PlatformVariants {
  return Object.fromEntries(VARIANT_NAMES.map((name) => [name, VARIANT_VALUES[name][0]])) as PlatformVariants;
}

/** Problems with a partial variant set (unknown names or values); empty when it is valid. */
export function variantProblems(input: Record<string, unknown>): string[] {
  return Object.entries(input).flatMap(([name, value]) => {
    if (!Object.hasOwn(VARIANT_VALUES, name)) return [`unknown variant "${name}" (known: ${VARIANT_NAMES.join(', ')})`];
    const allowed: readonly string[] = VARIANT_VALUES[name as VariantName];
    return allowed.includes(value as string) ? [] : [`${name} must be one of ${allowed.join(', ')}`];
  });
}

/**
 * Reads `EMULATOR_VARIANTS` (`name=value,name=value`), as `npm run emulator` and `npm start` take it.
 * Throws with every problem when a name or value is unknown.
 */
export function parseVariants(text: string | undefined): Partial<PlatformVariants> {
  if (!text?.trim()) return {};
  const pairs = text.split(',').map((part) => part.split('=').map((s) => s.trim()));
  const malformed = pairs.filter((pair) => pair.length !== 2 || !pair[0] || !pair[1]);
  if (malformed.length > 0) throw new Error(`EMULATOR_VARIANTS: expected name=value pairs, got "${text}"`);
  const input = Object.fromEntries(pairs) as Record<string, string>;
  const problems = variantProblems(input);
  if (problems.length > 0) throw new Error(`EMULATOR_VARIANTS: ${problems.join('; ')}`);
  return input as Partial<PlatformVariants>;
}
