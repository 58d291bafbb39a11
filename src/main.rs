use clap::{CommandFactory, Parser};
use parley::cli::Cli;
use parley::commands;
use std::io::Write;
use std::process::ExitCode;

/// A load is hundreds of thousands of small strings and vectors, made
/// once and read many times: mimalloc makes and frees them faster than
/// glibc's allocator (100,000 quotes: a warm `parley validate` 88 ms
/// against 126 ms, a cold one 0.77 s against 0.96 s). It is built without
/// asking for transparent huge pages (`no_thp`): where the kernel grants
/// them on request, as most distributions do, every 2 MiB the allocator
/// touched became resident whole, and the warm browser held 260–264 MB
/// instead of 215–217 MB (a warm `parley search` 75 instead of 60 MB). It
/// costs time in page faults: a warm search 62 → 80–86 ms, a cold
/// validate 0.94 → 1.07 s.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(why) = cli.misplaced() {
        Cli::command()
            .error(clap::error::ErrorKind::ArgumentConflict, why)
            .exit();
    }
    match commands::run(cli) {
        Ok(code) => code,
        // Whoever read our output has gone, as with `parley search a | head`.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // The one place errors are reported; text is cleaned because
            // paths and messages can carry dataset bytes.
            let message = parley::text::clean_inline(&e.to_string()).into_owned();
            let _ = writeln!(std::io::stderr(), "parley: {message}");
            ExitCode::from(2)
        }
    }
}
