import { array, maxLength, optional, pipe, refine, regex, strictObject, string, transform, union } from 'zod/mini';
import { buildTemplateSchema, type TemplateInput } from '../message-content';
import { guid, validate, type FieldErrors } from '../validation';
import type { WebResult } from '../web-result';
import { rejectionMessage, showFieldErrors, showText, type DropdownOption, type PageSelector } from './page-elements';

export type SendTemplateMessage = (
  recipient: { memberId: string } | { contactId: string },
  content: TemplateInput,
  options: { sendNotifications: boolean },
) => Promise<WebResult<unknown>>;

export interface RecipientChoice {
  name: string;
  email?: string;
  recipient: { memberId: string } | { contactId: string };
}

export type ListRecipients = (search?: string) => Promise<WebResult<{ recipients: RecipientChoice[] }>>;

/** A picker value: `member:<id>` or `contact:<id>`, so that choosing one can fill the two recipient inputs. */
export function pickerOption({ name, email, recipient }: RecipientChoice): DropdownOption {
  const label = email && email !== name ? `${name} (${email})` : name;
  return 'memberId' in recipient
    ? { label: `${label} · member`, value: `member:${recipient.memberId}` }
    : { label: `${label} · contact`, value: `contact:${recipient.contactId}` };
}

/** What a caller who is not a site admin, and whose call Velo refuses, is told. */
export const ONLY_ADMINS_CAN_SEND = 'Only site admins can send template messages. Log in as a site admin.';

/** The inputs that can be in error, each with its `#<input>Error` element beside it, in page order. */
const INPUTS = ['recipientId', 'templateTitle', 'templateLines', 'templateImageUrl', 'templateButtons'] as const;
type Input = (typeof INPUTS)[number];

/**
 * One button per line: `Label | https://link` opens a link, `Label | postback:action-id` fires a
 * button-interacted event with that interaction id.
 */
export function parseButtons(text: string): TemplateInput['buttons'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      // Split at the first `|` only: a link may itself contain one.
      const at = line.indexOf('|');
      const label = (at === -1 ? line : line.slice(0, at)).trim();
      const target = at === -1 ? '' : line.slice(at + 1).trim();
      return target.startsWith('postback:')
        ? { label, interactionId: target.slice('postback:'.length) }
        : { label, launchUrl: target };
    });
}

/**
 * A validation error's path (the template's own, `buttons.1.launchUrl`, or the web method's,
 * `content.buttons.1.launchUrl`, `recipient.memberId`) → the input it belongs to and the message in
 * words that name what the admin sees (line and button numbers count from 1).
 */
export function inputErrorFor(path: string, message: string): { input: Input; message: string } {
  if (path === 'recipient' || path.startsWith('recipient.')) return { input: 'recipientId', message };
  const [field, index] = path.replace(/^content\.?/, '').split('.');
  const nth = index !== undefined && /^\d+$/.test(index) ? Number(index) + 1 : undefined;
  switch (field) {
    case 'imageUrl':
      return { input: 'templateImageUrl', message };
    case 'textLines':
      return { input: 'templateLines', message: nth ? `Line ${nth}: ${message}` : message };
    case 'buttons':
      return { input: 'templateButtons', message: nth ? `Button ${nth}: ${message}` : message };
    default:
      // The title, or the template as a whole (nothing in it).
      return { input: 'templateTitle', message };
  }
}

function errorsByInput(fieldErrors: FieldErrors): Partial<Record<Input, string>> {
  const byInput: Partial<Record<Input, string>> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const { input, message: shown } = inputErrorFor(path, message);
    byInput[input] ??= shown;
  }
  return byInput;
}

function readForm($w: PageSelector) {
  const id = $w('#recipientId').value.trim();
  const lines = $w('#templateLines')
    .value.split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // Stryker disable next-line MethodExpression: equivalent: the template schema trims the title too, and an empty one is left out
  const title = $w('#templateTitle').value.trim();
  const imageUrl = $w('#templateImageUrl').value.trim();
  const template: TemplateInput = {
    ...(title ? { title } : {}),
    textLines: lines,
    buttons: parseButtons($w('#templateButtons').value),
    ...(imageUrl ? { imageUrl } : {}),
  };
  const isContact = $w('#recipientType').value === 'contact';
  return { recipient: isContact ? { contactId: id } : { memberId: id }, isContact, id, template };
}

// The page bundles the parts of zod it uses and checks at once, as the admin types. Named imports,
// not `* as z`: a namespace passed as a value would keep all of zod in the bundle.
const zod = { array, maxLength, optional, pipe, refine, regex, strictObject, string, transform, union };
const templateSchema = buildTemplateSchema(zod);
const memberId = guid(zod, 'Member id');
const contactId = guid(zod, 'Contact id');

/** The same checks the web method makes, so that the admin sees every mistake before anything is sent. */
function localErrors(form: ReturnType<typeof readForm>): FieldErrors {
  const recipient = validate(form.isContact ? contactId : memberId, form.id);
  const template = validate(templateSchema, form.template);
  return {
    ...(recipient.ok ? {} : { recipient: recipient.fieldErrors['(input)']! }),
    ...(template.ok ? {} : template.fieldErrors),
  };
}

/**
 * Admin console page: compose a template message with buttons and send it to a member or contact.
 * Each mistake is shown beside its input (`#<input>Error`) and focus moves to the first; an error
 * clears as soon as its input is corrected.
 *
 * #recipientPicker, a Dropdown, offers the site's newest members and contacts; choosing one fills
 * #recipientType and #recipientId (which can still be typed, for anyone not in the list). The
 * returned promise settles once the picker is filled (or left empty when the list cannot be read).
 *
 * Elements: #recipientPicker #recipientType (value "member" | "contact") #recipientId #templateTitle
 * #templateLines #templateImageUrl #templateButtons (each with #<id>Error) #sendNotifications
 * #sendTemplateButton #adminError #adminSuccess.
 */
export function initAdminConsolePage(
  $w: PageSelector,
  sendTemplate: SendTemplateMessage,
  listRecipients: ListRecipients,
): Promise<void> {
  showFieldErrors($w, INPUTS, {});
  showText($w('#adminError'), '');
  showText($w('#adminSuccess'), '');
  const button = $w('#sendTemplateButton');
  let shown: Partial<Record<Input, string>> = {};

  // A shown error goes away once its input is right (new mistakes wait for the next Send).
  for (const input of INPUTS) {
    $w(`#${input}`).onInput(() => {
      if (!shown[input]) return;
      const now = errorsByInput(localErrors(readForm($w)))[input];
      if (now) return;
      shown = { ...shown, [input]: undefined };
      showFieldErrors($w, INPUTS, shown);
    });
  }

  function showErrors(errors: Partial<Record<Input, string>>): void {
    shown = errors;
    showFieldErrors($w, INPUTS, errors, true);
  }

  $w('#recipientPicker').onChange(() => {
    // A visitor can choose only an offered value, and every option is `member:<id>` or `contact:<id>`.
    const value = $w('#recipientPicker').value;
    const colon = value.indexOf(':');
    $w('#recipientType').value = value.slice(0, colon);
    $w('#recipientId').value = value.slice(colon + 1);
    if (shown.recipientId) {
      shown = { ...shown, recipientId: undefined };
      showFieldErrors($w, INPUTS, shown);
    }
  });

  button.onClick(async () => {
    showText($w('#adminError'), '');
    showText($w('#adminSuccess'), '');
    const form = readForm($w);
    const local = errorsByInput(localErrors(form));
    showErrors(local);
    if (Object.keys(local).length > 0) {
      showText($w('#adminError'), 'Please correct the fields marked above.');
      return;
    }
    void button.disable();
    try {
      const result = await sendTemplate(form.recipient, form.template, {
        sendNotifications: $w('#sendNotifications').checked,
      });
      if (result.ok) {
        showText($w('#adminSuccess'), 'Template message sent.');
      } else {
        showErrors(errorsByInput(result.error.fieldErrors ?? {}));
        showText($w('#adminError'), result.error.message);
      }
    } catch (error) {
      showText($w('#adminError'), rejectionMessage(error, ONLY_ADMINS_CAN_SEND));
    } finally {
      void button.enable();
    }
  });

  return fillPicker($w, listRecipients);
}

/**
 * Fills the picker. Nothing to show when the list cannot be read (a refused caller is told so when
 * they send): the picker is disabled and the id can still be typed.
 */
async function fillPicker($w: PageSelector, listRecipients: ListRecipients): Promise<void> {
  const picker = $w('#recipientPicker');
  try {
    const result = await listRecipients();
    if (result.ok && result.value.recipients.length > 0) {
      picker.options = result.value.recipients.map(pickerOption);
      void picker.enable();
      return;
    }
  } catch {
    // Refused or unreachable: as for an empty list.
  }
  picker.options = [];
  void picker.disable();
}
