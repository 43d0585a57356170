import { ulid } from './random-id';

export function newRequestId(): string {
  return `req_${ulid()}`;
}

/**
 * An incoming `x-request-id` is trusted only as far as it is a plausible id: bounded length,
 * printable, no spaces. Anything else is replaced, so a client cannot inject log noise.
 */
export function acceptRequestId(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 128 && /^[\x21-\x7e]+$/.test(trimmed) ? trimmed : undefined;
}
