// Table-driven cases for the word-list recognizers: PERSON, LOCATION, ORGANIZATION, TITLE, NRP.
// Each positive names the exact span; each negative a look-alike that must not be reported.
import { describe, it } from 'node:test';
import { assertLinearWork } from './linear-time.js';
import { NAME_INPUTS } from '../../../bench/linear-inputs.js';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Entity } from '../../../src/detect/types.js';
import { tokenize } from '../../../src/detect/tokens.js';
import { nameWord } from '../../../src/detect/recognizers/person.js';
import { PLACE } from '../../../src/detect/gazetteers/index.js';
import { lookupKey } from '../../../src/detect/gazetteers/key.js';

const POSITIVE: Array<[string, Entity, string]> = [
  ['Yesterday Maria Gonzalez called about her refund.', 'PERSON', 'Maria Gonzalez'],
  ['The account is under Donald van der Voet now.', 'PERSON', 'Donald van der Voet'],
  ['Please ask Dr. Okonkwo to sign the form.', 'PERSON', 'Okonkwo'],
  ['my name is kenjirou and i need help', 'PERSON', 'kenjirou'],
  ['My name is Zebulon Quartermaine.', 'PERSON', 'Zebulon Quartermaine'],
  ['why is priya so quiet today?', 'PERSON', 'priya'],
  ['Will Turner signed the lease.', 'PERSON', 'Will Turner'],
  ['We flew from Nicaragua to Marseille last spring.', 'LOCATION', 'Nicaragua'],
  ['We flew from Nicaragua to Marseille last spring.', 'LOCATION', 'Marseille'],
  ['She grew up in São Paulo.', 'LOCATION', 'São Paulo'],
  ['she grew up in sao paulo.', 'LOCATION', 'sao paulo'],
  ['The office in New South Wales is closed.', 'LOCATION', 'New South Wales'],
  ['He moved to Costa Rica in 2019.', 'LOCATION', 'Costa Rica'],
  ['I work at Castle Biosciences in Texas.', 'ORGANIZATION', 'Castle Biosciences'],
  ['Invoices go to Acme Widgets Inc. every month.', 'ORGANIZATION', 'Acme Widgets Inc.'],
  ['She retired from the Ministry of Agriculture last year.', 'ORGANIZATION', 'Ministry of Agriculture'],
  ['Our lawyers are Hoover, Morris and Johnson.', 'ORGANIZATION', 'Hoover, Morris and Johnson'],
  ['Jaylee works at Deloitte now.', 'ORGANIZATION', 'Deloitte'],
  ['Please correct it to Mrs. Jane Hansen.', 'TITLE', 'Mrs.'],
  ['The applicant is Brazilian and lives abroad.', 'NRP', 'Brazilian'],
  ['He is a practising Muslim.', 'NRP', 'Muslim'],
  ['Susan Tougas, the Immunology technologist, said the results were clear.', 'TITLE', 'Immunology technologist'],
  ['Regards,\nHelen Okafor\nTraining and development coordinator\nAcme Widgets Inc.', 'TITLE', 'Training and development coordinator'],
  ['She works as a dental hygienist in Leeds.', 'TITLE', 'dental hygienist'],
  // A credential after a comma, or a licence naming a role, is not part of the name; a generation is.
  ['Care assumed by Odile Brannock, RN at 19:00.', 'PERSON', 'Odile Brannock'],
  ['Signed: Tomasz Wierzba, MD', 'PERSON', 'Tomasz Wierzba'],
  ['report given to Kiara Lund RN at shift change', 'PERSON', 'Kiara Lund'],
  ['Seen with Dr. Priya Raman, MD, PhD today.', 'PERSON', 'Priya Raman'],
  ['The estate of Raymond Dunn III was settled.', 'PERSON', 'Raymond Dunn III'],
  // An eponym that is also a surname or a town stays one with a title, a given name or a preposition.
  ['Dr. Foley will round at noon.', 'PERSON', 'Foley'],
  ['Message from Tom Foley about the invoice.', 'PERSON', 'Tom Foley'],
  ['They moved to Foley last spring.', 'LOCATION', 'Foley'],
  // A verb whose object is a person; a cue keeps a name that is also a large city.
  ['can you ask zanele about the keys', 'PERSON', 'zanele'],
  ['call me if anything changes.\nbest,\nhedda', 'PERSON', 'hedda'],
  ['Hi Salvador,\nthe parts arrived.', 'PERSON', 'Salvador'],
  ['The supplier, says the manager, is Langosh - Lindqvist.', 'ORGANIZATION', 'Langosh - Lindqvist'],
  // Firm shapes: dashed family names, "and Sons", sector words, lower-case suffixes.
  ['The quote from Yost - Brandt was lower.', 'ORGANIZATION', 'Yost - Brandt'],
  ['We buy our lumber from Kowalczyk and Sons.', 'ORGANIZATION', 'Kowalczyk and Sons'],
  ['Her first job was at Mbeki Foods in the city.', 'ORGANIZATION', 'Mbeki Foods'],
  ['the invoice from whitcombe llc is late again', 'ORGANIZATION', 'whitcombe llc'],
  ['Counsel: Whitfield, Okafor and Brandt.', 'ORGANIZATION', 'Whitfield, Okafor and Brandt'],
  ['I would not recommend Sporer, Berge and Wolf to anyone.', 'ORGANIZATION', 'Sporer, Berge and Wolf'],
  ['Head of Operations, Kilback, Towne and McGlynn', 'ORGANIZATION', 'Kilback, Towne and McGlynn'],
  // Place shapes: a feature or direction head, an English place-name ending after a preposition.
  ['We stopped at a diner near Lake Ombrey on the way.', 'LOCATION', 'Lake Ombrey'],
  ['The depot moved to Quellingford last year.', 'LOCATION', 'Quellingford'],
  ['she drives to brackenworth every sunday', 'LOCATION', 'brackenworth'],
  ['Our cousins live in North Tamsin.', 'LOCATION', 'North Tamsin'],
  // Names of many origins (issue 13): in no list, before a verb whose subject is a person
  // (person-verb.ts); a month or day abbreviation that is a given name, after a cue or before a family name.
  ['Seojun Choi disputed a charge on the card.', 'PERSON', 'Seojun Choi'],
  ['Adaeze Nwachukwu presented with chest pain.', 'PERSON', 'Adaeze Nwachukwu'],
  ['Hi Thu,\nthe parts arrived.', 'PERSON', 'Thu'],
  ['Thu Nguyen signed the lease.', 'PERSON', 'Thu Nguyen'],
  // Chat: a family name no list knows after a cue in lower-case text.
  ['my name is zorvath quellin and my order is late', 'PERSON', 'zorvath quellin'],
  // Chat, e-mail and tickets (person-chat.ts; lower-case names after a cue in text with capitals).
  ['[10:42] maria.k: the vpn is down again', 'PERSON', 'maria.k'],
  ['Yep, since this morning. @tiann did you open a ticket?', 'PERSON', 'tiann'],
  ['On Fri at 2:42 PM, blayne mcdermott <blayne.m@example.com> wrote:', 'PERSON', 'blayne mcdermott'],
  ['Sounds good, see you Tuesday.\n\nthanks,\nkrichrie\n', 'PERSON', 'krichrie'],
  ['Call me on 486-555-1207 - faydra', 'PERSON', 'faydra'],
  ['> cc: Gardy, raimundo', 'PERSON', 'raimundo'],
  ['Hey, pernell here from Billing.', 'PERSON', 'pernell'],
  ['Sounds good, thanks rafe.', 'PERSON', 'rafe'],
  ['Hi! This is eugenio feenka from dispatch.', 'PERSON', 'eugenio feenka'],
  ['Can someone ping gordie about the release?', 'PERSON', 'gordie'],
  ['Signed out to JK at 11pm.', 'PERSON', 'JK'],
  ['Caller was loydie christiansen from IT.', 'PERSON', 'loydie christiansen'],
  ['Approved by mgr Baharmitz.', 'PERSON', 'Baharmitz'],
  ['I am based in waxhaw so a call works better.', 'LOCATION', 'waxhaw'],
  ['FYI I moved to johns creek last week.', 'LOCATION', 'johns creek'],
];

const NEGATIVE: Array<[string, Entity]> = [
  ['I will grant you that the rose is red.', 'PERSON'],
  ['The meeting is on Monday in March.', 'PERSON'],
  ['Send the IBAN and the NHS number by mail.', 'PERSON'],
  ['Mail jane.smith@example.com for details.', 'PERSON'],
  ['That was a nice reading of the bath scene.', 'LOCATION'],
  ['The group met to discuss the company plan.', 'ORGANIZATION'],
  ['They had 6: Marie, Hannah, Kyle, Jessica, Megan and Ashley.', 'ORGANIZATION'],
  ['I ordered french fries.', 'NRP'],
  ['Christian Bale starred in it.', 'NRP'],
  ['Dr', 'TITLE'],
  ['GI - NPO after midnight; CV - HR 88-102 SR; Neuro - Perrla', 'ORGANIZATION'],
  // Medical eponyms name devices, procedures and scales (gazetteers/medical-eponyms, eponyms.ts).
  ['Foley draining clear yellow urine, Swan Ganz pulled at 0600', 'PERSON'],
  ['Foley draining clear yellow urine, Swan-Ganz pulled at 0600', 'LOCATION'],
  ['POD 2 s/p Nissen fundoplication, tolerating clears', 'PERSON'],
  ['GCS 14 on the Glasgow coma scale this morning', 'LOCATION'],
  ['during the 1990s the firm invested in new microprocessor designs.', 'LOCATION'],
  ['Deliver it to 12 North Hollis Street by noon.', 'LOCATION'],
  ['lol soledad and marisol are coming too', 'LOCATION'],
  ['The score was Federer - Nadal 6-4 in the first set.', 'LOCATION'],
  ['The manager said the release is on track.', 'TITLE'],
  ['Our team, the best in the region, said no.', 'TITLE'],
  ['The invoice is due Jun 5 and again Thu 12.', 'PERSON'],
  ['Sales in Jun were low.', 'PERSON'],
  ['Hong Kong reported a rise in cases.', 'PERSON'],
  ['Zendesk replied within the hour.', 'PERSON'],
  ['Customer Success Team asked for it.', 'PERSON'],
  ['my name is on the form already', 'PERSON'],
  ['Thanks for the update, I will check it.', 'PERSON'],
  ['Hi all, the build is green again.', 'PERSON'],
  ["Hi, i'm new on the team.", 'PERSON'],
  ['@here the deploy is done', 'PERSON'],
  ['[10:42] system: backup finished', 'PERSON'],
  ['Notes:\n- done\n- rollback ok', 'PERSON'],
  ['User admin reset the password.', 'PERSON'],
  ['Contact us at <support@example.com> today', 'PERSON'],
  ['We moved to the new office last week.', 'LOCATION'],
  ['I live in fear of the audit.', 'LOCATION'],
];

function found(text: string, entity: Entity): string[] {
  return analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.entity === entity).map((f) => text.slice(f.start, f.end));
}

describe('word-list recognizers', () => {
  for (const [text, entity, value] of POSITIVE) {
    it(`finds ${entity} ${JSON.stringify(value)}`, () => {
      assert.ok(found(text, entity).includes(value), `${entity} ${JSON.stringify(value)} not in ${JSON.stringify(analyze(text, DEFAULT_RECOGNIZERS).map((f) => [f.entity, text.slice(f.start, f.end)]))}`);
    });
  }
  for (const [text, entity] of NEGATIVE) {
    it(`reports no ${entity} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(found(text, entity), []);
    });
  }

  it('explains a gazetteer finding by its rule', () => {
    const [f] = analyze('Dear Maria Gonzalez,', DEFAULT_RECOGNIZERS).filter((x) => x.entity === 'PERSON');
    assert.equal(f?.explanation.recognizer, 'person');
    assert.equal(f?.explanation.pattern, 'full-name');
    assert.deepEqual(f?.explanation.contextWords, ['dear']);
  });

  it('tokenizes with UTF-16 offsets, possessives and embedded words', () => {
    const text = "Zoë's mail is zoe@example.org";
    const { tokens } = tokenize(text);
    assert.equal(text.slice(tokens[0]!.start, tokens[0]!.end), 'Zoë');
    assert.equal(tokens[0]!.lower, 'zoe');
    assert.ok(tokens.find((t) => t.lower === 'zoe' && t.start > 5)!.embedded);
  });

  it('has one test of a name word for the finders that need no list to know a name', () => {
    const word = (text: string, i: number, excluded = {}): boolean => nameWord(text, tokenize(text).tokens[i]!, excluded);
    assert.ok(word('Rose called', 0)); // a name list holds it, though it is a word
    assert.ok(word('Zorvath called', 0)); // in no list at all
    assert.ok(word("O'Brien called", 0));
    assert.ok(word('Will called', 0));
    assert.ok(!word('will call', 0)); // a listed name that is a frequent word counts only capitalised
    assert.ok(!word('With care', 0));
    assert.ok(!word('sob w/ exertion', 0)); // an abbreviation
    assert.ok(!word('R2D2 called', 0)); // letters only
    assert.ok(!word('x called', 0));
    assert.ok(word('Boston called', 0));
    assert.ok(!word('Boston called', 0, { words: PLACE })); // the caller's excluded lists
  });

  it('folds case and accents the same way as the word lists', () => {
    assert.equal(lookupKey('SÃO PAULO'), 'sao paulo');
    assert.equal(lookupKey('Λεμεσός'), lookupKey('ΛΕΜΕΣΟΣ'));
  });

  it('runs in linear time on long runs of capitalised words and names', () => {
    for (const [name, make] of NAME_INPUTS) assertLinearWork(name, (text) => analyze(text, DEFAULT_RECOGNIZERS), make, 5_000);
  });
});

describe('optional NER model seam', () => {
  it('adds a model\'s spans as recognizers that compete on score and name the model', async () => {
    const { modelRecognizers } = await import('../../../src/detect/ner.js');
    let calls = 0;
    const model = {
      name: 'fake',
      predict(text: string) {
        calls++;
        const at = text.indexOf('Xq Zz');
        return at < 0 ? [] : [{ start: at, end: at + 5, label: 'B-PER', score: 0.97 }, { start: 0, end: 2, label: 'MISC', score: 0.9 }, { start: -1, end: 99, label: 'PER', score: 1 }];
      },
    };
    const text = 'We met Xq Zz in Paris.';
    const rs = modelRecognizers(model, { PER: 'PERSON', LOC: 'LOCATION' });
    const fs = analyze(text, [...DEFAULT_RECOGNIZERS, ...rs]).filter((f) => f.entity === 'PERSON');
    assert.deepEqual(fs.map((f) => [text.slice(f.start, f.end), f.explanation.recognizer, f.explanation.pattern]), [['Xq Zz', 'model:fake:person', 'model:PER']]);
    assert.equal(calls, 1, 'one model call per text');
  });
});
