import type { SuccessReport } from 'wix-captcha-backend';
import { currentElevatedClient } from './wix-context';

/**
 * The Velo module `wix-captcha-backend`, backed by the emulator's captcha tokens (minted by the control
 * route `POST /_emulator/v1/captcha/tokens`, which the playground's stand-in widget calls). A refusal
 * rejects with an error carrying the HTTP `status`, as Wix's does.
 */
export async function authorize(token: string): Promise<SuccessReport> {
  const response = await currentElevatedClient().fetchWithAuth('https://www.wixapis.com/captcha/v1/authorize', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  if (response.status !== 200) {
    const error = new Error(body?.message ?? `wix-captcha-backend authorize failed with status ${response.status}`);
    Object.assign(error, { status: response.status, details: body });
    throw error;
  }
  return { success: true };
}

export default { authorize };
