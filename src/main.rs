use clap::Parser;
use parley::cli::{Cli, Command};
use parley::commands;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Validate { dataset, json }) => commands::validate(dataset.as_deref(), json),
        Some(Command::Search {
            query,
            dataset,
            kinds,
            limit,
            json,
        }) => commands::search(&query, dataset.as_deref(), &kinds, limit, json),
        None => commands::browse(cli.dataset.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // The one place errors are reported; text is cleaned because
            // paths and messages can carry dataset bytes.
            eprintln!("parley: {}", parley::text::clean_inline(&e.to_string()));
            ExitCode::from(2)
        }
    }
}
