// Card numbers for the generators: 15 payload digits and the Luhn check digit (ISO/IEC 7812-1 Annex B),
// so the detector's validator accepts them as it would a real card.

/** The 16-digit string of `payload` (15 digits) followed by its Luhn check digit. */
export function withLuhnDigit(payload: readonly number[]): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let v = payload[14 - i]!;
    if (i % 2 === 0) { v *= 2; if (v > 9) v -= 9; }
    sum += v;
  }
  return payload.join('') + String((10 - (sum % 10)) % 10);
}
