import { submitContactForm } from 'backend/inbox.web';
import { initContactPage } from 'public/pages/contact-page';

$w.onReady(() => initContactPage($w, submitContactForm));
