use clap::Parser;
use parley::cli::{Cli, Command, ReviewCommand};
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
        Some(Command::Review {
            action: None,
            dataset,
            review,
        }) => commands::browse(dataset.as_deref(), &review, true),
        Some(Command::Review {
            action:
                Some(ReviewCommand::Status {
                    dataset,
                    json,
                    review,
                }),
            ..
        }) => commands::review_status(dataset.as_deref(), json, &review),
        Some(Command::Review {
            action:
                Some(ReviewCommand::Export {
                    dataset,
                    format,
                    output,
                    review,
                }),
            ..
        }) => commands::review_export(dataset.as_deref(), format, output.as_deref(), &review),
        None => commands::browse(cli.dataset.as_deref(), &cli.review, false),
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
