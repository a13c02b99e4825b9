import { getMyMessages, sendMemberMessage } from 'backend/inbox.web';
import { initMemberMessagesPage } from 'public/pages/member-messages-page';

$w.onReady(async () => {
  await initMemberMessagesPage($w, { sendMemberMessage, getMyMessages });
});
