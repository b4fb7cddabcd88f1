// AGE: a person's age stated in words — "aged 42", "age: 42", "42 years old", "42-year-old", "42 y/o".
// The cue is part of each pattern and the finding narrows to the number (group v); numbers outside
// 0-130 are dropped, so "age 2021" (a year) is not an age.
// Punctuation ends the number ("aged 42.", "aged 42, male") unless a digit follows (42.5, 1,000).
import type { Recognizer, Validator } from '../types.js';

const ageRange: Validator = {
  name: 'age-range',
  validate: (m) => (Number(m) <= 130 ? 'unknown' : 'invalid'),
};

export const ageRecognizer: Recognizer = {
  id: 'age',
  entity: 'AGE',
  patterns: [
    { name: 'aged', regex: /\bage[ds]?\s{0,3}(?:[:=-]\s{0,3}|of\s{1,3}|is\s{1,3})?(?<v>\d{1,3})(?!\d|[.,:/-]\d|\s?%)/i, score: 0.75, requires: /\d/ },
    { name: 'years-old', regex: /(?<![\d.,-])(?<v>\d{1,3})[\s-]?(?:years?|yrs?\.?|yo)[\s-]?old\b/i, score: 0.85, requires: /\d/ },
    // Clinical shorthand: age and sex run together before what brought the patient in ("67F adm",
    // "92 yo M w/", "pt 101m s/p").
    { name: 'age-sex', regex: /(?<![\w.,/-])(?<v>\d{1,3})\s?(?:yo\s?|y\/o\s?)?[mf](?=\s{1,2}(?:adm(?:itted)?|w\/|with|s\/p|presents?|presented|here|transferred|pmh|hx|who|now|on|from|in)\b)/i, score: 0.7, requires: /\d/ },
    { name: 'y/o', regex: /(?<![\d.,-])(?<v>\d{1,3})\s?(?:y\/o|yo|y\.o\.)(?!\w)/i, score: 0.7, requires: /\d/ },
  ],
  context: ['age', 'aged', 'old', 'years', 'patient', 'born'],
  validator: ageRange,
};
