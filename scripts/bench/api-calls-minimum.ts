/**
 * The fewest Wix calls each user action needs, reasoned from what the action must know and do, not from
 * the site's code: a careful implementation on Wix's documented APIs (docs/decisions, inbox-contract.md).
 * Each entry is one call with the reason no careful implementation can skip it. The benchmark compares
 * the calls the site makes (from the emulator's request log) with these lists and with the goals.
 *
 * Facts the reasoning uses:
 * - Who is asking comes from the caller's session, and only `getCurrentMember` (run as the caller) says
 *   whether a logged-in member is asking; nothing the browser sends can be trusted for it.
 * - Inbox addresses a visitor who fills a form only as a contact: the form's email becomes a contact with
 *   `appendOrCreateContact`, matched by email, which no memory can answer (another instance may have
 *   created it, and whether the email is a member's must be asked each time).
 * - A conversation id is needed for a read or a send. Get-or-create answers it and says whether the
 *   conversation is new. A member's id does not change (members are the last step of visitor → contact →
 *   member), so an instance that resolved it once may keep it; a contact's may move when the contact
 *   joins, so it is asked each time.
 * - The rate limit must hold across backend instances, so its count is read from Inbox (decision 0004):
 *   one `listMessages`, unless get-or-create has just said the conversation is new (nothing to count).
 * - The acknowledgement is a second message, so a second `sendMessage`, when it is enabled. Only a
 *   logged-in member is acknowledged: a visitor's typed email proves nothing, so nothing is written
 *   into that contact's thread (issue #11, docs/decisions/0009-unverified-senders.md).
 * - Anonymous forms share a site-wide budget that must hold across backend instances (issue #11): one
 *   shared write (a Wix Data insert) per visitor attempt, before anything else is written.
 * - An admin's permission is checked by the web method's permission gate, which makes no Wix call.
 */
export interface NeededCall {
  call: string;
  why: string;
}

const IDENTIFY: NeededCall = {
  call: 'getCurrentMember',
  why: 'who is asking, from the session (a logged-in member writes as themselves)',
};
const CONTACT: NeededCall = {
  call: 'appendOrCreateContact',
  why: "the visitor's contact, matched by the form's email (Inbox addresses a visitor as a contact)",
};
const RESOLVE_CONTACT: NeededCall = {
  call: 'getOrCreateConversation',
  why: "the contact's conversation id (a contact's conversation moves when they join, so asked each time)",
};
const RESOLVE_MEMBER_FIRST: NeededCall = {
  call: 'getOrCreateConversation',
  why: "the member's conversation id, not yet known to this backend instance",
};
const RATE_CHECK: NeededCall = {
  call: 'listMessages',
  why: "the rate limit's count, read from the sender's conversation (it already holds messages)",
};
const VISITOR_BUDGET: NeededCall = {
  call: 'data.insert',
  why: 'a place in the site-wide budget for anonymous forms, shared by every backend instance',
};
const SEND: NeededCall = { call: 'sendMessage', why: 'the message itself' };
const ACKNOWLEDGE: NeededCall = { call: 'sendMessage', why: 'the acknowledgement, a second message (when enabled)' };

/** The minimum for each action, as a list; `acknowledgement` says whether the form sends one. */
export function minimumCalls(acknowledgement: boolean) {
  const ack = acknowledgement ? [ACKNOWLEDGE] : [];
  return {
    /** New visitor, new contact, new conversation: nothing to count for the rate limit; no acknowledgement. */
    firstVisitorForm: [IDENTIFY, VISITOR_BUDGET, CONTACT, RESOLVE_CONTACT, SEND],
    /** The same visitor again: the conversation now holds their first form, so it is counted. */
    repeatVisitorForm: [IDENTIFY, VISITOR_BUDGET, CONTACT, RESOLVE_CONTACT, RATE_CHECK, SEND],
    firstMemberForm: [IDENTIFY, RESOLVE_MEMBER_FIRST, SEND, ...ack],
    firstMemberMessage: [IDENTIFY, RESOLVE_MEMBER_FIRST, SEND],
    /** The member's conversation id is known to this instance from the first message. */
    repeatMemberMessage: [IDENTIFY, RATE_CHECK, SEND],
    blogLike: [
      { call: 'data.insert', why: 'claim the like once per liker and post (events may be delivered twice)' },
      { call: 'getOrCreateConversation', why: "the liker's conversation id (an event handler runs anywhere)" },
      SEND,
    ],
    firstAdminSend: [RESOLVE_MEMBER_FIRST, SEND],
    /** The recipient's conversation id is known from the first send; the permission gate is free. */
    repeatAdminSend: [SEND],
  } satisfies Record<string, NeededCall[]>;
}
