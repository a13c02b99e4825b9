import type { AutomationConfig } from 'backend/automations/config';
import { automationConfig, setupEvents } from './events';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The form id of Wix's own `wixForms_onSubmissionCreated` example. */
export const FORM = '21bcb6c7-02b3-4ed1-b6db-7856094fac03';
export const OTHER_FORM = '21bcb6c7-02b3-4ed1-b6db-7856094fac04';
export const VISITOR = '7f000000-0000-4000-8000-0000000000f1';

const FORM_EVENTS = ['wixForms_onSubmissionCreated', 'wixForms_onSubmissionUpdated', 'wixCrm_onFormSubmit'];

export type Outcome = { status: string; detail: string };
export const statusOf = (delivery: { result?: unknown } | undefined) => (delivery?.result as Outcome).status;

/**
 * A site whose Wix Forms handlers run with `wixForms` settings over the defaults. `deliver()` returns
 * the deliveries of the form events only (each send also queues an Inbox event, handled by
 * forwarding); `formMessages()` lists every stored FORM message with its conversation's participant.
 */
export async function setupForms(wixForms: Partial<AutomationConfig['wixForms']> = {}) {
  const site = await setupEvents({ config: automationConfig({ wixForms }) });
  const formMessages = async () =>
    (await site.control.conversations()).flatMap((c) =>
      (c.messages as any[]).filter((m) => m.content?.form).map((m) => ({ ...m, participant: c.participant })),
    );
  const deliver = async () => (await site.deliver()).filter((d) => FORM_EVENTS.includes(d.name));
  /** The submission's status changes on Wix (a payment made or canceled, a confirmation). */
  const changeStatus = (submissionId: string, status: string) =>
    site.control.call('POST', `/_emulator/v1/forms/submissions/${submissionId}/status`, { status });
  /**
   * The id of the contact with `email`, as Wix Forms finds or makes it for a legacy form (the
   * emulator's legacy route appends or creates by email). Its event is skipped: it has no fields.
   */
  const contactWithEmail = async (email: string) =>
    (await site.submitLegacyForm({ formName: 'Lookup', email, submissionData: [] })).body.event.contactId as string;
  return { ...site, deliver, formMessages, contactWithEmail, changeStatus };
}

/** A new Wix Forms submission by a site visitor (not logged in) to FORM. */
export const visitorSubmission = (submissions: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  formId: FORM,
  submissions,
  submitter: { visitorId: VISITOR },
  ...rest,
});
