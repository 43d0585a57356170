import type { Config } from '../config/config';

export interface EndpointCheck {
  ok: boolean;
  /** One line for a person: reachable? key accepted? */
  summary: string;
  status?: number;
}

/**
 * POSTs an empty batch the way the agent would and says what came back. Never throws.
 * An empty batch stores nothing anywhere, so doctor is safe to run against production.
 */
export async function checkEndpoint(config: Readonly<Config>, timeoutMs = 5000): Promise<EndpointCheck> {
  const body = config.format === 'log-ingestion' ? '{"logs":[]}' : '[]';
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'ezlogs-doctor' };
  if (config.apiKey) headers['x-api-key'] = config.apiKey;
  let res: Response;
  try {
    res = await fetch(config.endpoint, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : cause?.code ?? cause?.message ?? (err as Error).message;
    return { ok: false, summary: `unreachable: ${why}` };
  }
  const detail = await errorText(res);
  const status = res.status;
  if (status >= 200 && status < 300) {
    return { ok: true, status, summary: `reachable, answered ${status}${config.apiKey ? ', key accepted' : ' (no key sent)'}` };
  }
  if (status === 401 || status === 403) {
    return { ok: false, status, summary: `reachable, but ${config.apiKey ? 'the key was refused' : 'it wants a key (set EZLOGS_API_KEY)'}: ${status}${detail}` };
  }
  return { ok: false, status, summary: `reachable, but answered ${status}${detail}` };
}

async function errorText(res: Response): Promise<string> {
  try {
    const text = (await res.text()).slice(0, 300);
    if (!text) return '';
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    const message = parsed.error ?? parsed.message;
    return typeof message === 'string' ? ` (${message})` : '';
  } catch {
    return '';
  }
}
