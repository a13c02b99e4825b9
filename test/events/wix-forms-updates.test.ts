import { setupEvents } from '../support/events';
import { setupForms as setup, statusOf, visitorSubmission, type Outcome } from '../support/wix-forms';

/*
 * wixForms_onSubmissionUpdated: Wix sends it when a submission is updated, confirmed, or its payment
 * status changes. A submission is forwarded once, by whichever of its events first finds it in a
 * forwarded status: so a paid form is forwarded when it is paid, and a forwarded one is not forwarded
 * again by its updates.
 */

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const detailOf = (delivery: { result?: unknown } | undefined) => (delivery?.result as Outcome).detail;

/** A visitor submits FORM with `status`; returns the submission's id. */
async function submit(site: Awaited<ReturnType<typeof setup>>, status: string, email = 'jo@example.com') {
  const { body } = await site.submitForm(visitorSubmission({ email, plan: 'Gold' }, { status }));
  return body.submission._id as string;
}

it('forwards a payment form once it is paid: skipped while waiting, one FORM message when confirmed', async () => {
  const site = await setup();
  const id = await submit(site, 'PAYMENT_WAITING');
  const [waiting] = await site.deliver();
  expect(detailOf(waiting)).toBe('submission status PAYMENT_WAITING is not forwarded');
  expect(await site.formMessages()).toEqual([]);

  await site.changeStatus(id, 'CONFIRMED');
  const [paid] = await site.deliver();
  expect(paid!.name).toBe('wixForms_onSubmissionUpdated');
  expect(paid!.result).toEqual({ status: 'done', detail: `form message sent for submission ${id}` });
  const [message] = await site.formMessages();
  expect(message).toMatchObject({
    direction: 'PARTICIPANT_TO_BUSINESS',
    visibility: 'BUSINESS',
    content: {
      form: {
        fields: [
          { name: 'email', value: 'jo@example.com' },
          { name: 'plan', value: 'Gold' },
        ],
      },
    },
  });
  expect(await site.formMessages()).toHaveLength(1);
});

it('does not forward a submission again when it is updated after it was forwarded', async () => {
  const site = await setup();
  const id = await submit(site, 'PENDING');
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  await site.changeStatus(id, 'CONFIRMED');
  const [update] = await site.deliver();
  expect(update!.result).toEqual({ status: 'duplicate', detail: 'already handled' });
  expect(await site.formMessages()).toHaveLength(1);
});

it('forwards a PENDING submission when it is confirmed, with statuses set to CONFIRMED only', async () => {
  const site = await setup({ statuses: ['CONFIRMED'] });
  const id = await submit(site, 'PENDING');
  expect((await site.deliver()).map(statusOf)).toEqual(['skipped']);
  await site.changeStatus(id, 'CONFIRMED');
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  expect(await site.formMessages()).toHaveLength(1);
});

it('skips a canceled payment, and forwards nothing for it', async () => {
  const site = await setup();
  const id = await submit(site, 'PAYMENT_WAITING');
  await site.changeStatus(id, 'PAYMENT_CANCELED');
  const deliveries = await site.deliver();
  expect(deliveries.map((d) => d.name)).toEqual(['wixForms_onSubmissionCreated', 'wixForms_onSubmissionUpdated']);
  expect(detailOf(deliveries[1])).toBe('submission status PAYMENT_CANCELED is not forwarded');
  expect(await site.formMessages()).toEqual([]);
});

it('sends one message for a redelivered update, and for each of two submissions by the same visitor', async () => {
  const site = await setup();
  const first = await submit(site, 'PAYMENT_WAITING');
  const second = await submit(site, 'PAYMENT_WAITING');
  await site.deliver();
  await site.changeStatus(first, 'CONFIRMED');
  await site.changeStatus(second, 'CONFIRMED');
  const confirmed = await site.deliver();
  expect(confirmed.map(statusOf)).toEqual(['done', 'done']);
  await site.redeliver(confirmed[0]!.eventId);
  expect((await site.deliver()).map(statusOf)).toEqual(['duplicate']);
  expect(await site.formMessages()).toHaveLength(2);
});

it('hands the updated event over in the Velo shape: dates as Dates, map keys as written', async () => {
  const seen: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
  const site = await setupEvents({
    handlers: {
      wixForms_onSubmissionCreated: () => ({ status: 'done', detail: 'seen' }),
      wixForms_onSubmissionUpdated: (event: unknown) => (seen.updated = event),
    },
  });
  const { body } = await site.submitForm(visitorSubmission({ first_name_1: 'Oli' }, { status: 'PAYMENT_WAITING' }));
  await site.control.call('POST', `/_emulator/v1/forms/submissions/${body.submission._id}/status`, {
    status: 'CONFIRMED',
  });
  await site.deliver();
  expect(seen.updated.entity).toMatchObject({
    status: 'CONFIRMED',
    revision: '2',
    submissions: { first_name_1: 'Oli' },
  });
  expect(seen.updated.entity._createdDate).toBeInstanceOf(Date);
  expect(seen.updated.entity._updatedDate).toBeInstanceOf(Date);
  expect(typeof seen.updated.metadata.eventTime).toBe('string');
});
