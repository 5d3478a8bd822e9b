//! Stripe webhook signatures: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "t.body")>`,
//! checked on the raw bytes in constant time, with a tolerance on the timestamp; any of several
//! `v1` values may match (Stripe sends several while a secret is being rolled).

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Seconds a signature stays valid around its timestamp.
pub const TOLERANCE_SECS: i64 = 300;

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("no Stripe-Signature header")]
    Missing,
    #[error("the Stripe-Signature header has no timestamp or no v1 signature")]
    Malformed,
    #[error("the signature timestamp is outside the tolerance")]
    Stale,
    #[error("no signature matches the payload")]
    Mismatch,
}

fn mac(secret: &str, timestamp: i64, payload: &[u8]) -> Hmac<Sha256> {
    let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any size"));
    m.update(timestamp.to_string().as_bytes());
    m.update(b".");
    m.update(payload);
    m
}

/// The header value Stripe would send for `payload` at `timestamp`.
pub fn sign(payload: &[u8], secret: &str, timestamp: i64) -> String {
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac(secret, timestamp, payload).finalize().into_bytes())
    )
}

/// Checks `header` against `payload` at time `now` (unix seconds).
pub fn verify(
    payload: &[u8],
    header: Option<&str>,
    secret: &str,
    now: i64,
) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => timestamp = v.parse::<i64>().ok(),
            Some(("v1", v)) => {
                if let Ok(bytes) = hex::decode(v) {
                    signatures.push(bytes);
                }
            }
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    // Far-off timestamps (i64::MIN included) are stale, never an overflow.
    let age = now.checked_sub(timestamp).and_then(i64::checked_abs);
    if age.is_none_or(|a| a > TOLERANCE_SECS) {
        return Err(SignatureError::Stale);
    }
    let expected = mac(secret, timestamp, payload);
    if signatures
        .iter()
        .any(|s| expected.clone().verify_slice(s).is_ok())
    {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"id":"evt_1","type":"checkout.session.completed"}"#;

    #[test]
    fn extreme_timestamps_are_stale_or_malformed_never_a_panic() {
        for t in [i64::MIN, i64::MAX, -1, 0] {
            let h = format!("t={t},v1=00");
            assert_eq!(
                verify(BODY, Some(&h), "whsec_a", 1000),
                Err(SignatureError::Stale),
                "{t}"
            );
        }
        for h in ["t=99999999999999999999999,v1=00", "t=1e3,v1=00", "t=,v1=00"] {
            assert_eq!(
                verify(BODY, Some(h), "whsec_a", 1000),
                Err(SignatureError::Malformed)
            );
        }
    }

    #[test]
    fn a_signature_verifies_and_an_altered_body_does_not() {
        let h = sign(BODY, "whsec_a", 1000);
        assert_eq!(verify(BODY, Some(&h), "whsec_a", 1000), Ok(()));
        assert_eq!(verify(BODY, Some(&h), "whsec_a", 1300), Ok(()));
        assert_eq!(
            verify(b"{\"id\":\"evt_2\"}", Some(&h), "whsec_a", 1000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(BODY, Some(&h), "whsec_b", 1000),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn stale_missing_and_malformed_headers_are_refused() {
        let h = sign(BODY, "whsec_a", 1000);
        assert_eq!(
            verify(BODY, Some(&h), "whsec_a", 1301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify(BODY, Some(&h), "whsec_a", 699),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify(BODY, None, "whsec_a", 1000),
            Err(SignatureError::Missing)
        );
        assert_eq!(
            verify(BODY, Some("v1=abcd"), "whsec_a", 1000),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify(BODY, Some("t=1000"), "whsec_a", 1000),
            Err(SignatureError::Malformed)
        );
    }

    #[test]
    fn any_of_several_v1_values_may_match() {
        let good = sign(BODY, "whsec_new", 1000);
        let old = sign(BODY, "whsec_old", 1000);
        let v_good = good.split("v1=").nth(1).unwrap();
        let v_old = old.split("v1=").nth(1).unwrap();
        let both = format!("t=1000,v1={v_old},v1={v_good},v0=ignored");
        assert_eq!(verify(BODY, Some(&both), "whsec_new", 1000), Ok(()));
        assert_eq!(
            verify(BODY, Some(&both), "whsec_other", 1000),
            Err(SignatureError::Mismatch)
        );
    }
}
