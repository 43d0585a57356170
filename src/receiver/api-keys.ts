import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type AuthResult =
  | { ok: true; key: string | undefined }
  | { ok: false; status: 401 | 403; error: string };

export interface ApiKeyCheck {
  readonly open: boolean;
  check(headers: IncomingHttpHeaders): AuthResult;
}

/** The key a client presented: `X-API-Key` first, else `Authorization: Bearer <key>` (both seen in the seeds). */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-api-key'];
  const direct = Array.isArray(header) ? header[0] : header;
  if (direct !== undefined && direct.trim() !== '') return direct.trim();
  const auth = headers.authorization;
  const match = auth !== undefined ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
  return match?.[1]?.trim() || undefined;
}

/** No keys configured means open; otherwise every ingest request must present one of them. */
export function createApiKeyCheck(keys: readonly string[]): ApiKeyCheck {
  // Compare digests so the comparison is constant-time whatever the key lengths.
  const digests = keys.filter((k) => k !== '').map(digest);
  const open = digests.length === 0;
  return {
    open,
    check(headers) {
      const key = presentedKey(headers);
      if (open) return { ok: true, key };
      if (key === undefined) return { ok: false, status: 401, error: 'missing API key: send it as X-API-Key (or Authorization: Bearer)' };
      const d = digest(key);
      return digests.some((k) => timingSafeEqual(k, d)) ? { ok: true, key } : { ok: false, status: 403, error: 'invalid API key' };
    },
  };
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
