//! The `aula` command line: serve, migrate, user create, seed-demo.

use std::process::ExitCode;

use aula_db::Db;
use aula_domain::Refusal;
use aula_domain::Role;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{ConfigError, DatabaseUrl, parse_log_filter};
use crate::services::accounts::{NewAccount, create_user};
use crate::{App, AppError, Clock, Config, router, seed};

/// Aula: the platform of a language school (teachers, classes, packages, bookings, courses).
#[derive(Debug, Parser)]
#[command(name = "aula", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Settings every command uses.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Database URL: sqlite://FILE?mode=rwc (embedded, default) or postgres://USER:PASS@HOST/DB.
    #[arg(
        long,
        global = true,
        env = "AULA_DATABASE_URL",
        default_value = "sqlite://aula.db?mode=rwc",
        hide_env_values = true
    )]
    pub database_url: String,
    /// Log filter, e.g. info, debug or aula_server=debug,info.
    #[arg(
        long,
        global = true,
        env = "AULA_LOG",
        default_value = "info,sqlx=warn"
    )]
    pub log: String,
    /// Log format: text for people, json for log collectors.
    #[arg(long, global = true, env = "AULA_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve HTTP until SIGTERM or Ctrl-C.
    Serve(ServeArgs),
    /// Apply pending migrations and exit (running it twice changes nothing the second time).
    Migrate,
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Create the demo accounts and data (prints new passwords once).
    SeedDemo,
}

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "AULA_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Public base URL (for links and cookies; https makes cookies Secure). Default: http://LISTEN.
    #[arg(long, env = "AULA_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Days a login session lasts (1-365).
    #[arg(long, env = "AULA_SESSION_TTL_DAYS", default_value = "30")]
    pub session_ttl_days: String,
    /// Seed the demo data first when the database has no users yet.
    #[arg(long)]
    pub demo: bool,
    /// Stripe secret key; without one the local dev checkout takes payments.
    #[arg(long, env = "AULA_STRIPE_SECRET_KEY", hide_env_values = true)]
    pub stripe_secret_key: Option<String>,
    /// Stripe API base URL (a Stripe-compatible server in tests).
    #[arg(
        long,
        env = "AULA_STRIPE_API_BASE",
        default_value = "https://api.stripe.com"
    )]
    pub stripe_api_base: String,
    /// Secret that signs webhook events; required with a Stripe key, random in dev mode if unset.
    #[arg(long, env = "AULA_STRIPE_WEBHOOK_SECRET", hide_env_values = true)]
    pub stripe_webhook_secret: Option<String>,
    /// Proxies whose X-Forwarded-For names the client: addresses or CIDR ranges, comma-separated.
    #[arg(long, env = "AULA_TRUSTED_PROXIES")]
    pub trusted_proxies: Option<String>,
    /// The school's IANA time zone, for people who chose none (default UTC).
    #[arg(long, env = "AULA_SCHOOL_TIMEZONE")]
    pub school_timezone: Option<String>,
    /// SMTP server for mails: smtp://host:port (local sinks), smtp://user:pass@host:port?tls=required
    /// or smtps://user:pass@host[:port]; unset: mails are logged and kept in the outbox.
    #[arg(long, env = "AULA_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The language for people who chose none and whose browser asks for none: en or es.
    #[arg(long, env = "AULA_DEFAULT_LOCALE")]
    pub default_locale: Option<String>,
    /// The From of every mail: addr or "Name <addr>".
    #[arg(long, env = "AULA_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// `true` allows the dev checkout (no money taken) with an https:// public URL.
    #[arg(long, env = "AULA_DEV_CHECKOUT")]
    pub dev_checkout: Option<String>,
}

/// `user` subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user (every user is a student; optionally also admin or teacher).
    Create(CreateUserArgs),
}

/// Options of `user create`.
#[derive(Debug, Args)]
pub struct CreateUserArgs {
    /// E-mail address (stored lower-case).
    #[arg(long)]
    pub email: String,
    /// Password, at least 8 characters.
    #[arg(long)]
    pub password: String,
    /// First name.
    #[arg(long)]
    pub first_name: String,
    /// Last name.
    #[arg(long)]
    pub last_name: String,
    /// Extra role to grant.
    #[arg(long, value_enum)]
    pub role: Option<CliRole>,
}

/// Roles the command line can grant.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CliRole {
    Admin,
    Teacher,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = match parse_log_filter(&cli.global.log) {
        Ok(f) => f,
        Err(e) => return config_failure(&e),
    };
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.global.log_format {
        LogFormat::Text => subscriber.init(),
        LogFormat::Json => subscriber.json().flatten_event(true).init(),
    }
    let database_url = match DatabaseUrl::parse(&cli.global.database_url) {
        Ok(u) => u,
        Err(e) => return config_failure(&e),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(cli.command, database_url))
}

fn config_failure(e: &ConfigError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

async fn run(command: Command, database_url: DatabaseUrl) -> ExitCode {
    let config = match &command {
        Command::Serve(args) => match Config::parse(
            &args.listen,
            args.public_url.as_deref(),
            &args.session_ttl_days,
        )
        .and_then(|c| {
            c.with_payments(
                args.stripe_secret_key.as_deref(),
                &args.stripe_api_base,
                args.stripe_webhook_secret.as_deref(),
            )
        })
        .and_then(|c| c.check_dev_checkout(args.dev_checkout.as_deref()))
        .and_then(|c| c.with_school_timezone(args.school_timezone.as_deref()))
        .and_then(|c| c.with_mail(args.smtp_url.as_deref(), args.mail_from.as_deref()))
        .and_then(|c| c.with_default_locale(args.default_locale.as_deref()))
        {
            Ok(c) => Some(c),
            Err(e) => return config_failure(&e),
        },
        _ => None,
    };
    let db = match connect(&database_url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let result = match command {
        Command::Serve(args) => {
            serve(db, config.unwrap_or_else(|| unreachable!()), args.demo).await
        }
        Command::Migrate => Ok(()),
        Command::SeedDemo => seed_command(&db).await,
        Command::User(UserCommand::Create(args)) => create(&db, args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Connects and applies pending migrations (every command needs the current schema).
async fn connect(url: &DatabaseUrl) -> anyhow::Result<Db> {
    let db = Db::connect(url.expose()).await.map_err(|e| {
        anyhow::anyhow!(
            "AULA_DATABASE_URL: cannot connect to {}: {e}",
            url.redacted()
        )
    })?;
    let applied = db
        .migrate()
        .await
        .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
    tracing::info!(database = %url.redacted(), applied, "database ready");
    Ok(db)
}

async fn serve(db: Db, config: Config, demo: bool) -> anyhow::Result<()> {
    let app = App::new(db.clone(), config.clone(), Clock::System)?;
    if demo && aula_db::accounts::count(&db).await? == 0 {
        seed_demo(&app).await?;
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("AULA_LISTEN: cannot listen on {}: {e}", config.listen))?;
    tracing::info!(listen = %config.listen, public_url = %config.public_url, payments = app.payments.name(), "serving");
    if app.payments.is_dev() {
        println!(
            "Payments: dev checkout (no Stripe key set); checkout links open a local page that can pay."
        );
    } else {
        println!(
            "Payments: Stripe at {}",
            config.stripe.as_ref().map_or("", |s| s.api_base.as_str())
        );
    }
    if !app.mailer.sends() {
        println!("Mail: no AULA_SMTP_URL; mails are logged and listed at /admin/outbox.");
    }
    println!(
        "Aula is listening on http://{} (public URL {})",
        config.listen, config.public_url
    );
    let purger = tokio::spawn(purge_sessions(app.clone()));
    let mailer = tokio::spawn(crate::mail::run(app.clone()));
    router::serve(app, listener, shutdown_signal()).await?;
    purger.abort();
    mailer.abort();
    tracing::info!("stopped");
    db.close().await?;
    Ok(())
}

/// Deletes, now and then every hour, what has served its time: expired login sessions, reset
/// links expired for a day, and mails done with for 30 days (failed ones stay for the admin).
async fn purge_sessions(app: App) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        let now = app.clock.now();
        let day = chrono::Duration::days(1);
        let purged = [
            (
                "expired login sessions",
                aula_db::auth_sessions::purge_expired(&app.db, now).await,
            ),
            (
                "expired reset links",
                aula_db::password_resets::purge_expired(&app.db, now - day).await,
            ),
            (
                "mails done with",
                aula_db::outbox::purge_done(&app.db, now - day * 30).await,
            ),
        ];
        for (what, result) in purged {
            match result {
                Ok(0) => {}
                Ok(n) => tracing::info!(purged = n, "{what} deleted"),
                Err(e) => tracing::warn!(error = %e, "could not delete {what}"),
            }
        }
    }
}

async fn seed_command(db: &Db) -> anyhow::Result<()> {
    let config = Config::parse("127.0.0.1:8080", None, "30")?;
    seed_demo(&App::new(db.clone(), config, Clock::System)?).await
}

async fn seed_demo(app: &App) -> anyhow::Result<()> {
    let accounts = seed::seed_demo(app).await.map_err(describe)?;
    seed::print_accounts(&accounts);
    Ok(())
}

async fn create(db: &Db, args: CreateUserArgs) -> anyhow::Result<()> {
    let role = args.role.map(|r| match r {
        CliRole::Admin => Role::Admin,
        CliRole::Teacher => Role::Teacher,
    });
    let input = NewAccount {
        email: args.email,
        password: args.password,
        first_name: args.first_name,
        last_name: args.last_name,
    };
    let user = create_user(db, input, role, None, Clock::System.now())
        .await
        .map_err(describe)?;
    let roles: Vec<&str> = user.roles().into_iter().map(Role::as_str).collect();
    println!(
        "created user {} <{}> with roles {}",
        user.id,
        user.email,
        roles.join(", ")
    );
    Ok(())
}

/// A readable one-line account of an application error for the terminal.
fn describe(e: AppError) -> anyhow::Error {
    match e {
        AppError::Validation(fields) => {
            let words = crate::i18n::Viewer::default();
            let parts: Vec<String> = fields
                .iter()
                .map(|(f, p)| format!("{f} {}", words.problem(p)))
                .collect();
            anyhow::anyhow!("invalid input: {}", parts.join("; "))
        }
        AppError::Refused(Refusal { message, .. }) => anyhow::anyhow!("{message}"),
        AppError::Internal(e) => e,
        other => anyhow::anyhow!("{other}"),
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
