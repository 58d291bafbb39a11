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
/// instead of 215–217 MB (a warm `parley search` 75 instead of 60 MB), for
/// some time in page faults (a warm search 62 → 80–86 ms). It is its v2,
/// not v3: v3 kept freed memory a second before returning it, v2 10 ms
/// (see [`allocator`]); a cold search at 100k peaked at 207 instead of
/// 244 MB in the same time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc returns freed memory to the system 10 ms after it is freed
/// (`purge_delay`). A load frees a dataset's text and the temporaries of
/// parsing, anchoring and indexing within those 10 ms and allocates what
/// it keeps meanwhile, so the pages it freed stayed resident beside the
/// new ones: returned at once, the browser at 100k peaked at 205 instead
/// of 225 MB cold and 200 instead of 212 MB warm, a cold validate at 179
/// instead of 185 MB, in the same time. The bindings of libmimalloc-sys
/// do not name the option, and setting one is a foreign call, so this is
/// the crate's one `unsafe` item.
#[allow(unsafe_code)]
mod allocator {
    use std::ffi::{c_int, c_long};

    /// `mi_option_purge_delay` of mimalloc v2's `mimalloc.h`, and its default.
    const PURGE_DELAY: c_int = 15;
    const DEFAULT_PURGE_DELAY: c_long = 10;

    // SAFETY: the declarations of `mimalloc.h` for the mimalloc that
    // libmimalloc-sys links in; neither takes a pointer, and options may
    // be read and set from any thread at any time.
    unsafe extern "C" {
        safe fn mi_option_get(option: c_int) -> c_long;
        safe fn mi_option_set(option: c_int, value: c_long);
    }

    /// Freed memory goes back to the system at once. Left alone when
    /// `MIMALLOC_PURGE_DELAY` says otherwise, and when the option does
    /// not read as its documented default: then it is not the option
    /// this was written for.
    pub fn purge_at_once() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none()
            && mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY
        {
            mi_option_set(PURGE_DELAY, 0);
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The number names the option whose default is 10 ms, and setting
        /// it takes.
        #[test]
        fn the_purge_delay_is_set_to_nothing() {
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
                return;
            }
            assert_eq!(mi_option_get(PURGE_DELAY), DEFAULT_PURGE_DELAY);
            purge_at_once();
            assert_eq!(mi_option_get(PURGE_DELAY), 0);
        }
    }
}

fn main() -> ExitCode {
    allocator::purge_at_once();
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
