// Argon2id (RFC 9106) for stretching passphrases into master keys, via hash-wasm's WebAssembly build.
// Parameters follow RFC 9106 §4's second recommended option (64 MiB, t=3, p=4 → here p=1 on our
// 2-core target, t raised to 3) and are stored next to the salt so they can be raised later.

export interface Argon2Params {
  /** Memory in KiB. */
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

export const ARGON2_DEFAULTS: Argon2Params = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };

/** Derives a 32-byte key from a passphrase and a salt of at least 16 bytes. */
export async function argon2idDerive(passphrase: string, salt: Uint8Array, params: Argon2Params = ARGON2_DEFAULTS): Promise<Uint8Array> {
  if (salt.length < 16) throw new TypeError('argon2id salt must be at least 16 bytes');
  // Loaded on first use: the WebAssembly module costs ~30 ms of start-up that other commands skip.
  const { argon2id } = await import('hash-wasm');
  return argon2id({
    password: passphrase,
    salt,
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
}
