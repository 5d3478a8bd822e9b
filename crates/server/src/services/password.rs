//! argon2id password hashes at one of OWASP's settings (m = 7 MiB, t = 5, p = 1), computed on the
//! blocking pool at most [`MAX_PARALLEL`] at a time: further requests wait for a turn (they are
//! never refused for it). Each turn works in one of at most [`MAX_PARALLEL`] memory areas kept for
//! reuse, so a burst of logins costs 14 MiB once instead of a fresh 7 MiB per hash (which the C
//! allocator would keep per thread arena). Two turns keep both cores of the machine kind we run
//! on busy; more would only hold more memory.

use std::sync::{LazyLock, Mutex};

use anyhow::Context;
use argon2::password_hash::{Output, PasswordHash, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

/// Hashes or verifications running at once, whatever the CPU count.
pub const MAX_PARALLEL: usize = 2;

/// Memory of one hash at today's setting, in KiB (1 KiB blocks).
const M_COST: u32 = 7 * 1024;
const T_COST: u32 = 5;
const P_COST: u32 = 1;
const OUTPUT_LEN: usize = 32;

static TURNS: Semaphore = Semaphore::const_new(MAX_PARALLEL);

/// Memory areas of `M_COST` blocks, reused by the turns.
static AREAS: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

fn today() -> Params {
    Params::new(M_COST, T_COST, P_COST, Some(OUTPUT_LEN)).unwrap_or_default()
}

/// Runs argon2 with `params` into `out`, in a kept area when the cost is today's.
fn compute(
    algorithm: Algorithm,
    version: Version,
    params: Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    let blocks = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    if blocks != M_COST as usize {
        // An older setting: its own memory, freed at once.
        let mut area = vec![Block::default(); blocks];
        return argon2.hash_password_into_with_memory(password, salt, out, &mut area);
    }
    let kept = AREAS.lock().unwrap_or_else(|e| e.into_inner()).pop();
    let mut area = kept.unwrap_or_else(|| vec![Block::default(); blocks]);
    let result = argon2.hash_password_into_with_memory(password, salt, out, &mut area);
    AREAS.lock().unwrap_or_else(|e| e.into_inner()).push(area);
    result
}

/// Runs `work` on the blocking pool once a turn is free.
async fn in_turn<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    let _turn = TURNS.acquire().await.context("password turns closed")?;
    tokio::task::spawn_blocking(work)
        .await
        .context("password task failed")
}

/// The PHC string of `password` with a new salt at today's setting.
fn hash_now(password: &[u8]) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let mut raw_salt = [0u8; 64];
    let raw_salt = salt
        .as_salt()
        .decode_b64(&mut raw_salt)
        .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let mut out = [0u8; OUTPUT_LEN];
    compute(
        Algorithm::Argon2id,
        Version::V0x13,
        today(),
        password,
        raw_salt,
        &mut out,
    )
    .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    let output = Output::new(&out).map_err(|e| anyhow::anyhow!("hash output: {e}"))?;
    Ok(format!(
        "$argon2id$v=19$m={M_COST},t={T_COST},p={P_COST}${}${output}",
        salt.as_str()
    ))
}

/// True when `password` matches the PHC string (with its own parameters).
fn matches(password: &[u8], phc: &str) -> Option<bool> {
    let parsed = PasswordHash::new(phc).ok()?;
    let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).ok()?,
        None => Version::V0x10,
    };
    let params = Params::try_from(&parsed).ok()?;
    let expected = parsed.hash?;
    let mut raw_salt = [0u8; 64];
    let raw_salt = parsed.salt?.decode_b64(&mut raw_salt).ok()?;
    let mut out = vec![0u8; expected.len()];
    compute(algorithm, version, params, password, raw_salt, &mut out).ok()?;
    // `Output`'s equality takes the same time whatever the bytes.
    Some(Output::new(&out).ok()? == expected)
}

/// Hashes a password into a PHC string.
pub async fn hash(password: String) -> anyhow::Result<String> {
    in_turn(move || hash_now(password.as_bytes())).await?
}

/// True when `password` matches `phc` (its own parameters are used). A malformed stored hash
/// never matches.
pub async fn verify(password: String, phc: String) -> anyhow::Result<bool> {
    in_turn(move || matches(password.as_bytes(), &phc).unwrap_or(false)).await
}

/// A hash of a random password at today's setting, checked against when an e-mail is unknown so
/// that the answer takes as long as for a known one.
pub fn decoy_hash() -> &'static str {
    static DECOY: LazyLock<String> = LazyLock::new(|| {
        hash_now(crate::services::auth::new_token().as_bytes()).unwrap_or_default()
    });
    &DECOY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_at_the_owasp_setting_and_verifies_old_hashes_too() {
        let phc = hash("correct horse".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"), "{phc}");
        assert!(verify("correct horse".into(), phc.clone()).await.unwrap());
        assert!(!verify("wrong horse".into(), phc).await.unwrap());
        // A hash made at the earlier setting (m = 19 MiB, t = 2) still verifies.
        let old = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$RDb5cUAZV2cjfzaTZcyyWEYRnJvrl2MfWwmH4TUwdtY";
        assert!(!verify("x".into(), old.into()).await.unwrap());
        let made_by_the_crate = {
            use argon2::password_hash::PasswordHasher;
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(b"old horse", &salt)
                .unwrap()
                .to_string()
        };
        assert!(
            verify("old horse".into(), made_by_the_crate.clone())
                .await
                .unwrap()
        );
        assert!(!verify("new horse".into(), made_by_the_crate).await.unwrap());
        assert!(!verify("x".into(), "not a hash".into()).await.unwrap());
        assert!(decoy_hash().starts_with("$argon2id$v=19$m=7168,t=5,p=1$"));
    }
}
