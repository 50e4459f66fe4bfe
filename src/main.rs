//! The `bordermap` command: a thin layer over the library. `run` returns a `Result`; the
//! error is printed once, here, and mapped to the exit code.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            if let bordermap::error::Error::Io { source, .. } = &e {
                if source.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            eprintln!("bordermap: {e}");
            ExitCode::from(cli::exit_code(&e))
        }
    }
}
