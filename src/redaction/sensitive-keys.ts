/**
 * Decides whether a key (metadata field, header, query parameter, JSON key inside a string)
 * names a secret. Keys are split into words (`userPassword`, `X-Api-Key`, `access_token`,
 * `card_number` -> user|password, x|api|key, access|token, card|number) and matched per word,
 * so `pin` never matches `shipping`. Long names also match at the end of a glued word
 * (`userpassword`, `accesstoken`). Keys that describe a secret rather than hold it
 * (`token_count`, `password_policy`, `max_tokens`, `prompt_tokens`) are not sensitive.
 */
export const builtInSensitiveKeys: readonly string[] = [
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'api_key', 'apikey', 'authorization',
  'cookie', 'set-cookie', 'session', 'ssn', 'credit_card', 'card_number', 'cvv', 'cvc', 'pin',
  'private_key', 'privatekey', 'credentials', 'signature',
];

// Words that, last in a key, describe a secret instead of holding it.
const describingSuffixes = new Set([
  'count', 'counts', 'policy', 'policies', 'length', 'len', 'type', 'kind', 'ttl', 'expiry', 'expires',
  'expiration', 'at', 'in', 'enabled', 'required', 'strength', 'size', 'limit', 'timeout', 'status',
  'version', 'format', 'provider', 'set', 'valid', 'invalid', 'changed', 'updated', 'tokens',
]);
const describingPrefixes = new Set(['max', 'min', 'num', 'total', 'has', 'is']);
// Glued matching only for names long enough not to hide inside ordinary words.
const minGluedLength = 5;

/** `userPassword` / `X-Api-Key` / `access_token` -> lower-case words. */
export function splitKeyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

interface Rule {
  words: string[];
  glued: string;
}

export type KeyMatcher = (key: string) => boolean;

const cacheLimit = 2048;

/** Compiles the rules once; answers are memoized because the same keys come back on every event. */
export function createKeyMatcher(extraKeys: readonly string[] = []): KeyMatcher {
  const rules: Rule[] = builtInSensitiveKeys.map((k) => ({ words: splitKeyWords(k), glued: splitKeyWords(k).join('') }));
  // User keys follow the SPEC's wording: case-insensitive substring of the key without separators.
  const extra = extraKeys.map((k) => splitKeyWords(k).join('')).filter((k) => k.length > 0);
  const cache = new Map<string, boolean>();
  const decide = (key: string): boolean => {
    const words = splitKeyWords(key);
    const glued = words.join('');
    if (extra.some((k) => glued.includes(k))) return true;
    if (words.length === 0) return false;
    const last = words[words.length - 1] ?? '';
    if (words.length > 1 && (describingSuffixes.has(last) || describingPrefixes.has(words[0] ?? ''))) return false;
    if (words.length === 1 && last === 'tokens') return false;
    return rules.some((r) => matchesRule(words, r));
  };
  return (key) => {
    let answer = cache.get(key);
    if (answer === undefined) {
      if (cache.size >= cacheLimit) cache.clear();
      answer = decide(key);
      cache.set(key, answer);
    }
    return answer;
  };
}

function matchesRule(words: readonly string[], rule: Rule): boolean {
  const n = rule.words.length;
  for (let i = 0; i + n <= words.length; i++) {
    let all = true;
    for (let k = 0; k < n && all; k++) all = words[i + k] === rule.words[k];
    if (all) return true;
  }
  // `userpassword`, `xapikey`, `sessions` hold the name at their end; `tokenizer`, `secretary` do not.
  return rule.glued.length >= minGluedLength
    && words.some((w) => w.length > rule.glued.length && (w.endsWith(rule.glued) || w === `${rule.glued}s`));
}
