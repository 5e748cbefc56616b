//! The `milmob` command-line tool: a thin layer over the library that parses
//! arguments and prints results.
//!
//! Exit codes: 0 success (also when stdout is a pipe closed by its reader,
//! e.g. `| head -1`), 1 the input data has errors (or no route exists where
//! one is required, or stdout cannot be written), 2 usage errors (unknown or
//! missing flags, and flag values that are malformed, out of range or
//! contradict each other — see `checks.rs`).
#![forbid(unsafe_code)]

#[macro_use]
mod output;
mod analysis_common;
mod bottlenecks_cmd;
mod calendar_cmd;
mod checks;
mod criticality_cmd;
mod cut_cmd;
mod disrupt_cmd;
mod import_cmd;
mod march_cmd;
mod move_cmd;
mod network_cmds;
mod route_cmds;
mod scenario_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Plans military movements over Europe's dual-use transport corridors.
#[derive(Parser)]
#[command(name = "milmob", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a network folder (or GeoJSON file) and print a summary.
    Validate(network_cmds::ValidateArgs),
    /// Export a network to another format.
    #[command(subcommand)]
    Export(network_cmds::ExportCmd),
    /// Import a network from another format into a network folder.
    #[command(subcommand)]
    Import(import_cmd::ImportCmd),
    /// Nearest hub to a position (optionally of a kind), or hubs within a radius.
    Nearest(network_cmds::NearestArgs),
    /// Earliest arrival of one movement: route, timeline, permit plan.
    Route(route_cmds::RouteArgs),
    /// Plan the movement of a force from a movement order: closure time,
    /// lower bound, units, capacity use.
    Move(move_cmd::MoveArgs),
    /// Run a scenario and write its report (HTML, Markdown, JSON, CSV,
    /// GeoJSON, map and closure chart).
    #[command(subcommand)]
    Scenario(scenario_cmd::ScenarioCmd),
    /// Many routing queries from a CSV file; CSV out (from,to,cost,…).
    Batch(route_cmds::BatchArgs),
    /// Public holidays and working-day arithmetic of a country.
    Calendar(calendar_cmd::CalendarArgs),
    /// Road march of a column: road space, pass time, arrival of head and tail, halts.
    March(march_cmd::MarchArgs),
    /// Criticality of each link on the shortest path of OD pairs: the cost
    /// without it (CSV: from,to,link|arc,…,cost,without).
    Criticality(criticality_cmd::CriticalityArgs),
    /// Max throughput per day between hubs and the min cut that limits it.
    Cut(cut_cmd::CutArgs),
    /// Re-plan a movement order under a disruption file; baseline vs disrupted.
    Disrupt(disrupt_cmd::DisruptArgs),
    /// Force-level bottlenecks of a movement order: closure hours lost per
    /// link and hub, units cut off, upgrades and the hours they save.
    Bottlenecks(bottlenecks_cmd::BottlenecksArgs),
}

/// Why a command failed; decides the exit code.
#[derive(Debug)]
pub enum CliError {
    /// A flag value that is wrong on its own or with the others (exit 2).
    Usage(String),
    /// The input data has errors (exit 1).
    Data(milmob::Error),
    /// stdout could not be written (exit 1).
    Write(std::io::Error),
    /// stdout is a pipe its reader closed: a quiet end (exit 0).
    Closed,
}

impl From<milmob::Error> for CliError {
    fn from(e: milmob::Error) -> CliError {
        CliError::Data(e)
    }
}

impl From<milmob::force::ForceError> for CliError {
    fn from(e: milmob::force::ForceError) -> CliError {
        CliError::Data(e.into())
    }
}

impl From<milmob::permits::PermitError> for CliError {
    fn from(e: milmob::permits::PermitError) -> CliError {
        CliError::Data(e.into())
    }
}

impl CliError {
    /// A usage error with this message.
    pub fn usage(msg: impl Into<String>) -> CliError {
        CliError::Usage(msg.into())
    }

    /// A data error with this message.
    pub fn data(msg: impl Into<String>) -> CliError {
        CliError::Data(milmob::Error::InvalidRequest(msg.into()))
    }

    /// Maps a CSV writer's error on stdout.
    pub fn from_csv(e: csv::Error) -> CliError {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => output::classify(io),
            other => CliError::data(format!("cannot write CSV: {other:?}")),
        }
    }
}

/// A JSON value pretty-printed to stdout.
pub fn print_json(v: &impl serde::Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(v)
        .map_err(|e| CliError::data(format!("cannot encode JSON: {e}")))?;
    outln!("{text}")
}

/// Parses the arguments. `--help` and `--version` go to stdout through
/// [`output`] (so `milmob --help > /dev/full` is a write error, exit 1, and
/// `| head -1` a quiet end); argument errors go to stderr with exit 2, as
/// clap prints them.
fn parse_args() -> Result<Cli, ExitCode> {
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(e) if e.use_stderr() => {
            let _ = e.print();
            Err(ExitCode::from(2))
        }
        Err(e) => {
            let shown = output::write_str(&e.render().to_string()).and_then(|()| output::flush());
            Err(match shown {
                Ok(()) | Err(CliError::Closed) => ExitCode::SUCCESS,
                Err(CliError::Write(w)) => {
                    errln!("error: cannot write to stdout: {w}");
                    ExitCode::from(1)
                }
                Err(_) => ExitCode::from(1),
            })
        }
    }
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let result = match cli.command {
        Command::Validate(a) => network_cmds::validate(a),
        Command::Export(c) => network_cmds::export(c),
        Command::Import(c) => import_cmd::import(c),
        Command::Nearest(a) => network_cmds::nearest(a),
        Command::Route(a) => route_cmds::route(a),
        Command::Batch(a) => route_cmds::batch(a),
        Command::Move(a) => move_cmd::run(a),
        Command::Scenario(c) => scenario_cmd::run(c),
        Command::Calendar(a) => calendar_cmd::calendar(a),
        Command::March(a) => march_cmd::march(a),
        Command::Criticality(a) => criticality_cmd::run(a),
        Command::Cut(a) => cut_cmd::run(a),
        Command::Disrupt(a) => disrupt_cmd::run(a),
        Command::Bottlenecks(a) => bottlenecks_cmd::run(a),
    }
    .and_then(|code| output::flush().map(|()| code));
    match result {
        Ok(code) => code,
        Err(CliError::Closed) => ExitCode::SUCCESS,
        Err(CliError::Usage(m)) => {
            errln!("error: {m}");
            errln!("\nFor more information, try '--help'.");
            ExitCode::from(2)
        }
        Err(CliError::Data(e)) => {
            errln!("error: {e}");
            ExitCode::from(1)
        }
        Err(CliError::Write(e)) => {
            errln!("error: cannot write to stdout: {e}");
            ExitCode::from(1)
        }
    }
}
