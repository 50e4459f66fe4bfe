//! The `bordermap` command: a thin layer over the library. `run` returns a `Result`; the
//! error is printed once, here, and mapped to the exit code.

use std::process::ExitCode;

mod cli;

/// glibc returns freed memory to the system eagerly; with events made on one thread and freed
/// on another that costs a system call every few thousand events. Memory is bounded by design
/// (a run holds a few batches of events), so keeping what is freed costs nothing.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called once before any thread starts.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
    }
}

fn main() -> ExitCode {
    tune_allocator();
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
