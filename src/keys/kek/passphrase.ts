// A master key stretched from a passphrase with Argon2id. The salt and parameters are public and
// live in the workspace config; the passphrase comes from an environment variable, never a file in
// the workspace or the command line (where `ps` would show it).
import { argon2idDerive, ARGON2_DEFAULTS, type Argon2Params } from '../../crypto/argon2.js';
import { CordonError } from '../../errors.js';
import { LocalKek } from './local.js';

export const MIN_PASSPHRASE_LENGTH = 12;

export async function openPassphraseKek(
  config: { passphraseEnv: string; salt: string; params?: Argon2Params },
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalKek> {
  const passphrase = env[config.passphraseEnv];
  if (passphrase === undefined || passphrase === '') {
    throw new CordonError('ERR_MASTER_KEY_UNAVAILABLE', `the master key passphrase is read from ${config.passphraseEnv}, which is not set`);
  }
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new CordonError('ERR_MASTER_KEY_INSECURE', `the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  const salt = Buffer.from(config.salt, 'base64');
  if (salt.length < 16) throw new CordonError('ERR_CONFIG_INVALID', 'passphrase salt in the config must be at least 16 bytes of base64');
  const key = await argon2idDerive(passphrase, salt, config.params ?? ARGON2_DEFAULTS);
  return new LocalKek(key, 'passphrase');
}
