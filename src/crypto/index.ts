// cordon/crypto: the only module that touches node:crypto and @noble. Re-exports only.
export { randomBytes, randomId } from './random.js';
export { constantTimeEqual } from './constant-time.js';
export { sha256, sha512, createSha256 } from './hash.js';
export { hmac, hmacSha256, hmacSha256Each, hmacSha256Short, hmacSha256Verify, type HmacHash } from './hmac.js';
export { hkdf, hkdfExtract, hkdfExpand, hkdfSha256 } from './hkdf.js';
export { aesGcmSeal, aesGcmSealEach, aesGcmOpen, GCM_NONCE_LENGTH, GCM_TAG_LENGTH, type GcmSealItem } from './aes-gcm.js';
export { aesSivSeal, aesSivSealEach, aesSivOpen, aesSivOpenEach, SIV_TAG_LENGTH, type SivBatch } from './aes-siv.js';
export {
  ff1EncryptDigits, ff1DecryptDigits, ff1EncryptString, ff1DecryptString, checkFf1Domain, ff1Prepare, type Ff1Cipher,
  ff1EncryptBatch, ff1DecryptBatch, checkFf1Input, type Ff1BatchItem,
  FF1_MIN_DOMAIN, FF1_MAX_LENGTH, FF1_MAX_RADIX, FF1_MAX_TWEAK_LENGTH, type Ff1Options,
} from './ff1.js';
export { ed25519Generate, ed25519PublicKey, ed25519Sign, ed25519Verify, type Ed25519KeyPair } from './ed25519.js';
export { ecdsaGenerate, ecdsaSign, ecdsaVerify, ECDSA_CURVES, type EcdsaCurve, type EcdsaKeyPair } from './ecdsa.js';
export {
  SIGNATURE_ALGORITHMS, generateSigningKey, ed25519SigningKeyFromSeed, ed25519SeedOfSigningKey, parsePublicKeyPem, parsePrivateKeyPem, publicKeyPem, privateKeyPem, keyFingerprint,
  signMessage, verifyMessage, type SignatureAlgorithm, type PublicSigningKey, type PrivateSigningKey,
} from './signing-keys.js';
export {
  ChunkCipher, deriveChunkKeys, checkCommitment, chunkedEncrypt, chunkedDecrypt,
  C2SP_CHUNK_SIZE, CHUNKED_SALT_LENGTH, CHUNKED_COMMITMENT_LENGTH, CHUNKED_PREFIX_LENGTH, CHUNK_TAG_LENGTH,
  CHUNKED_KEY_LENGTH, CHUNKED_MAX_CHUNKS, type ChunkKeys, type ChunkedOptions,
} from './chunked.js';
export { wrapKey, unwrapKey, WRAP_OVERHEAD } from './wrap.js';
export { SUITES, getSuite, type Suite, type SuiteName, type AeadSuite, type DeterministicSuite, type StreamSuite, type FpeSuite } from './suites.js';
export { argon2idDerive, ARGON2_DEFAULTS, type Argon2Params } from './argon2.js';
export {
  ed25519GenerateKeyObjects, ed25519KeyObjectsFromSeed, ed25519SeedOf, ed25519PrivateKeyFromPem, ed25519PublicKeyFromPem, ed25519PublicKeyOf, isEd25519KeyObject, keyObjectPem, type KeyObject,
} from './key-objects.js';
