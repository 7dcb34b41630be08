//! Sealing what goes to the browser's sync storage: a key derived from the
//! user's passphrase with Argon2id (RustCrypto's `argon2`), each item sealed
//! with XChaCha20-Poly1305 (RustCrypto's `chacha20poly1305`: a 24-byte
//! random nonce per item, so nonces never need counting across devices).
//! Neither the browser's vendor nor anyone holding the synced items can read
//! them or change one unnoticed. docs/sync.md has the parameters and why.

use base64ct::{Base64, Encoding};
use chacha20poly1305::aead::Aead;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

/// Argon2id's cost: memory in KiB, passes, lanes. OWASP's first
/// recommendation (19 MiB, 2 passes, 1 lane); paid once when sync is turned
/// on or unlocked (its time in wasm is not measured yet: docs/sync.md).
pub const KDF: Kdf = Kdf { memory_kib: 19_456, passes: 2, lanes: 1 };

/// The key-derivation cost a synced area was set up with (kept with it, so
/// a later Kindling with other defaults still opens it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

/// The secret key items are sealed with. Never stored in sync; not printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// Why sealed text could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    /// Not base-64, too short, or its tag does not match: another key (a
    /// wrong passphrase) or a changed item.
    Unreadable,
    /// The cost parameters are not ones Argon2id accepts.
    BadKdf,
}

impl Key {
    /// The key for `passphrase` with `salt` at cost `kdf`.
    pub fn derive(passphrase: &str, salt: &[u8], kdf: Kdf) -> Result<Key, SealError> {
        let params =
            argon2::Params::new(kdf.memory_kib, kdf.passes, kdf.lanes, Some(32)).map_err(|_| SealError::BadKdf)?;
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut key = [0u8; 32];
        argon.hash_password_into(passphrase.as_bytes(), salt, &mut key).map_err(|_| SealError::BadKdf)?;
        Ok(Key(key))
    }

    /// `plain` sealed with `nonce` (24 random bytes, never reused), as
    /// base-64 text: the nonce, then the ciphertext and its tag.
    pub fn seal(&self, nonce: [u8; 24], plain: &[u8]) -> String {
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        // Encrypting into memory cannot fail for inputs under 256 GB.
        let sealed = cipher.encrypt(XNonce::from_slice(&nonce), plain).unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Base64::encode_string(&out)
    }

    /// The key as kept on this device, if the user chose to keep it.
    pub fn to_base64(&self) -> String {
        Base64::encode_string(&self.0)
    }

    pub fn from_base64(text: &str) -> Option<Key> {
        Some(Key(Base64::decode_vec(text).ok()?.try_into().ok()?))
    }

    /// What `seal` sealed, if this key sealed it and nothing changed since.
    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, SealError> {
        let bytes = Base64::decode_vec(sealed).map_err(|_| SealError::Unreadable)?;
        if bytes.len() < 24 + 16 {
            return Err(SealError::Unreadable);
        }
        let (nonce, body) = bytes.split_at(24);
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        cipher.decrypt(XNonce::from_slice(nonce), body).map_err(|_| SealError::Unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: Kdf = Kdf { memory_kib: 64, passes: 1, lanes: 1 };

    #[test]
    fn what_is_sealed_opens_with_the_same_passphrase_only() {
        let key = Key::derive("correct horse", b"0123456789abcdef", FAST).unwrap();
        let sealed = key.seal([7; 24], b"Dave Okafor, coffee on Friday");
        assert!(!sealed.contains("Dave"));
        assert_eq!(key.open(&sealed).unwrap(), b"Dave Okafor, coffee on Friday");
        let wrong = Key::derive("correct horsf", b"0123456789abcdef", FAST).unwrap();
        assert_eq!(wrong.open(&sealed), Err(SealError::Unreadable));
        let other_salt = Key::derive("correct horse", b"0123456789abcdeF", FAST).unwrap();
        assert_eq!(other_salt.open(&sealed), Err(SealError::Unreadable));
        // One character of the sealed text changed: refused, not misread.
        let mut tampered = sealed.clone().into_bytes();
        tampered[40] = if tampered[40] == b'A' { b'B' } else { b'A' };
        assert_eq!(key.open(&String::from_utf8(tampered).unwrap()), Err(SealError::Unreadable));
        assert_eq!(key.open("not base 64!"), Err(SealError::Unreadable));
        assert_eq!(key.open("AAAA"), Err(SealError::Unreadable));
        assert_eq!(format!("{key:?}"), "Key(…)");
        assert_eq!(Key::derive("x", b"short", FAST).err(), Some(SealError::BadKdf), "a salt under 8 bytes");
    }

    #[test]
    fn the_default_cost_is_argon2ids_recommended_one() {
        let started = std::time::Instant::now();
        assert!(Key::derive("a passphrase", b"0123456789abcdef", KDF).is_ok());
        // Not a timing assertion: printed for docs/sync.md.
        println!("Argon2id at the default cost, natively (debug build): {:?}", started.elapsed());
    }
}
