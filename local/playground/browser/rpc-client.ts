import { currentToken } from './identity';

/**
 * What an imported web method becomes in the browser: a POST to `/_webMethods/<file>/<method>` as the
 * chosen persona. Like Velo, the promise resolves with the method's return value (also for an
 * `INVALID_INPUT` answer, sent with status 400) and rejects when the call is refused or fails.
 */
export async function callWebMethod(file: string, method: string, args: unknown[]): Promise<unknown> {
  const response = await fetch(`/_webMethods/${file}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await currentToken() },
    body: JSON.stringify(args),
  });
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  if (response.ok || response.status === 400) return body;
  const error = new Error(body.message ?? `${method} failed with status ${response.status}`);
  Object.assign(error, { status: response.status });
  throw error;
}
