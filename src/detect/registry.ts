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
import { usItinRecognizer } from './recognizers/us-itin.js';
import { usPassportRecognizer } from './recognizers/us-passport.js';
import { usDriverLicenseRecognizer } from './recognizers/us-driver-license.js';
import { usBankNumberRecognizer } from './recognizers/us-bank-number.js';
import { abaRoutingNumberRecognizer } from './recognizers/aba-routing-number.js';
import { ukNhsRecognizer } from './recognizers/uk-nhs.js';
import { ukNinoRecognizer } from './recognizers/uk-nino.js';
import { medicalRecordNumberRecognizer } from './recognizers/medical-record-number.js';
import { cryptoRecognizer } from './recognizers/crypto.js';
import { dateOfBirthRecognizer } from './recognizers/date-of-birth.js';
import { ageRecognizer } from './recognizers/age.js';
import { zipCodeRecognizer } from './recognizers/zip-code.js';
import { streetAddressRecognizer } from './recognizers/street-address/index.js';
import { personRecognizer } from './recognizers/person.js';
import { personRoleRecognizer } from './recognizers/person-role.js';
import { personVerbRecognizer } from './recognizers/person-verb.js';
import { personFieldRecognizer } from './recognizers/person-field.js';
import { personChatRecognizer } from './recognizers/person-chat.js';
import { locationRecognizer } from './recognizers/location.js';
import { facilityRecognizer } from './recognizers/facility.js';
import { organizationRecognizer } from './recognizers/organization.js';
import { titleRecognizer } from './recognizers/title.js';
import { jobTitleRecognizer } from './recognizers/job-title.js';
import { nrpRecognizer } from './recognizers/nrp.js';

export const DEFAULT_RECOGNIZERS: readonly Recognizer[] = [
  emailRecognizer,
  creditCardRecognizer,
  ibanRecognizer,
  usSsnRecognizer,
  // Identifiers decided by checksums, structure rules or their cue; listed before phone and dates so
  // that, at equal score, the more specific finding wins the overlap (resolveOverlaps is stable).
  usItinRecognizer,
  usPassportRecognizer,
  usDriverLicenseRecognizer,
  usBankNumberRecognizer,
  abaRoutingNumberRecognizer,
  ukNhsRecognizer,
  ukNinoRecognizer,
  medicalRecordNumberRecognizer,
  cryptoRecognizer,
  dateOfBirthRecognizer,
  ageRecognizer,
  zipCodeRecognizer,
  streetAddressRecognizer,
  ipAddressRecognizer,
  macAddressRecognizer,
  urlRecognizer,
  phoneRecognizer,
  secretRecognizer,
  dateTimeRecognizer,
  personRecognizer,
  personRoleRecognizer,
  personVerbRecognizer,
  personFieldRecognizer,
  personChatRecognizer,
  locationRecognizer,
  facilityRecognizer,
  organizationRecognizer,
  titleRecognizer,
  jobTitleRecognizer,
  nrpRecognizer,
];
