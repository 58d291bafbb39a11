//! Commands about parley itself: its config file, shell completions and
//! manual page, all generated from the same definitions.

use super::{CommandError, Context};
use crate::cli::{Cli, ConfigCommand};
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
