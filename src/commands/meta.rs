//! Commands about parley itself: its config file, shell completions and
//! manual page, all generated from the same definitions.

use super::{CommandError, Context};
use crate::cli::{CacheCommand, Cli, ConfigCommand};
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

pub fn config(cx: &Context, action: ConfigCommand) -> Result<ExitCode, CommandError> {
    let mut out = std::io::stdout().lock();
    match action {
        ConfigCommand::Path => {
            let path = cx.config.path.clone().or_else(crate::config::default_path);
            match path {
                Some(p) => writeln!(out, "{}", p.display())?,
                None => {
                    return Err(CommandError::Usage(
                        "no config folder: set XDG_CONFIG_HOME or HOME, or pass --config PATH"
                            .into(),
                    ));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::Check => {
            let problems = &cx.config.problems;
            write!(out, "{}", crate::config::report(problems))?;
            match &cx.config.path {
                Some(p) if problems.is_empty() => writeln!(out, "{}: no problems", p.display())?,
                None => writeln!(out, "no config file; the defaults apply")?,
                Some(_) => {}
            }
            Ok(if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

pub fn cache(cx: &Context, action: CacheCommand) -> Result<ExitCode, CommandError> {
    let mut out = std::io::stdout().lock();
    // `--no-cache` does not hide the folder from these: it is still there
    // to look at or clear.
    let cache = match cx.cache.dir() {
        Some(_) => &cx.cache,
        None => &crate::cache::Cache::new(crate::cache::Cache::default_dir()),
    };
    let Some(dir) = cache.dir() else {
        return Err(CommandError::Usage(
            "no cache folder: set XDG_CACHE_HOME or HOME".into(),
        ));
    };
    let shown = crate::text::clean_inline(&dir.display().to_string()).into_owned();
    let mb = |bytes: u64| bytes as f64 / (1 << 20) as f64;
    match action {
        CacheCommand::Path => writeln!(out, "{shown}")?,
        CacheCommand::Clear => {
            let (n, bytes) = cache.clear().map_err(|e| cache_error(&shown, e))?;
            writeln!(
                out,
                "removed {} ({:.1} MiB) from {shown}",
                super::plural(n, "entry").replace("entrys", "entries"),
                mb(bytes)
            )?;
        }
        CacheCommand::Info => {
            let info = cache.info().map_err(|e| cache_error(&shown, e))?;
            writeln!(out, "folder: {shown}")?;
            writeln!(out, "entries: {} ({:.1} MiB)", info.entries, mb(info.bytes))?;
            writeln!(
                out,
                "cap: {:.0} MiB, least recently used entries removed first",
                mb(crate::cache::SIZE_CAP)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cache_error(dir: &str, e: std::io::Error) -> CommandError {
    CommandError::Usage(format!("cache folder {dir}: {e}"))
}

pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode, CommandError> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "parley", &mut buf);
    std::io::stdout().lock().write_all(&buf)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man() -> Result<ExitCode, CommandError> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    // One page per subcommand too, appended: `man -l -` shows them all.
    for sub in Cli::command().get_subcommands() {
        let name = format!("parley-{}", sub.get_name());
        let sub = sub.clone().name(name);
        clap_mangen::Man::new(sub).render(&mut buf)?;
    }
    std::io::stdout().lock().write_all(&buf)?;
    Ok(ExitCode::SUCCESS)
}
