// TITLE: honorifics before a name ("Dr.", "Mrs", "Prof."), the span Presidio-style data labels as a
// title or prefix. Only before a word that could be a name (capitalised, or any word when the text
// has no capitals), so "Dr" in "Dr Pepper"-like product names is the one known look-alike.
import type { Recognizer } from '../types.js';

export const titleRecognizer: Recognizer = {
  id: 'title',
  entity: 'TITLE',
  patterns: [
    { name: 'honorific', regex: /(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Hon|Sr|Sra|Mme|Mlle)\.?(?=[ \u00a0]{1,2}\p{Lu})/u, score: 0.6 },
    { name: 'honorific-word', regex: /(?<![\p{L}\p{N}])(?:Miss|Sir|Dame|Madam|Madame|Mister|Professor|Reverend|Herr|Frau)(?=[ \u00a0]{1,2}\p{Lu})/u, score: 0.5 },
    { name: 'honorific-lower', regex: /(?<![\p{L}\p{N}])(?:mr|mrs|ms|dr|prof)\.(?=[ \u00a0]{1,2}\p{Ll})/u, score: 0.5 },
  ],
  // Every honorific's first two letters (M[rsxmlia]: Mr, Ms, Mx, Mme, Mlle, Miss, Madam, Mister), or the
  // lower-case forms' letter and dot (mr. mrs. ms. dr. prof.): texts with none skip the three patterns.
  requires: /M[rsxmlia]|Dr|Pr|Re|Ho|S[ri]|Da|He|Fr|[rsf]\./,
  context: ['name', 'dear', 'title'],
};
