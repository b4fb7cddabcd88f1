// Hosts of URLs in an answer and the allow-list they are checked against, shared by the markdown/HTML
// exfiltration scanner (exfil.ts) and the code-block one (code-exfil.ts). Pure.

/** The lower-cased host of an http(s) URL ("//host/…" read as https; ws(s) too with `ws`), else undefined. */
export function hostOf(url: string, ws = false): string | undefined {
  try {
    const u = new URL(url.startsWith('//') ? `https:${url}` : url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:' && !(ws && (u.protocol === 'ws:' || u.protocol === 'wss:'))) return undefined;
    return u.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** "acme.example" (or "*.acme.example") allows the host and its subdomains; an empty list allows none. */
export function hostAllowed(host: string, list: readonly string[]): boolean {
  return list.some((h) => {
    const a = h.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    return host === a || host.endsWith(`.${a}`);
  });
}
