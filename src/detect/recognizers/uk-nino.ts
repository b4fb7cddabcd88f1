// UK_NINO: a National Insurance number, two letters, six digits and a suffix A-D, compact or in
// pairs ("AB 12 34 56 C"). The HMRC prefix rules decide: a number they rule out is dropped; one they
// allow is reported, higher with context (national insurance, nino, ni).
import type { Recognizer } from '../types.js';
import { ninoValidator } from '../validators/uk-nino.js';

export const ukNinoRecognizer: Recognizer = {
  id: 'uk-nino',
  entity: 'UK_NINO',
  patterns: [{ name: 'nino', regex: /(?<![\w-])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w-])/i, score: 0.5, digits: 2 }],
  context: ['national', 'insurance', 'nino', 'ni', 'nic'],
  validator: ninoValidator,
  validScore: 0.6,
};
