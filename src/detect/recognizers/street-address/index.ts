// STREET_ADDRESS: postal addresses in free text (find.ts says how). Re-exports only.
export { findStreetAddresses } from './find.js';
export { addressParts } from './parts.js';
export { streetAddressRecognizer } from './recognizer.js';
