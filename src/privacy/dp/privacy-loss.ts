// What a release costs, as the measurement computed it from its parameters: pure ε-DP,
// approximate (ε, δ)-DP, or ρ-zCDP (Bun and Steinke, TCC 2016). Plain data; composition and the
// conversions between them are in ../accounting/.

export type PrivacyLoss =
  | { readonly kind: 'pure'; readonly epsilon: number }
  | { readonly kind: 'approx'; readonly epsilon: number; readonly delta: number }
  | { readonly kind: 'zcdp'; readonly rho: number };

/** The privacy a caller asks a measurement for: ε (discrete Laplace) or ρ (discrete Gaussian). */
export type PrivacyParams =
  | { readonly epsilon: number; readonly rho?: undefined }
  | { readonly rho: number; readonly epsilon?: undefined };

/** Checks ε or ρ is a positive finite number; TypeError otherwise (programmer misuse). */
export function checkPrivacyParams(p: PrivacyParams): void {
  const v = p.epsilon ?? p.rho;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (p.epsilon !== undefined && p.rho !== undefined)) {
    throw new TypeError('privacy: give one of epsilon or rho, a positive finite number');
  }
}
