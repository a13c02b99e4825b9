/** The site pages of the playground: HTML carrying the elements the page code expects, by Velo id. */
import { inboxSettings } from '../../src/backend/lib/settings';

const STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  header { display: flex; flex-wrap: wrap; gap: 8px 16px; justify-content: space-between; align-items: center; padding: 10px 24px; background: #1d2330; color: #fff; }
  header nav { display: flex; flex-wrap: wrap; gap: 4px 16px; }
  header a { color: #cfe0ff; text-decoration: none; }
  header label { margin: 0; font-weight: normal; }
  header select { width: auto; margin-left: 6px; }
  main { max-width: 560px; margin: 32px auto; background: #fff; padding: 24px 28px; border-radius: 10px; box-shadow: 0 1px 4px #0002; overflow-wrap: anywhere; }
  @media (max-width: 600px) {
    header { padding: 8px 12px; }
    main { margin: 12px 8px; padding: 16px; }
  }
  label { display: block; margin-top: 14px; font-weight: 600; }
  input[type=text], input[type=email], input[type=url], textarea, select { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #c5cad6; border-radius: 6px; font: inherit; }
  textarea { min-height: 110px; }
  .check { display: flex; gap: 8px; align-items: center; font-weight: normal; }
  .error { color: #b3261e; font-size: 13px; margin: 4px 0 0; white-space: pre-line; }
  .success { color: #146c2e; background: #e7f5ea; padding: 10px; border-radius: 6px; }
  .required { font-weight: normal; color: #5b6475; font-size: 13px; }
  label small { font-weight: normal; color: #5b6475; }
  fieldset.recipient { border: 1px solid #d8dce6; border-radius: 8px; margin: 14px 0 0; padding: 4px 14px 12px; }
  fieldset.recipient legend { font-weight: 600; padding: 0 4px; }
  [aria-invalid=true] { border-color: #b3261e !important; box-shadow: 0 0 0 1px #b3261e; }
  .honeypot { position: absolute; left: -10000px; }
  button { margin-top: 18px; padding: 10px 18px; border: 0; border-radius: 6px; background: #3858e9; color: #fff; font: inherit; cursor: pointer; }
  button:disabled { background: #9aa6d8; cursor: wait; }
  .muted { color: #5b6475; }
  ol.thread { list-style: none; padding: 0; margin: 16px 0; display: flex; flex-direction: column; gap: 10px; }
  .message { background: #f3f4f8; padding: 10px 12px; border-radius: 10px; max-width: 85%; }
  .message p { margin: 0; }
  .message__meta { font-size: 12px; color: #5b6475; }
  .message__title { font-weight: 600; margin-top: 4px !important; }
  .message__text { white-space: pre-line; }
  .message__image { display: block; max-width: 100%; border-radius: 6px; margin: 6px 0; }
  .message__links { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px !important; }
  .message__links:not(:has(a:not([hidden]))) { display: none; }
  .button-link { display: inline-block; padding: 4px 10px; border: 1px solid #3858e9; border-radius: 6px; color: #3858e9; text-decoration: none; font-size: 14px; }
  .message__actions { font-size: 13px; color: #5b6475; }
`;

const SITE_NAME = 'Local Wix site';

/** A page of the site; every page loads `script` (its page code) or at least the identity switcher. */
function layout(title: string, body: string, script = '/assets/identity-switcher.js'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title === SITE_NAME ? title : `${title} · ${SITE_NAME}`}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <nav><a href="/">Home</a><a href="/contact">Contact</a><a href="/member-messages">Member messages</a><a href="/admin-console">Admin console</a><a href="/wix-forms">Wix Forms</a><a href="/console">Inbox console</a></nav>
  <label>Act as
    <select id="identity">
      <option value="visitor">Anonymous visitor</option>
      <option value="member">Member (Ann Lee)</option>
      <option value="admin">Site admin</option>
    </select>
  </label>
</header>
<main>
<h1>${title}</h1>
${body}
</main>
<script type="module" src="${script}"></script>
</body>
</html>`;
}

/**
 * A labelled input with its error line. The error is tied to the input (`aria-describedby`); the
 * page prelude keeps `aria-invalid` in step with it. Required fields say so in the label.
 */
function field(id: string, label: string, input: string, options: { required?: boolean; hint?: string } = {}): string {
  const marker = options.required ? ' <span class="required">(required)</span>' : '';
  const hint = options.hint ? ` <small>${options.hint}</small>` : '';
  const tied = input.replace(
    /^<(\w+) /,
    `<$1 aria-describedby="${id}Error"${options.required ? ' aria-required="true"' : ''} `,
  );
  return `<label for="${id}">${label}${marker}${hint}</label>${tied}<p class="error" id="${id}Error" hidden></p>`;
}

/**
 * A stand-in for Wix's reCAPTCHA element (#captcha): ticking the box mints a token from the emulator
 * (as solving the challenge does on Wix) and keeps it in data-token, which the local `$w` reads as
 * `token`; `reset()` clears it. Present but hidden and inert when the site does not require a captcha.
 */
function captchaStandIn(required: boolean): string {
  if (!required) return '<div id="captcha" hidden></div>';
  return `<div id="captcha"><label class="check"><input type="checkbox" id="captchaBox"> I'm not a robot <small>(local stand-in for Wix reCAPTCHA)</small></label></div>
<script>
{
  const captcha = document.getElementById('captcha'), box = document.getElementById('captchaBox');
  box.addEventListener('change', async () => {
    delete captcha.dataset.token;
    if (!box.checked) return;
    const answer = await fetch('/_emulator/v1/captcha/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (answer.ok) captcha.dataset.token = (await answer.json()).token;
    else box.checked = false;
  });
  captcha.addEventListener('captcha-reset', () => { box.checked = false; delete captcha.dataset.token; });
}
</script>`;
}

export const contactPage = () =>
  layout(
    'Contact us',
    `<form novalidate>
${field('firstName', 'First name', '<input type="text" id="firstName" autocomplete="given-name">', { required: true })}
${field('lastName', 'Last name', '<input type="text" id="lastName" autocomplete="family-name">')}
${field('email', 'Email', '<input type="email" id="email" autocomplete="email">', { required: true })}
${field('message', 'Message', '<textarea id="message"></textarea>', { required: true })}
<label class="check"><input type="checkbox" id="subscribeNewsletter"> Subscribe to our newsletter</label>
<div class="honeypot" aria-hidden="true"><label for="website">Website</label><input type="text" id="website" tabindex="-1" autocomplete="off"></div>
${captchaStandIn(inboxSettings.contactForm.captchaRequired)}
<button id="submitButton" type="submit">Send message</button>
<p class="error" id="formError" role="alert" hidden></p>
<p class="success" id="successMessage" role="status" hidden></p>
</form>`,
    '/assets/pages/contact.js',
  );

export const memberMessagesPage = () =>
  layout(
    'Messages',
    `<p>Write to us; your conversation is below.</p>
<p id="threadEmpty" class="muted" hidden></p>
<ol id="thread" class="thread" data-velo-type="repeater" aria-label="Your conversation">
<template><li class="message">
  <p class="message__meta"><strong data-velo-id="messageSender"></strong> <span data-velo-id="messageTime"></span></p>
  <p class="message__title" data-velo-id="messageTitle"></p>
  <img class="message__image" data-velo-id="messageImage" alt="">
  <p class="message__text" data-velo-id="messageText"></p>
  <p class="message__links"><a class="button-link" data-velo-id="messageLink1"></a> <a class="button-link" data-velo-id="messageLink2"></a> <a class="button-link" data-velo-id="messageLink3"></a></p>
  <p class="message__actions" data-velo-id="messageActions"></p>
</li></template>
</ol>
<label for="memberMessage">Your message</label><textarea id="memberMessage" aria-describedby="memberError"></textarea>
<button id="sendButton">Send</button>
<p class="error" id="memberError" role="alert" hidden></p>
<p class="success" id="memberSuccess" role="status" hidden></p>`,
    '/assets/pages/member-messages.js',
  );

export const adminConsolePage = () =>
  layout(
    'Send a template message',
    `<form novalidate>
<fieldset class="recipient"><legend>Recipient <span class="required">(required)</span></legend>
<label for="recipientPicker">Choose a member or contact</label>
<select id="recipientPicker" disabled><option value="" data-placeholder disabled>Newest members and contacts…</option></select>
<label for="recipientType">Send to a</label>
<select id="recipientType"><option value="member">Member</option><option value="contact">Contact</option></select>
${field('recipientId', 'Member or contact id', '<input type="text" id="recipientId" placeholder="e.g. 21a5e031-7b57-3c7e-a93b-8593cdad26a0" autocomplete="off" spellcheck="false">', { required: true })}
</fieldset>
${field('templateTitle', 'Title', '<input type="text" id="templateTitle">')}
${field('templateLines', 'Text lines', '<textarea id="templateLines"></textarea>', { hint: 'one per line' })}
${field('templateImageUrl', 'Image URL', '<input type="url" id="templateImageUrl" placeholder="https://">')}
${field('templateButtons', 'Buttons', '<textarea id="templateButtons"></textarea>', { hint: 'one per line: Label | https://link or Label | postback:id' })}
<label class="check"><input type="checkbox" id="sendNotifications"> Notify the recipient</label>
<button id="sendTemplateButton" type="submit">Send template</button>
<p class="error" id="adminError" role="alert" hidden></p>
<p class="success" id="adminSuccess" role="status" hidden></p>
</form>`,
    '/assets/pages/admin-console.js',
  );

/** The demo form the Wix Forms page shows; its id is what `wixForms.perForm` would key settings by. */
export const PLAYGROUND_FORM = { id: '5f0a7c1e-0000-4000-8000-000000000f01', name: 'Contact us (Wix Forms)' };

/**
 * A form as the Wix Forms app renders it: static markup plus the playground's own widget script
 * (browser/wix-forms-widget.ts), which submits through the emulator's control route as Wix Forms
 * would. No site page code runs here: the site only receives `wixForms_onSubmissionCreated`.
 * Field names are Wix-style keys (`first_name_1`), kept as written in the submission.
 */
export const wixFormsPage = () =>
  layout(
    'Wix Forms',
    `<p>This form belongs to the Wix Forms app, not to the site's code. Submitting it creates a submission
and the <code>wixForms_onSubmissionCreated</code> event; the site turns it into an Inbox message.
Act as the member to submit as Ann, or as a visitor (the email field then decides the conversation).</p>
<form id="wixForm" data-form-id="${PLAYGROUND_FORM.id}" data-form-name="${PLAYGROUND_FORM.name}" novalidate>
<label for="wf-first_name_1">First name</label><input type="text" id="wf-first_name_1" name="first_name_1">
<label for="wf-last_name_1">Last name</label><input type="text" id="wf-last_name_1" name="last_name_1">
<label for="wf-email_4f2a">Email *</label><input type="email" id="wf-email_4f2a" name="email_4f2a" required>
<label for="wf-topic_1">What is it about?</label>
<select id="wf-topic_1" name="topic_1"><option>Orders</option><option>Shipping</option><option>Something else</option></select>
<label for="wf-message_1">Message</label><textarea id="wf-message_1" name="message_1"></textarea>
<label class="check"><input type="checkbox" name="newsletter_1"> Sign me up for the newsletter</label>
<button id="wixFormSubmit" type="submit">Submit</button>
<p class="error" id="wixFormError" hidden></p>
<p class="success" id="wixFormSuccess" hidden>Thanks for submitting!</p>
</form>`,
    '/assets/wix-forms.js',
  );

export const indexPage = (memberId: string) =>
  layout(
    SITE_NAME,
    `<p>This site runs on your machine against a local emulation of Wix Inbox, Members and Contacts.</p>
<ul>
<li><a href="/contact">Contact page</a> — the contact form (try it as a visitor or as the member)</li>
<li><a href="/member-messages">Member messages</a> — a member writes to the business (act as the member)</li>
<li><a href="/admin-console">Admin console</a> — send a template message (act as the admin; Ann's member id is <code>${memberId}</code>)</li>
<li><a href="/wix-forms">Wix Forms</a> — a form rendered and submitted by the Wix Forms app; the site only receives its event</li>
<li><a href="/console">Inbox console</a> — the business view: conversations, threads, replies, backend events</li>
</ul>`,
  );

export interface SitePage {
  html: () => string;
  pageFile: string;
}

/** Page routes → the page code file that runs on them (src/pages). A Map: `/constructor` is no page. */
const SITE_PAGES = new Map<string, SitePage>([
  ['contact', { html: contactPage, pageFile: 'Contact.c1dmp.ts' }],
  ['member-messages', { html: memberMessagesPage, pageFile: 'Member Messages.m7k2p.ts' }],
  ['admin-console', { html: adminConsolePage, pageFile: 'Admin Console.a9x4q.ts' }],
]);

/** The site page served at `/<name>`, if there is one. */
export const sitePage = (name: string): SitePage | undefined => SITE_PAGES.get(name);
