// The development split of the prompt-injection data, shared by the training script and
// `npm run eval:guard`: BIPIA rows go by pair_id (a benign e-mail and its attacked twin always fall
// on the same side), other rows by their text. Half trains, half is held out. FNV-1a, so the split is
// the same on every machine.
export interface DevRow {
  readonly text: string;
  readonly label: 'injection' | 'benign';
  readonly source: string;
  readonly pair_id?: string;
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

export function devSide(row: DevRow): 'train' | 'heldout' {
  return fnv(row.pair_id ?? row.text) % 2 === 0 ? 'train' : 'heldout';
}

export function devSplit<T extends DevRow>(rows: readonly T[]): { train: T[]; heldout: T[] } {
  const train: T[] = []; const heldout: T[] = [];
  for (const r of rows) (devSide(r) === 'train' ? train : heldout).push(r);
  return { train, heldout };
}
