// Builds a labelled text piece by piece: plain text and labelled values, so span offsets are exact by
// construction. The record shape is the one bench/eval-pii.ts scores.

export interface Span { start: number; end: number; label: string }
export interface LabelledRecord { id: string; text: string; spans: Span[]; meta: { set: string; split: string; genre: string } }

export class TextBuilder {
  private text = '';
  private readonly spans: Span[] = [];

  /** Plain text (not sensitive under the set's labelling rule). */
  t(s: string): this {
    this.text += s;
    return this;
  }

  /** A labelled value. */
  e(label: string, value: string): this {
    this.spans.push({ start: this.text.length, end: this.text.length + value.length, label });
    this.text += value;
    return this;
  }

  get length(): number {
    return this.text.length;
  }

  /**
   * The finished text in one casing: ALL CAPS and lower case keep offsets because the vocabulary is
   * ASCII (the pools drop any name whose case mapping changes its length).
   */
  build(id: string, meta: LabelledRecord['meta'], casing: 'as-is' | 'upper' | 'lower' = 'as-is'): LabelledRecord {
    const text = casing === 'upper' ? this.text.toUpperCase() : casing === 'lower' ? this.text.toLowerCase() : this.text;
    if (text.length !== this.text.length) throw new Error(`casing changed the length of ${id}`);
    return { id, text, spans: this.spans.map((s) => ({ ...s })), meta };
  }
}

/** Name casing: as written, ALL CAPS, or lower case (notes and chats use all three). */
export function cased(s: string, how: 'as-is' | 'upper' | 'lower'): string {
  return how === 'upper' ? s.toUpperCase() : how === 'lower' ? s.toLowerCase() : s;
}
