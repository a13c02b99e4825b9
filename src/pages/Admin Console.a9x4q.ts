import { listRecipients, sendTemplateMessage } from 'backend/inbox-admin.web';
import { initAdminConsolePage } from 'public/pages/admin-console-page';

$w.onReady(() => initAdminConsolePage($w, sendTemplateMessage, listRecipients));
