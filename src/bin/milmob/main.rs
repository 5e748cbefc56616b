//! The `milmob` command-line tool: a thin layer over the library that parses
//! arguments and prints results. Exit codes: 0 success, 1 the input has
//! errors (or no route exists where one is required), 2 usage errors.
#![forbid(unsafe_code)]

mod calendar_cmd;
mod march_cmd;
mod move_cmd;
mod network_cmds;
mod route_cmds;

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
    Import(network_cmds::ImportCmd),
    /// Nearest hub to a position (optionally of a kind), or hubs within a radius.
    Nearest(network_cmds::NearestArgs),
    /// Earliest arrival of one movement: route, timeline, permit plan.
    Route(route_cmds::RouteArgs),
    /// Plan the movement of a force from a movement order: closure time,
    /// lower bound, units, capacity use.
    Move(move_cmd::MoveArgs),
    /// Many routing queries from a CSV file; CSV out (from,to,cost,…).
    Batch(route_cmds::BatchArgs),
    /// Public holidays and working-day arithmetic of a country.
    Calendar(calendar_cmd::CalendarArgs),
    /// Road march of a column: road space, pass time, arrival of head and tail, halts.
    March(march_cmd::MarchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(a) => network_cmds::validate(a),
        Command::Export(c) => network_cmds::export(c),
        Command::Import(c) => network_cmds::import(c),
        Command::Nearest(a) => network_cmds::nearest(a),
        Command::Route(a) => route_cmds::route(a),
        Command::Batch(a) => route_cmds::batch(a),
        Command::Move(a) => move_cmd::run(a),
        Command::Calendar(a) => calendar_cmd::calendar(a),
        Command::March(a) => march_cmd::march(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
