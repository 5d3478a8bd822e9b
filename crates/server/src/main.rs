//! The `aula` binary.

fn main() -> std::process::ExitCode {
    aula_server::cli::main()
}
