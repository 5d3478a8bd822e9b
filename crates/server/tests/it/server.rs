//! The `aula` binary as a separate process on a test's database (for multi-process and fault tests).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `aula serve`: the process and its base URL. Dropping it kills the process.
pub struct Server(pub Child, pub String);

impl Server {
    pub async fn start(database_url: &str) -> Server {
        Self::start_with(database_url, &[]).await
    }

    /// Starts `aula serve` with more environment settings.
    pub async fn start_with(database_url: &str, env: &[(&str, &str)]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_aula"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("AULA_DATABASE_URL", database_url)
            .env("AULA_LOG", "warn")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .spawn()
            .expect("start aula");
        // Owned at once, so a failed start still kills and reaps the process.
        let server = Server(child, format!("http://127.0.0.1:{port}"));
        for _ in 0..200 {
            if reqwest::get(format!("{}/readyz", server.1))
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not start");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
