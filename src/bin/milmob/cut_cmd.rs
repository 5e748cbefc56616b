//! `milmob cut`: the most movement units per day between origin and
//! destination hubs for a load, and the min cut that limits it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use milmob::analysis::bottleneck;
use milmob::routing::Topology;
use milmob::Network;

use crate::analysis_common::load_metric;
use crate::{checks, print_json, CliError};

/// Arguments of `milmob cut`.
#[derive(Args)]
pub struct CutArgs {
    /// Network folder (or GeoJSON file).
    #[arg(long)]
    network: PathBuf,
    /// Origin hub ids, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    from: Vec<String>,
    /// Destination hub ids, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    to: Vec<String>,
    /// Vehicle type id (omit for an unconstrained load).
    #[arg(long)]
    vehicle: Option<String>,
    /// Vehicles moving together [default: 1].
    #[arg(long, value_parser = checks::count)]
    count: Option<u32>,
    /// Carriage policy [default: auto].
    #[arg(long, value_parser = checks::carriage)]
    carriage: Option<String>,
    /// JSON output.
    #[arg(long)]
    json: bool,
}

pub fn run(a: CutArgs) -> Result<ExitCode, CliError> {
    let net = Network::load(&a.network)?;
    let topo = Topology::build(&net);
    let metric = load_metric(&topo, a.vehicle.as_deref(), a.count, a.carriage.as_deref())?;
    let nodes = |ids: &[String], flag: &str| {
        ids.iter()
            .map(|id| {
                topo.hub_node(id.trim())
                    .ok_or_else(|| CliError::usage(format!("{flag}: unknown hub `{id}`")))
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let (from, to) = (nodes(&a.from, "--from")?, nodes(&a.to, "--to")?);
    if from.iter().any(|f| to.contains(f)) {
        return Err(CliError::usage("--from and --to share a hub"));
    }
    let b = bottleneck(&topo, &metric, &from, &to);
    if a.json {
        print_json(&b)?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!("load: {}", b.load)?;
    outln!("from: {}", b.from.join(", "))?;
    outln!("to:   {}", b.to.join(", "))?;
    match (b.connected, b.max_units_per_day) {
        (false, _) => outln!("max throughput: 0 units/day (no usable route joins them)")?,
        (true, None) => outln!("max throughput: unbounded (no capacitated cut separates them)")?,
        (true, Some(m)) => {
            outln!("max throughput: {m:.1} units/day")?;
            outln!("min cut ({} arc(s)):", b.cut.len())?;
            for c in &b.cut {
                outln!(
                    "  {:<12} {:<32} {} → {} ({}) {:.1}/day",
                    c.kind,
                    c.id,
                    c.from,
                    c.to,
                    c.mode,
                    c.units_per_day
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
