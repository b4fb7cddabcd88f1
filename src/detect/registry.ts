// The default recognizers, in one list. Adding an entity is one file in recognizers/ plus a line
// here and its tests. The registry is data; analyze() is the only engine.
import type { Recognizer } from './types.js';
import { creditCardRecognizer } from './recognizers/credit-card.js';
import { dateTimeRecognizer } from './recognizers/date-time.js';
import { emailRecognizer } from './recognizers/email.js';
import { ibanRecognizer } from './recognizers/iban.js';
import { ipAddressRecognizer } from './recognizers/ip-address.js';
import { macAddressRecognizer } from './recognizers/mac-address.js';
import { phoneRecognizer } from './recognizers/phone.js';
import { secretRecognizer } from './recognizers/secret.js';
import { urlRecognizer } from './recognizers/url.js';
import { usSsnRecognizer } from './recognizers/us-ssn.js';

export const DEFAULT_RECOGNIZERS: readonly Recognizer[] = [
  emailRecognizer,
  creditCardRecognizer,
  ibanRecognizer,
  usSsnRecognizer,
  ipAddressRecognizer,
  macAddressRecognizer,
  urlRecognizer,
  phoneRecognizer,
  secretRecognizer,
  dateTimeRecognizer,
];
