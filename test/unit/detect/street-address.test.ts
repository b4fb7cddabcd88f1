// STREET_ADDRESS: exact spans for addresses in the shapes of many countries, single-line and as
// letter blocks; look-alikes (quantities, references, times, lists) that must not be reported; and
// linear time on adversarial input. Examples are written for this test, not taken from any data set.
import { describe, it } from 'node:test';
import { assertLinearWork } from './linear-time.js';
import { ADDRESS_INPUTS } from '../../../bench/linear-inputs.js';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { findStreetAddresses, streetAddressRecognizer } from '../../../src/detect/recognizers/street-address/index.js';

/** [text, the exact address that must be found] */
const POSITIVE: Array<[string, string]> = [
  // United States
  ['The White House is at 1600 Pennsylvania Ave NW, Washington, DC 20500 and tours are free.', '1600 Pennsylvania Ave NW, Washington, DC 20500'],
  ['I live at 231 Lawson Street', '231 Lawson Street'],
  ['Ship it to 4410 Tamsworth Knoll, Ridgeford, OH 43017 please.', '4410 Tamsworth Knoll, Ridgeford, OH 43017'],
  ['Take a left on 2109 Gleemoor Rd tomorrow.', '2109 Gleemoor Rd'],
  ['Hi, please update my billing address to 2200 Mission St #301, San Francisco, CA 94110. Thanks!', '2200 Mission St #301, San Francisco, CA 94110'],
  ['Send the invoice to 350 Fifth Avenue, Suite 5400, New York, NY 10118.', '350 Fifth Avenue, Suite 5400, New York, NY 10118'],
  ['He moved to 350 5th Ave, New York, NY 10118 last year.', '350 5th Ave, New York, NY 10118'],
  ['Address: 1 Infinite Loop, Cupertino, CA 95014', '1 Infinite Loop, Cupertino, CA 95014'],
  ['Mailing address is 1 Microsoft Way, Redmond, WA 98052-6399', '1 Microsoft Way, Redmond, WA 98052-6399'],
  ['Discharged home to 88 Harbor View Rd., Portland, OR 97201. Follow up in 2 weeks.', '88 Harbor View Rd., Portland, OR 97201'],
  ['Pt is a 67 y/o F who lives at 1420 W Maple Ave Apt 2C, Springfield, IL 62704 with her husband.', '1420 W Maple Ave Apt 2C, Springfield, IL 62704'],
  ['Patient resides at 42 Oak Ridge Dr, Apt 3, with her daughter.', '42 Oak Ridge Dr, Apt 3'],
  ['Customer says it never arrived. Shipping address: 77 Oak Lane, Unit 5, Austin, TX 78701.', '77 Oak Lane, Unit 5, Austin, TX 78701'],
  ['The letter came to 01 4589 40th Street Suite 603 Calgary AB last night.', '01 4589 40th Street Suite 603 Calgary AB'],
  ['Return to sender: PO Box 4420, Tulsa, OK 74159', 'PO Box 4420, Tulsa, OK 74159'],
  ['Please mail it to P.O. Box 1234, Springfield, IL 62704.', 'P.O. Box 1234, Springfield, IL 62704'],
  ['Ship to:\nAcme Corp\n500 Industrial Pkwy\nBldg 3\nDayton, OH 45402\nUSA', '500 Industrial Pkwy\nBldg 3\nDayton, OH 45402\nUSA'],
  ['Jane Doe\n123 Main St\nApt 4B\nSpringfield, IL 62704\n(555) 555-1234', '123 Main St\nApt 4B\nSpringfield, IL 62704'],
  ['491 St. John Street', '491 St. John Street'],
  ['Pt lives alone at 18 Elm St. Her son visits weekly.', '18 Elm St.'],
  ['meet me at the corner of Main Street and 5th Avenue', 'the corner of Main Street and 5th Avenue'],
  // A one-letter direction after the number; USPS suffixes that are everyday words, with evidence.
  ['Return it to 4120 N Harlow Avenue, Bramford, MN 55402.', '4120 N Harlow Avenue, Bramford, MN 55402'],
  ['The parcel went to 77 Tolliver Pass, Dunmore, PA 18512 by mistake.', '77 Tolliver Pass, Dunmore, PA 18512'],
  ['Please bill 3310 Ostrander Springs Apt. 4, Galesburg, IL 61401.', '3310 Ostrander Springs Apt. 4, Galesburg, IL 61401'],
  ['She gave 58210 Pellham Station as her mailing address.', '58210 Pellham Station'],
  ['Invoice sent to 901 Will Crossing, Ardmore, OK 73401.', '901 Will Crossing, Ardmore, OK 73401'],
  // US military
  ['Forward to PSC 1234, Box 5678\nAPO AE 09876 please', 'PSC 1234, Box 5678\nAPO AE 09876'],
  ['Unit 2050 Box 4190\nDPO AP 96521', 'Unit 2050 Box 4190\nDPO AP 96521'],
  ['USS Enterprise\nFPO AA 34050', 'USS Enterprise\nFPO AA 34050'],
  // lower-cased chat
  ['how do i change my address to 12 main st for post mail?', '12 main st'],
  ['pls send it to 48 birch road, apt 7, leeds, ls6 2ab thx', '48 birch road, apt 7, leeds, ls6 2ab'],
  ['ok so its 123 main street apt 4 springfield il 62704 thanks', '123 main street apt 4 springfield il 62704'],
  // wrapped prose: the address continues after a line-final comma
  ['Requests may be sent to Example Corp, 1770 Harbor Point Place,\n Suite 500, Houston, TX 77056.', '1770 Harbor Point Place,\n Suite 500, Houston, TX 77056'],
  // Canada, Australia, India
  ['HQ at 123 Main St W, Toronto, ON M5V 2T6, Canada', '123 Main St W, Toronto, ON M5V 2T6, Canada'],
  ['Office: Level 5, 100 George Street, Sydney NSW 2000', 'Level 5, 100 George Street, Sydney NSW 2000'],
  ['Deliver to 12, MG Road, Bengaluru 560001', '12, MG Road, Bengaluru 560001'],
  // United Kingdom, Ireland
  ['Send it to 10 Downing Street, London SW1A 2AA please.', '10 Downing Street, London SW1A 2AA'],
  ['She resides at Flat 4, 22 Baker Street, London W1U 3BW.', 'Flat 4, 22 Baker Street, London W1U 3BW'],
  ['He grew up at 4 Privet Drive, Little Whinging, Surrey.', '4 Privet Drive, Little Whinging, Surrey'],
  ['Contact: Jane Roe, 19 Elm Court, Leeds LS1 4AP, tel 0113 496 0000', '19 Elm Court, Leeds LS1 4AP'],
  // Germany, Austria, Switzerland
  ['Unsere Adresse: Hauptstraße 5, 10115 Berlin', 'Hauptstraße 5, 10115 Berlin'],
  ['Bitte senden Sie die Unterlagen an Musterstraße 12a, 80331 München.', 'Musterstraße 12a, 80331 München'],
  ['It was sent to Gumpendorfer Strasse 44, 1060 Wien.', 'Gumpendorfer Strasse 44, 1060 Wien'],
  ['Lieferung an Michaelkirchstr. 15, Berlin', 'Michaelkirchstr. 15, Berlin'],
  // France, Belgium, Switzerland
  ['Elle habite au 15 rue de la Paix, 75002 Paris.', '15 rue de la Paix, 75002 Paris'],
  ['Adresse : 24, rue Victor Hugo, 69002 Lyon', '24, rue Victor Hugo, 69002 Lyon'],
  ['Rue du Centre 108 is closed.', 'Rue du Centre 108'],
  ['The address on file is 9 Chemin des Vignes, 1260 Nyon', '9 Chemin des Vignes, 1260 Nyon'],
  // Spain, Italy, Portugal
  ['Dirección: Calle Mayor 10, 3º B, 28013 Madrid', 'Calle Mayor 10, 3º B, 28013 Madrid'],
  ['Meet at Via Pasquale Scura 127, 80134 Napoli.', 'Via Pasquale Scura 127, 80134 Napoli'],
  ['Indirizzo: Piazza San Marco 1, 30124 Venezia', 'Piazza San Marco 1, 30124 Venezia'],
  // A number before a name-first street with its own number is reported as a part of its own.
  ['i live at 45 via roma 12, 00100 roma', 'via roma 12, 00100 roma'],
  ['Morada: Avenida da Liberdade 110, 1250-146 Lisboa', 'Avenida da Liberdade 110, 1250-146 Lisboa'],
  ['Rua Augusta 100, 1100-053 Lisboa', 'Rua Augusta 100, 1100-053 Lisboa'],
  // Netherlands
  ['Adres: Keizersgracht 123-125, 1015 CJ Amsterdam', 'Keizersgracht 123-125, 1015 CJ Amsterdam'],
  ['Prinsengracht 263, 1016 GV Amsterdam', 'Prinsengracht 263, 1016 GV Amsterdam'],
  // Nordic
  ['Our office moved to Kungsgatan 12, 111 43 Stockholm.', 'Kungsgatan 12, 111 43 Stockholm'],
  ['Karl Johans gate 1, 0154 Oslo', 'Karl Johans gate 1, 0154 Oslo'],
  ['Delivery to Mannerheimintie 5 B 12, 00100 Helsinki failed.', 'Mannerheimintie 5 B 12, 00100 Helsinki'],
  ['Please forward to Strandvejen 100, 2900 Hellerup, Denmark.', 'Strandvejen 100, 2900 Hellerup, Denmark'],
  // Central and Eastern Europe
  ['ul. Marszałkowska 10/12, 00-001 Warszawa', 'ul. Marszałkowska 10/12, 00-001 Warszawa'],
  ['Andrássy út 10, 1061 Budapest', 'Andrássy út 10, 1061 Budapest'],
  // letter blocks: unit, city, country and postal code on the lines below
  ['My address is:\n\n27 Lindenweg 4\n Apt. 12\n Kleinstadt\n Austria 4020', '27 Lindenweg 4\n Apt. 12\n Kleinstadt\n Austria 4020'],
  ['Dear team, my new address is 8 Ocean Crescent\nSeaview, NSW 2000\nAustralia\n\nRegards, Tom', '8 Ocean Crescent\nSeaview, NSW 2000\nAustralia'],
  ['Please deliver to 14 Avenida Central 220\nSuite 9\nSan José\nCosta Rica 10101', '14 Avenida Central 220\nSuite 9\nSan José\nCosta Rica 10101'],
  // a street without a type, accepted on a cue phrase
  ['his address: 6 Vodičkova 12, Praha', 'Vodičkova 12, Praha'],
];

/** Texts where no STREET_ADDRESS may be reported. */
const NEGATIVE: string[] = [
  'I have 3 cats and 2 dogs.',
  'version 2 street view is out',
  'Route 66 the song was a hit.',
  'See page 12 line 4 of the manual.',
  '1. Call Main Street office\n2. Baker Street station is closed',
  'We met at 5 pm near the station.',
  'Take 250 mg twice daily with food.',
  'Patient is a 45 year old male, BP 120/80, HR 72.',
  'The 3 Musketeers Way of life',
  'Meet me at 5 Guys Burgers tonight',
  'Order 12345 was shipped on Monday.',
  'In 2019 Apple released iOS 13.',
  'She walked 5 blocks down Main Street.',
  'The meeting is in Room 204 at 3 pm.',
  'I work on Wall Street.',
  'Windows 10 Pro, Office 365 Business',
  'Invoice #4521 Total $1,200.00',
  'The 2 Way Street sign was missing.',
  'Dr. Smith saw the patient at 10 am. Dr Jones followed up.',
  'Seen by Dr. Lee on 3 West Unit for liver panel.',
  'We sent 3 Apples 2 Oranges to the kitchen.',
  'sent via email 2 days ago',
  'Place 3 eggs in a bowl and add 200 g flour.',
  'Gate 12 Departure Lounge, Terminal 2',
  'Unit 4 covers fractions and decimals.',
  'as shown by Smith et al. 2020 and al. Jones 2019',
  'Queen Street Mall is busy',
  'Step 2 Open Settings Way',
  'Release 4 Fixes Drive Mapping Bug',
  'Gen 2 Hard Drive for sale',
  'Pt seen in ED, gave 2 Tylenol Dr Smith ordered labs',
  'The Top 10 Park Avenue Restaurants',
  'Copyright 2016 Iain Lane\n 2018-2021 Example Labs\n 2010 Intel Corp',
  'Copyright 2000 Example Systems, Inc., Sunnyvale, California',
  'This might return unexpected results due to IEEE 754 rounding.',
  'Python 2 is dead, so we move to Python 3.',
  'timeout of 5 milliseconds schedules an infinite loop',
  'emit the event with parameters 1, 2, 3, 4, 5',
  'She lives with her daughter in a 2 story house.',
  'We installed 3 Power Stations and 12 Street Lights last year.',
  'RESP: WEANED TO PS 5/5, TOL WELL, ETT 7.5 @ 23 AT THE LIP.',
  'resp: weaned to ps 5/5, tol rest, rr 20s.',
  'The race took 5 S to finish.',
  'Adams Station is closed on Sundays.',
];

function spans(text: string): string[] {
  return analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.entity === 'STREET_ADDRESS').map((f) => text.slice(f.start, f.end));
}

describe('STREET_ADDRESS recognizer', () => {
  for (const [text, value] of POSITIVE) {
    it(`finds ${JSON.stringify(value.slice(0, 48))}`, () => {
      const start = text.indexOf(value);
      assert.ok(start >= 0, 'the expected value is in the text');
      const end = start + value.length;
      if (value.includes('\n')) {
        // A multi-line block is found whole, then reported as its parts: the street line first,
        // the parts covering the block from its first to its last character.
        const blocks = [...findStreetAddresses(text)];
        assert.ok(blocks.some((b) => b.start === start && b.end === end), `block ${JSON.stringify(value)}, got ${JSON.stringify(blocks.map((b) => text.slice(b.start, b.end)))}`);
        const parts = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.start >= start && f.end <= end);
        assert.equal(parts[0]?.entity, 'STREET_ADDRESS');
        assert.equal(parts[0]?.start, start);
        assert.equal(parts.at(-1)?.end, end, `parts ${JSON.stringify(parts.map((f) => [f.entity, text.slice(f.start, f.end)]))}`);
        return;
      }
      const found = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.entity === 'STREET_ADDRESS');
      assert.ok(found.some((f) => f.start === start && f.end === end),
        `expected ${JSON.stringify(value)}, got ${JSON.stringify(found.map((f) => [text.slice(f.start, f.end), f.score]))}`);
    });
  }
  for (const text of NEGATIVE) {
    it(`reports nothing in ${JSON.stringify(text.slice(0, 48))}`, () => {
      assert.deepEqual(spans(text), []);
    });
  }

  it('needs a context word for a unit on its own', () => {
    assert.deepEqual(spans('Suite 12 is on the left.'), []);
    assert.deepEqual(spans('The mailing address is Suite 12.'), ['Suite 12']);
  });

  it('names one rule per finding and keeps scores in [0, 1]', () => {
    const rules = new Set<string>();
    for (const [text] of POSITIVE) {
      for (const c of findStreetAddresses(text)) {
        assert.ok(c.score >= 0 && c.score <= 1 && c.start < c.end);
        rules.add(c.pattern);
      }
    }
    for (const r of ['number-name-type', 'type-name-number', 'name-type-number', 'number-name', 'po-box', 'military', 'intersection']) {
      assert.ok(rules.has(r), `rule ${r} is exercised`);
    }
    assert.equal(streetAddressRecognizer.entity, 'STREET_ADDRESS');
  });
});

describe('STREET_ADDRESS linear time on adversarial input', () => {
  for (const [name, make] of ADDRESS_INPUTS) {
    it(`${name}: 8x the input does about 8x the work, not 64x`, () => {
      assertLinearWork(name, (text) => { for (const c of findStreetAddresses(text)) void c; }, make, 10_000);
    });
    // Through the engine, so the step that reports a block as its parts is counted too.
    it(`${name}, reported as parts: 8x the input does about 8x the work`, () => {
      assertLinearWork(name, (text) => void analyze(text, [streetAddressRecognizer]), make, 10_000);
    });
  }
});

describe('address blocks reported as parts', () => {
  it('splits a block into street, unit, locality and postcode', () => {
    const text = 'Ship to:\n27 Lindenweg 4\n Apt. 12\n Kleinstadt\n Austria 4020\nthanks';
    const parts = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.explanation.recognizer === 'street-address');
    assert.deepEqual(parts.map((f) => [f.entity, text.slice(f.start, f.end)]), [
      ['STREET_ADDRESS', '27'], ['STREET_ADDRESS', 'Lindenweg 4'], ['STREET_ADDRESS', 'Apt. 12'], ['LOCATION', 'Kleinstadt'], ['LOCATION', 'Austria'], ['ZIP_CODE', '4020'],
    ]);
  });

  it('keeps an address written into a sentence whole, even across lines', () => {
    const text = 'please update my new address is 27 Lindenweg 4\nKleinstadt\n4020 for the invoices';
    const found = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.explanation.recognizer === 'street-address');
    assert.deepEqual(found.map((f) => [f.entity, text.slice(f.start, f.end)]), [['STREET_ADDRESS', '27 Lindenweg 4\nKleinstadt\n4020']]);
  });

  it('reports the first of two house numbers as a part of its own', () => {
    const text = 'Deliver to 95 55 Halsey Road, Springfield';
    assert.deepEqual(analyze(text, DEFAULT_RECOGNIZERS, { entities: ['STREET_ADDRESS'] }).map((f) => text.slice(f.start, f.end)), ['95', '55 Halsey Road, Springfield']);
    const us = 'Ship to 1420 W Maple Ave Apt 2C, Springfield, IL 62704 today';
    assert.deepEqual(analyze(us, DEFAULT_RECOGNIZERS, { entities: ['STREET_ADDRESS'] }).map((f) => us.slice(f.start, f.end)), ['1420 W Maple Ave Apt 2C, Springfield, IL 62704']);
  });

  it('keeps a one-line address whole and honours an entity filter on the parts', () => {
    const one = 'Ship to 10 Downing Street, London SW1A 2AA today';
    assert.deepEqual(analyze(one, DEFAULT_RECOGNIZERS, { entities: ['STREET_ADDRESS'] }).map((f) => one.slice(f.start, f.end)), ['10 Downing Street, London SW1A 2AA']);
    const block = '123 Main St\nApt 4B\nSpringfield, IL 62704';
    assert.deepEqual(analyze(block, DEFAULT_RECOGNIZERS, { entities: ['ZIP_CODE'] }).map((f) => block.slice(f.start, f.end)), ['62704']);
  });
});
