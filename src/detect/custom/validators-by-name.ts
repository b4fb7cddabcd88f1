// The validators a recognizer file may name: each built-in validator under its own name, so a custom
// recognizer reuses the checksums and structure rules the built-in ones use (docs/detect.md).
import type { Validator } from '../types.js';
import { abaRoutingValidator } from '../validators/aba-routing.js';
import { cryptoAddressValidator } from '../validators/crypto-address.js';
import { ibanValidator } from '../validators/iban.js';
import { ipValidator } from '../validators/ip.js';
import { luhnValidator, paymentCardValidator } from '../validators/luhn.js';
import { nhsValidator } from '../validators/uk-nhs.js';
import { ninoValidator } from '../validators/uk-nino.js';
import { itinValidator } from '../validators/us-itin.js';
import { ssnValidator } from '../validators/us-ssn.js';

export const VALIDATORS_BY_NAME: Readonly<Record<string, Validator>> = Object.fromEntries(
  [abaRoutingValidator, cryptoAddressValidator, ibanValidator, ipValidator, luhnValidator, nhsValidator, paymentCardValidator, ninoValidator, itinValidator, ssnValidator].map((v) => [v.name, v]),
);
