//! A real SMTP server on a local TCP port for the mail tests: it speaks the protocol (EHLO, MAIL,
//! RCPT, DATA, RSET, NOOP, QUIT), keeps every message it accepts, and can be told to answer a
//! temporary (451) or permanent (550) refusal instead.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// How the sink answers a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    /// 451 to `MAIL FROM`: try again later.
    Temporary,
    /// 550 to `RCPT TO`: never.
    Permanent,
}

/// One accepted message.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (dot-stuffing removed).
    pub data: Vec<u8>,
}

/// A received message, parsed by an independent MIME parser (`mail-parser`).
#[derive(Debug, Clone)]
pub struct Parsed {
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// `multipart/alternative` with one text/plain and one text/html part.
    pub alternative: bool,
}

impl Received {
    /// Subject, recipients and both parts, decoded.
    pub fn parsed(&self) -> Parsed {
        let msg = mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a MIME message");
        use mail_parser::MimeHeaders;
        let alternative = msg
            .root_part()
            .content_type()
            .is_some_and(|c| c.ctype() == "multipart" && c.subtype() == Some("alternative"))
            && msg.text_body.len() == 1
            && msg.html_body.len() == 1
            && msg.text_body != msg.html_body;
        Parsed {
            to: self.to.clone(),
            subject: msg.subject().unwrap_or_default().to_owned(),
            text: msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            html: msg.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
            alternative,
        }
    }
}

/// The running sink; it stops when dropped.
pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    answer: Arc<Mutex<Answer>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpSink {
    /// Listens on a free local port.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the sink");
        let addr = listener.local_addr().expect("sink address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let answer = Arc::new(Mutex::new(Answer::Accept));
        let (r, a) = (received.clone(), answer.clone());
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(session(socket, r.clone(), a.clone()));
            }
        });
        Self {
            addr,
            received,
            answer,
            task,
        }
    }

    /// `smtp://127.0.0.1:PORT` (plain, no TLS, no AUTH).
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// How the next messages are answered.
    pub fn answer(&self, a: Answer) {
        *self.answer.lock().unwrap() = a;
    }

    /// Every message accepted so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (at most 15 s) until `n` messages have arrived, and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..300 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let got = self.received();
        panic!("expected {n} mails, the sink has {}", got.len());
    }
}

async fn session(
    socket: tokio::net::TcpStream,
    received: Arc<Mutex<Vec<Received>>>,
    answer: Arc<Mutex<Answer>>,
) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    let say = async |w: &mut tokio::net::tcp::OwnedWriteHalf, s: &str| {
        w.write_all(s.as_bytes()).await.is_ok()
    };
    if !say(&mut write, "220 aula-test-sink ESMTP\r\n").await {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let upper = line.to_ascii_uppercase();
        let current = *answer.lock().unwrap();
        let reply = if upper.starts_with("EHLO") {
            "250-aula-test-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n".to_owned()
        } else if upper.starts_with("HELO") {
            "250 aula-test-sink\r\n".to_owned()
        } else if upper.starts_with("MAIL FROM:") {
            if current == Answer::Temporary {
                "451 4.3.0 try again later\r\n".to_owned()
            } else {
                from = line[10..].trim().to_owned();
                to.clear();
                "250 OK\r\n".to_owned()
            }
        } else if upper.starts_with("RCPT TO:") {
            if current == Answer::Permanent {
                "550 5.1.1 no such mailbox\r\n".to_owned()
            } else {
                to.push(
                    line[8..]
                        .trim()
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_owned(),
                );
                "250 OK\r\n".to_owned()
            }
        } else if upper.starts_with("DATA") {
            if !say(&mut write, "354 end with <CRLF>.<CRLF>\r\n").await {
                return;
            }
            let mut data = Vec::new();
            loop {
                let mut l = String::new();
                match lines.read_line(&mut l).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                if l == ".\r\n" || l == ".\n" {
                    break;
                }
                let l = l.strip_prefix('.').unwrap_or(&l);
                data.extend_from_slice(l.as_bytes());
            }
            received.lock().unwrap().push(Received {
                from: from.clone(),
                to: std::mem::take(&mut to),
                data,
            });
            "250 OK queued\r\n".to_owned()
        } else if upper.starts_with("RSET") || upper.starts_with("NOOP") {
            "250 OK\r\n".to_owned()
        } else if upper.starts_with("QUIT") {
            let _ = say(&mut write, "221 bye\r\n").await;
            return;
        } else {
            "502 command not implemented\r\n".to_owned()
        };
        if !say(&mut write, &reply).await {
            return;
        }
    }
}
