// GS1 check digit (GTIN-8, GTIN-12/UPC-A, GTIN-13/EAN-13/ISBN-13, GTIN-14, SSCC): from the right of the
// body, weights 3, 1, 3…; the check digit brings the sum to a multiple of ten.

/** Whether a run of ASCII digits ends in its GS1 check digit. */
export function gs1Valid(digits: string): boolean {
  if (digits.length < 8) return false;
  let sum = 0;
  for (let i = digits.length - 2, w = 3; i >= 0; i--, w = 4 - w) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += d * w;
  }
  const check = digits.charCodeAt(digits.length - 1) - 48;
  return check >= 0 && check <= 9 && (sum + check) % 10 === 0;
}
