//! Random tokens, and queue tickets signed so their sequence number can be trusted offline.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// A URL-safe random token of `bytes` random bytes.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A reservation number: `YY-` and ten characters without look-alikes (no 0/O, 1/I/L).
pub fn reservation_number() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut buf = [0u8; 10];
    rand::thread_rng().fill_bytes(&mut buf);
    let code: String = buf
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    format!("YY-{code}")
}

/// Signs and checks queue tickets with the server's secret.
#[derive(Clone)]
pub struct TicketSigner {
    secret: Vec<u8>,
}

/// What a valid ticket says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketClaims {
    /// Place in line.
    pub seq: u64,
    /// Whose ticket it is.
    pub person_id: i64,
}

impl TicketSigner {
    /// A signer over `secret` (kept in the database so tickets outlive restarts).
    pub fn new(secret: Vec<u8>) -> Self {
        Self { secret }
    }

    fn mac(&self, payload: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes any key");
        mac.update(b"yeyak-ticket:");
        mac.update(payload.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// `q{seq}.{person}.{signature}`.
    pub fn sign(&self, claims: TicketClaims) -> String {
        let payload = format!("q{}.{}", claims.seq, claims.person_id);
        let mac = self.mac(&payload);
        format!("{payload}.{mac}")
    }

    /// The claims of an untampered ticket, or None.
    pub fn verify(&self, ticket: &str) -> Option<TicketClaims> {
        let (payload, signature) = ticket.rsplit_once('.')?;
        let (seq, person) = payload.strip_prefix('q')?.split_once('.')?;
        let claims = TicketClaims {
            seq: seq.parse().ok()?,
            person_id: person.parse().ok()?,
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret).ok()?;
        mac.update(b"yeyak-ticket:");
        mac.update(payload.as_bytes());
        let given = URL_SAFE_NO_PAD.decode(signature).ok()?;
        // verify_slice compares in constant time.
        mac.verify_slice(&given).is_ok().then_some(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_tickets_verify_and_tampered_ones_do_not() {
        let signer = TicketSigner::new(b"secret".to_vec());
        let claims = TicketClaims {
            seq: 42,
            person_id: 7,
        };
        let ticket = signer.sign(claims);
        assert_eq!(signer.verify(&ticket), Some(claims));
        let forged = ticket.replacen("q42", "q2", 1);
        assert_eq!(
            signer.verify(&forged),
            None,
            "moving forward in line must not verify"
        );
        assert_eq!(TicketSigner::new(b"other".to_vec()).verify(&ticket), None);
        assert_eq!(signer.verify("garbage"), None);
    }

    #[test]
    fn reservation_numbers_avoid_look_alikes() {
        let number = reservation_number();
        assert_eq!(number.len(), 13);
        assert!(number.starts_with("YY-"));
        assert!(!number[3..].contains(['0', 'O', '1', 'I', 'L']));
    }
}
