// IP address syntax: IPv4 octets 0-255 without leading zeros; IPv6 groups and one '::' at most.
import type { Validator } from '../types.js';

export function ipv4Valid(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

export function ipv6Valid(s: string): boolean {
  let body = s;
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const v4 = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(body);
  if (v4) {
    if (!ipv4Valid(v4[1]!)) return false;
    body = body.slice(0, body.length - v4[1]!.length) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = (x: string): string[] => (x === '' ? [] : x.split(':'));
  const all = [...groups(halves[0]!), ...(halves.length === 2 ? groups(halves[1]!) : [])];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length <= 7 : all.length === 8;
}

export const ipValidator: Validator = {
  name: 'ip-syntax',
  validate: (m) => (m.includes(':') ? (ipv6Valid(m) ? 'valid' : 'invalid') : ipv4Valid(m) ? 'valid' : 'invalid'),
};
