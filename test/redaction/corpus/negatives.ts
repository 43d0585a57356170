import { ibanValid, luhnValid } from './checksums.js';
import { cardDigits, iban } from './positives.js';
import { alnum, base64url, createRng, hex, type Rng } from './rng.js';

/** A value that must pass through untouched, with the detector it is a hard case for. */
export interface Negative {
  category: string;
  value: string;
}

function luhnInvalid(rng: Rng, prefix: string, length: number): string {
  const valid = cardDigits(rng, prefix, length);
  const last = Number(valid.slice(-1));
  return valid.slice(0, -1) + String((last + rng.int(1, 9)) % 10);
}

function card(rng: Rng, i: number): string {
  switch (i % 6) {
    case 0: return luhnInvalid(rng, rng.pick(['4', '51', '37', '6011']), rng.pick([16, 16, 15, 16]));
    case 1: return `${luhnInvalid(rng, '4', 16).replace(/(\d{4})(?=\d)/g, '$1 ')}`;
    case 2: return String(1_600_000_000_000 + rng.int(0, 300_000_000_000)); // epoch ms
    case 3: return `ORD${rng.digits(16)}`; // order id glued to a prefix
    case 4: { // Luhn-valid but no issuer uses the prefix
      const body = `${rng.pick(['1', '7', '8', '9', '0'])}${rng.digits(14)}`;
      for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
      return `${body}0`;
    }
    default: return `${rng.digits(4)}-${rng.digits(4)}-${rng.digits(3)}`; // too short
  }
}

function ssn(rng: Rng, i: number): string {
  const g = (): string => String(rng.int(1, 99)).padStart(2, '0');
  const s = (): string => String(rng.int(1, 9999)).padStart(4, '0');
  switch (i % 8) {
    case 0: return `000-${g()}-${s()}`;
    case 1: return `666-${g()}-${s()}`;
    case 2: return `9${rng.digits(2)}-${g()}-${s()}`;
    case 3: return `${rng.int(100, 665)}-00-${s()}`;
    case 4: return `${rng.int(100, 665)}-${g()}-0000`;
    case 5: return `${rng.int(10000, 99999)}-${rng.digits(4)}`; // ZIP+4
    case 6: return `${rng.int(2000, 2030)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`; // date
    default: return `${rng.int(100, 665)}-${g()} ${s()}`; // mixed separators
  }
}

function phone(rng: Rng, i: number): string {
  switch (i % 10) {
    case 0: return `${rng.int(0, 30)}.${rng.int(0, 30)}.${rng.int(0, 99)}`; // version
    case 1: return `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(0, 255)}`; // IPv4
    case 2: return `${rng.pick(['128 256 512', '256 512 1024', '640 480 1280', '100 200 3000'])}`; // number lists
    case 3: return String(1_700_000_000 + rng.int(0, 99_999_999)); // epoch seconds, 10 bare digits
    case 4: return `1${rng.digits(2)}-${rng.digits(3)}-${rng.digits(4)}`; // area code cannot start with 1
    case 5: return `$${rng.int(1, 99)},${rng.digits(3)}.${rng.digits(2)}`; // price
    case 6: return `+${rng.int(1, 99)}%`;
    case 7: return `ORD-${rng.int(2020, 2026)}-${rng.digits(6)}`;
    case 8: return `${rng.int(10, 23)}:${rng.digits(2)}:${rng.digits(2)}.${rng.digits(3)}`; // time of day
    default: return `${rng.digits(3)}-${rng.digits(2)}`;
  }
}

function ibanNegative(rng: Rng, i: number): string {
  switch (i % 5) {
    case 0: case 1: { // checksum broken: one BBAN digit changed
      const valid = iban(rng, i).replace(/ /g, '');
      for (let k = 1; k < 10; k++) {
        const pos = valid.length - 1;
        const changed = valid.slice(0, pos) + String((Number(valid[pos]) + k) % 10);
        if (/\d$/.test(valid) && !ibanValid(changed)) return changed;
      }
      return `${valid.slice(0, 2)}00${valid.slice(4)}`;
    }
    case 2: return rng.pick(['DEUTDEFF', 'NWBKGB2L', 'BNPAFRPP', 'COBADEFFXXX', 'CHASUS33', 'UBSWCHZH80A']); // BIC
    case 3: return `${rng.pick(['DE', 'GB', 'FR'])}${rng.digits(2)}-${rng.int(2020, 2026)}-${rng.digits(4)}`; // invoice id
    default: return `AB${rng.digits(2)}${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 18)}`; // unknown country
  }
}

function jwt(rng: Rng, i: number): string {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  switch (i % 5) {
    case 0: return b64({ alg: 'HS256', typ: 'JWT' }); // header alone
    case 1: return `${b64({ alg: 'HS256' })}.${rng.chars(base64url, 10)}`; // one dot
    case 2: return Buffer.from(rng.chars(alnum, 30)).toString('base64'); // plain base64
    case 3: return rng.pick(['app.min.js', 'jquery.ui.core.min.js', 'a.b.c', 'com.example.app.Main']);
    default: return `eyJ${rng.chars('abc', 2)}`;
  }
}

function secret(rng: Rng, i: number): string {
  switch (i % 10) {
    case 0: return rng.chars(hex, 40); // git SHA
    case 1: return crypto.randomUUID().replace(/./g, (c) => (c === '-' ? '-' : rng.chars(hex, 1))); // UUID-shaped
    case 2: return `sk_live_${rng.chars(alnum, 6)}`; // too short to be a key
    case 3: return rng.pick(['sk-learn', 'task-force-alpha', 'risk-model-v2', 'desk-booking']);
    case 4: return `ghp_${rng.chars(alnum, 8)}`;
    case 5: return rng.pick(['npm_config_cache', 'npm_lifecycle_event', 'npm_package_version']);
    case 6: return `PAKIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 16)}`; // AKIA inside a word
    case 7: return `xoxb-${rng.digits(4)}`;
    case 8: return `AIza${rng.chars(alnum, 10)}`;
    default: return `SG.${rng.chars(alnum, 5)}`;
  }
}

function bearer(rng: Rng, i: number): string {
  return [
    'Bearer token missing', 'bearer authentication required', 'Basic auth failed for user', 'Bearer undefined',
    'Bearer null', 'the bearer of this note', 'Basic plan selected', `Bearer ${rng.pick(['invalid', 'expired', 'malformed'])}`,
  ][i % 8] ?? '';
}

function email(rng: Rng, i: number): string {
  return [
    `@types/node@20.${rng.int(0, 20)}.${rng.int(0, 9)}`, '@scope/pkg', `@Component({ selector: 'app-${rng.chars('abcdefgh', 5)}' })`,
    'user@localhost', `lodash@4.17.${rng.int(10, 21)}`, `icon@${rng.int(2, 3)}x.png`, `logo@1.5x.webp`, '@media screen',
    `ping me @${rng.pick(['bob', 'alice'])}`, 'foo@bar', 'a @ b . com', `git rev HEAD@{${rng.int(1, 9)}}`,
  ][i % 12] ?? '';
}

/** Hard negatives per detector (each must survive verbatim). */
export function hardNegatives(seed: number): Negative[] {
  const rng = createRng(seed);
  const out: Negative[] = [];
  const add = (category: string, count: number, make: (rng: Rng, i: number) => string): void => {
    for (let i = 0; i < count; i++) out.push({ category, value: make(rng, i) });
  };
  add('email', 100, email);
  add('card', 200, card);
  add('ssn', 160, ssn);
  add('phone', 200, phone);
  add('iban', 100, ibanNegative);
  add('jwt', 100, jwt);
  add('secret', 200, secret);
  add('bearer', 80, bearer);
  return out;
}

/** The never-redact set: identifiers and numbers every event carries. Zero changes allowed. */
export function neverRedact(seed: number): Negative[] {
  const rng = createRng(seed);
  const makers: ((r: Rng) => string)[] = [
    (r) => r.chars(hex, 32), // trace id
    (r) => r.chars(hex, 16), // span id
    (r) => [8, 4, 4, 4, 12].map((n) => r.chars(hex, n)).join('-'), // UUID
    (r) => r.chars(hex, 40), // git SHA
    (r) => r.chars(hex, 64), // sha256
    (r) => new Date(1_600_000_000_000 + r.int(0, 300_000_000) * 1000).toISOString(),
    (r) => String(1_600_000_000_000 + r.int(0, 300_000_000) * 1000 + r.int(0, 999)), // epoch ms
    (r) => r.pick([`ORD-${r.int(2020, 2026)}-${r.digits(6)}`, `#${r.int(100000, 9999999)}`, `order_${r.digits(8)}`, `INV-${r.digits(5)}`]),
    (r) => r.pick([`$${r.int(1, 999)}.${r.digits(2)}`, `EUR ${r.int(1, 9999)},${r.digits(2)}`, `${r.int(1, 9)},${r.digits(3)}.${r.digits(2)} USD`]),
    (r) => r.pick([`${r.int(0, 30)}.${r.int(0, 30)}.${r.int(0, 30)}`, `v${r.int(0, 24)}.${r.int(0, 30)}.${r.int(0, 9)}`, `node/20.${r.int(0, 20)}.${r.int(0, 9)}`, `1.${r.int(0, 9)}.${r.int(0, 9)}-beta.${r.int(1, 9)}`]),
    (r) => String(r.pick([200, 201, 204, 301, 302, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503])),
    (r) => r.pick([`${r.int(0, 999)}.${r.digits(2)}ms`, `${r.int(1, 60)}s`, `${r.int(0, 99999)} ms`, `duration_ms=${r.int(0, 9999)}.${r.digits(3)}`]),
    (r) => `req_${r.chars(alnum, 20)}`,
  ];
  const out: Negative[] = [];
  for (let i = 0; i < 390; i++) out.push({ category: 'never', value: (makers[i % makers.length] ?? makers[0]!)(rng) });
  return out;
}
