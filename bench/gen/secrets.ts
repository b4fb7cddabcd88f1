// The secrets development set: documents in the genres credentials leak through (config files, code,
// shell and HTTP, logs, chat and tickets), each labelling SECRET on the credential value alone, mixed
// with look-alikes that must stay unlabelled: references to a secret held elsewhere, placeholders,
// providers' documented example keys, hashes, UUIDs, public keys and identifiers. Scored with the
// SECRET entity only (the ratchet and `npm run eval:pii -- --entities SECRET`).
//
// The dev split draws from the templates not marked heldOut; the held-out split draws from all of
// them (a quarter never seen in dev: TOML/INI, properties, Terraform, XML, JS and Go code, curl -u,
// HTTP dumps, CI logs, authorized_keys, tickets) with another seed. Tune on dev, report held-out.
import type { LabelledRecord, Span } from './builder.js';
import { rng } from './secrets-tokens.js';
import { TEMPLATES, type Part } from './secrets-templates.js';
import type { Split } from './vocab.js';

const SEEDS: Readonly<Record<Split, number>> = { dev: 20_251_206, heldout: 7_919 };

function compose(parts: readonly Part[]): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  for (const p of parts) {
    if (typeof p === 'string') { text += p; continue; }
    spans.push({ start: text.length, end: text.length + p.s.length, label: 'SECRET' });
    text += p.s;
  }
  return { text, spans };
}

export function secretsSet(split: Split, n: number): LabelledRecord[] {
  const r = rng(SEEDS[split]);
  const templates = TEMPLATES.filter((t) => split === 'heldout' || !t.heldOut);
  const out: LabelledRecord[] = [];
  for (let i = 0; i < n; i++) {
    const t = templates[Math.floor(r() * templates.length)]!;
    const { text, spans } = compose(t.make(r));
    out.push({ id: `secrets-${split}-${i + 1}`, text, spans, meta: { set: 'secrets', split, genre: t.id } });
  }
  return out;
}
