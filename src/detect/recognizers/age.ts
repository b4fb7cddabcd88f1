// AGE: a person's age stated in words — "aged 42", "age: 42", "42 years old", "42-year-old", "42 y/o",
// "turned 42", "my dad is 72,", "Maria Lopez, 42, is".
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
    { name: 'aged', regex: /\bage[ds]?\s{0,3}(?:[:=-]\s{0,3}|of\s{1,3}|is\s{1,3})?(?<v>\d{1,3})(?!\d|[.,:/-]\d|\s?%)/i, score: 0.75, digits: 1 },
    { name: 'years-old', regex: /(?<![\d.,-])(?<v>\d{1,3})[\s-]?(?:years?|yrs?\.?|yo)[\s-]?old\b/i, score: 0.85, digits: 1 },
    // Clinical shorthand: age and sex run together before what brought the patient in ("67F adm",
    // "92 yo M w/", "pt 101m s/p"). "w/" and "s/p" end in a slash, so no word boundary follows them.
    { name: 'age-sex', regex: /(?<![\w.,/-])(?<v>\d{1,3})\s?(?:yo\s?|y\/o\s?)?[mf](?=\s{1,2}(?:w\/|s\/p|(?:adm(?:itted)?|with|presents?|presented|here|transferred|pmh|hx|who|now|on|from|in)\b))/i, score: 0.7, digits: 1 },
    // "pt jane roe, 96m, mrn ...": age and sex in commas after the patient's name.
    { name: 'age-sex-appositive', regex: /,\s(?<v>\d{1,3})\s?(?:yo\s?|y\/o\s?)?[mf],/i, score: 0.6, digits: 1 },
    // "just turned 85", "turns 40 next week": not "turned 90 degrees", "turned 180°".
    { name: 'turned', regex: /\bturn(?:ed|s|ing)\s{1,3}(?<v>\d{1,3})(?!\d|[.,:/-]\d|\s?(?:%|°|degrees?|percent|times|minutes|mins?|hours?|hrs?|seconds?|secs?|miles?|km|feet|ft|pages?|points?|pts|rpm|mph)\b|\s?%|\s?°)/i, score: 0.7, requires: /turn/i, digits: 1 },
    // "my dad is 72,", "i'm 34 and", "she is 81." — a person, "is", a number that ends the clause.
    // Every cue ends in s or m (is, 's, am, 'm, im) before the spaces and the number: the prefilter.
    { name: 'person-is', regex: /\b(?:i am|i'm|im|he is|she is|he's|she's|(?:my|his|her|our|their|your)\s{1,3}(?:dad|father|mom|mum|mother|son|daughter|grandma|grandmother|grandpa|grandfather|granddad|nan|nana|brother|sister|husband|wife|partner|boyfriend|girlfriend|uncle|aunt|cousin|niece|nephew|kid|child|baby|neighbou?r|friend|patient)\s{1,3}is)\s{1,3}(?<v>\d{1,3})(?=\s{0,2}[,.;!?)]|\s{0,2}$|\s{1,3}(?:and|but|now|yet|already|this|next|last|today|so)\b)/i, score: 0.65, requires: /[sm]\s{1,3}\d/i, digits: 1 },
    // "Maria Lopez, 34, is a nurse": an age in commas after a capitalised name, before a verb.
    // The lookbehind sits after the comma, which then leads the expression: the regex engine skips
    // to commas instead of trying the lookbehind at every position (same matches, same offsets).
    { name: 'appositive', regex: /,(?<=\p{Lu}[\p{Ll}'-]+,)\s(?<v>\d{1,3}),\s(?=(?:is|was|has|had|who|and|of|from|a|an|said|says|lives|works)\b)/u, score: 0.6, digits: 1 },
    { name: 'y/o', regex: /(?<![\d.,-])(?<v>\d{1,3})\s?(?:y\/o|yo|y\.o\.)(?!\w)/i, score: 0.7, digits: 1 },
  ],
  context: ['age', 'aged', 'old', 'years', 'patient', 'born'],
  validator: ageRange,
};
