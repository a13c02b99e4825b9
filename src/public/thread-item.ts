/**
 * One message of a member's thread as the Member messages page shows it (one repeater item each).
 * Only what the member may see: no conversation, participant or sender ids.
 */
export interface ThreadItem {
  /** The message id: the repeater's `_id` (Wix message ids are GUIDs: letters, digits, hyphens). */
  _id: string;
  fromBusiness: boolean;
  /** ISO 8601 time the message was sent. */
  sentAt: string;
  kind: 'BASIC' | 'TEMPLATE' | 'MINIMAL' | 'FORM' | 'OTHER';
  /** A template's or form's title. */
  title?: string;
  /** The whole text: text items, template lines, minimal text, form fields as `Name: value`, one per line. */
  text: string;
  /** The first image (a basic image item or a template's image). */
  imageUrl?: string;
  /** Links to open: template link buttons, files, a minimal message's link. */
  links: { label: string; url: string }[];
  /** Template buttons that answer the business (postbacks); on the site they are shown, not pressed. */
  actions: string[];
}
