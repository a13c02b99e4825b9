/**
 * Wix Inbox limits the site enforces before calling Wix (inbox-contract.md §2.6), so a visitor sees a
 * clear message instead of a rejected request. One place for every number.
 */
export const INBOX_LIMITS = {
  previewText: 256,
  text: 16384,
  url: 2000,
  launchUrl: 16384,
  buttonLabel: 16384,
  interactionId: 256,
  templateButtons: 10,
  templateTextLines: 10,
  templateTextLine: 512,
  formTitle: 256,
  formDescription: 16384,
  formFields: 15,
  formFieldName: 8192,
  formFieldValue: 8192,
  formMedia: 15,
  filename: 255,
  mimeType: 100,
} as const;
