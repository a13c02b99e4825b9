/** The site pages of the playground: HTML carrying the elements the page code expects, by Velo id. */
import { inboxSettings } from '../../src/backend/lib/settings';

const STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 10px 24px; background: #1d2330; color: #fff; }
  header a { color: #cfe0ff; margin-right: 16px; text-decoration: none; }
  main { max-width: 560px; margin: 32px auto; background: #fff; padding: 24px 28px; border-radius: 10px; box-shadow: 0 1px 4px #0002; }
  label { display: block; margin-top: 14px; font-weight: 600; }
  input[type=text], input[type=email], textarea, select { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #c5cad6; border-radius: 6px; font: inherit; }
  textarea { min-height: 110px; }
  .check { display: flex; gap: 8px; align-items: center; font-weight: normal; }
  .error { color: #b3261e; font-size: 13px; margin: 4px 0 0; white-space: pre-line; }
  .success { color: #146c2e; background: #e7f5ea; padding: 10px; border-radius: 6px; }
  .honeypot { position: absolute; left: -10000px; }
  button { margin-top: 18px; padding: 10px 18px; border: 0; border-radius: 6px; background: #3858e9; color: #fff; font: inherit; cursor: pointer; }
  button:disabled { background: #9aa6d8; cursor: wait; }
  pre#thread { background: #f3f4f8; padding: 12px; border-radius: 6px; white-space: pre-wrap; min-height: 60px; }
`;

function layout(title: string, body: string, script?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Local Wix site</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <nav><a href="/">Home</a><a href="/contact">Contact</a><a href="/member-messages">Member messages</a><a href="/admin-console">Admin console</a><a href="/wix-forms">Wix Forms</a><a href="/console">Inbox console</a></nav>
  <label style="margin:0;font-weight:normal">Act as
    <select id="identity" style="width:auto;margin-left:6px">
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
${script ? `<script type="module" src="${script}"></script>` : ''}
</body>
</html>`;
}

function field(id: string, label: string, input: string): string {
  return `<label for="${id}">${label}</label>${input}<p class="error" id="${id}Error" hidden></p>`;
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
${field('firstName', 'First name', '<input type="text" id="firstName" autocomplete="given-name">')}
${field('lastName', 'Last name', '<input type="text" id="lastName" autocomplete="family-name">')}
${field('email', 'Email', '<input type="email" id="email" autocomplete="email">')}
${field('message', 'Message', '<textarea id="message"></textarea>')}
<label class="check"><input type="checkbox" id="subscribeNewsletter"> Subscribe to our newsletter</label>
<div class="honeypot" aria-hidden="true"><label for="website">Website</label><input type="text" id="website" tabindex="-1" autocomplete="off"></div>
${captchaStandIn(inboxSettings.contactForm.captchaRequired)}
<button id="submitButton" type="submit">Send message</button>
<p class="error" id="formError" hidden></p>
<p class="success" id="successMessage" hidden></p>
</form>`,
    '/assets/pages/contact.js',
  );

export const memberMessagesPage = () =>
  layout(
    'Messages',
    `<p>Write to us; your conversation is below.</p>
<pre id="thread"></pre>
<label for="memberMessage">Your message</label><textarea id="memberMessage"></textarea>
<button id="sendButton">Send</button>
<p class="error" id="memberError" hidden></p>
<p class="success" id="memberSuccess" hidden></p>`,
    '/assets/pages/member-messages.js',
  );

export const adminConsolePage = () =>
  layout(
    'Send a template message',
    `<label for="recipientType">Recipient</label>
<select id="recipientType"><option value="member">Member id</option><option value="contact">Contact id</option></select>
<input type="text" id="recipientId" placeholder="GUID">
<label for="templateTitle">Title</label><input type="text" id="templateTitle">
<label for="templateLines">Text lines (one per line)</label><textarea id="templateLines"></textarea>
<label for="templateImageUrl">Image URL</label><input type="text" id="templateImageUrl">
<label for="templateButtons">Buttons (one per line: Label | https://link or Label | postback:id)</label><textarea id="templateButtons"></textarea>
<label class="check"><input type="checkbox" id="sendNotifications"> Notify the recipient</label>
<button id="sendTemplateButton">Send template</button>
<p class="error" id="adminError" hidden></p>
<p class="success" id="adminSuccess" hidden></p>`,
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
    'Local Wix site',
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
