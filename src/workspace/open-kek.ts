// Opens the master key a workspace config names (local, passphrase or PKCS#11). `allowCreateDefault`
// lets a local workspace create the development key file on first use; a shared store never does.
import { LocalKek, resolveLocalMasterKey } from '../keys/kek/local.js';
import { openPassphraseKek } from '../keys/kek/passphrase.js';
import type { KekConfig, KekProvider } from '../keys/kek/provider.js';

export interface KekEnv {
  readonly env?: NodeJS.ProcessEnv;
  readonly onNotice?: (message: string) => void;
}

export async function openKek(kek: KekConfig, home: string, options: KekEnv, allowCreateDefault: boolean): Promise<KekProvider> {
  const env = options.env ?? process.env;
  switch (kek.kind) {
    case 'local': {
      const { key } = resolveLocalMasterKey({ env, workspaceDir: home, allowCreateDefault, ...(options.onNotice ? { onNotice: options.onNotice } : {}) });
      return new LocalKek(key);
    }
    case 'passphrase':
      return openPassphraseKek(kek, env);
    case 'pkcs11': {
      const { openPkcs11Kek } = await import('../keys/kek/pkcs11.js');
      return openPkcs11Kek(kek, { env });
    }
  }
}
