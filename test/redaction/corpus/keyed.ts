import { alnum, createRng } from './rng.js';

/** Secrets found by their key name: the value itself looks harmless, the key does not. */
export interface KeyedCase {
  key: string;
  value: string;
  sensitive: boolean;
}

const sensitiveKeys = [
  'password', 'userPassword', 'X-Api-Key', 'access_token', 'card_number', 'apiKey', 'client_secret', 'Authorization',
  'cookie', 'Set-Cookie', 'session_id', 'sessionToken', 'ssn', 'cvv', 'pin', 'private_key', 'passwd', 'refresh_token',
  'AUTH_TOKEN', 'creditCardNumber', 'x-auth-token', 'stripeSecretKey', 'db_password', 'PIN', 'api-key', 'secret',
  'credit_card', 'privateKey', 'x-csrf-token', 'passphrase',
];

const harmlessKeys = [
  'token_count', 'password_policy', 'max_tokens', 'prompt_tokens', 'password_changed_at', 'shipping', 'spinner',
  'token_type', 'session_timeout', 'pinned', 'mapping', 'keyboard', 'status', 'user_id', 'order_id', 'region',
  'opinion', 'typing', 'tokenizer_name_x', 'has_password', 'password_length', 'passwordStrength', 'is_secret_set',
  'method', 'route', 'cache_hit',
];

export function keyedCases(seed: number): KeyedCase[] {
  const rng = createRng(seed);
  const out: KeyedCase[] = [];
  for (let i = 0; i < 300; i++) {
    const value = rng.pick([rng.chars(alnum, rng.int(6, 14)), `hunter${rng.int(2, 99)}`, rng.pick(['correct horse', 'letmein', 'Summer2024']), String(rng.int(1000, 9999))]);
    out.push({ key: sensitiveKeys[i % sensitiveKeys.length] ?? 'password', value, sensitive: true });
  }
  for (let i = 0; i < 156; i++) {
    out.push({ key: harmlessKeys[i % harmlessKeys.length] ?? 'status', value: rng.pick(['12', 'strict', 'Bearer', 'v2', 'en-US', 'ok', 'blue']), sensitive: false });
  }
  return out;
}

/** The word "password" in prose is not a secret. */
export const prose = [
  'Password must be at least 8 characters long',
  'Reset your password from the account page',
  'token refresh scheduled in 5 minutes',
  'session started for anonymous visitor',
  'PIN entry screen shown',
  'The secret to good logs is structure',
];
