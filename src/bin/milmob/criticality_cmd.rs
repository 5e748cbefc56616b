//! `milmob criticality`: for each OD pair and each link on its reported
//! shortest path, in path order, the pair's cost and its cost with that link
//! removed (exact; `milmob::analysis::criticality`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use milmob::analysis::{criticality, od_load, CriticalityOptions, Effect, Element, OdDemand};
use milmob::io::dimacs::{read_arcs_with, IdBase};
use milmob::routing::{NodeIdx, Topology};
use milmob::Network;
use serde::Serialize;
use serde_json::json;

use crate::analysis_common::{is_arc_file, load_metric, od_error, read_od, Progress};
use crate::{checks, output, print_json, CliError};

/// Arguments of `milmob criticality`.
#[derive(Args)]
pub struct CriticalityArgs {
    /// Network folder (or GeoJSON file), or a DIMACS arc file (.gr, .dimacs).
    #[arg(long)]
    network: PathBuf,
    /// OD pairs: CSV with columns `from`, `to` (hub ids, or node ids of the arc file).
    #[arg(long, value_parser = checks::existing_path)]
    queries: PathBuf,
    /// Only the N most critical rows (cut-offs first, then the largest extra cost).
    #[arg(long)]
    top: Option<usize>,
    /// CSV output (the default).
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// JSON output.
    #[arg(long)]
    json: bool,
    /// Also remove each hub a path passes through (JSON only lists them).
    #[arg(long)]
    hubs: bool,
    /// Print the OD-weighted load instead (JSON): demand per link and hub
    /// from the `demand` column, importance and unsatisfied demand when each
    /// is lost, exposure per origin and country (Jenelius et al. 2006).
    #[arg(long, conflicts_with_all = ["top", "csv", "hubs"])]
    od_load: bool,
    /// Vehicle type id for a corridor network (omit for an unconstrained load).
    #[arg(long)]
    vehicle: Option<String>,
    /// Vehicles moving together [default: 1].
    #[arg(long, value_parser = checks::count)]
    count: Option<u32>,
    /// Carriage policy [default: auto].
    #[arg(long, value_parser = checks::carriage)]
    carriage: Option<String>,
    /// Node id convention of an arc file: 0 or 1 (default: from its `p` line).
    #[arg(long, value_parser = checks::id_base)]
    ids: Option<IdBase>,
}

/// One output row.
#[derive(Serialize)]
struct Row {
    from: String,
    to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    arc: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    head: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hub: Option<String>,
    cost: Option<f64>,
    without: Option<f64>,
    /// Extra cost (`None` = cut off, or no element).
    extra: Option<f64>,
    cut_off: bool,
}

pub fn run(a: CriticalityArgs) -> Result<ExitCode, CliError> {
    let od = read_od(&a.queries)?;
    let dimacs = is_arc_file(&a.network);
    let (topo, metric, file) = if dimacs {
        if a.vehicle.is_some() || a.count.is_some() || a.carriage.is_some() {
            return Err(CliError::usage(
                "--vehicle, --count and --carriage mean nothing on a DIMACS graph",
            ));
        }
        let file = read_arcs_with(&a.network, a.ids)?;
        let (g, m) = Topology::from_arc_file(&file)?;
        (g, m, Some(file))
    } else {
        if a.ids.is_some() {
            return Err(CliError::usage("--ids applies to DIMACS arc files only"));
        }
        let net = Network::load(&a.network)?;
        let g = Topology::build(&net);
        let m = load_metric(&g, a.vehicle.as_deref(), a.count, a.carriage.as_deref())?;
        (g, m, None)
    };
    // Pairs: node ids of an arc file (an isolated id maps to no node), hub ids otherwise.
    let mut pairs: Vec<(NodeIdx, NodeIdx)> = Vec::with_capacity(od.len());
    let mut isolated = Vec::with_capacity(od.len());
    for q in &od {
        let node = |field: &str, id: &str| -> Result<Option<NodeIdx>, CliError> {
            match &file {
                Some(f) => Ok(f
                    .lookup(id)
                    .map_err(|m| od_error(&a.queries, q, field, m))?
                    .and_then(|_| topo.hub_node(id.trim()))),
                None => topo
                    .hub_node(id)
                    .map(Some)
                    .ok_or_else(|| od_error(&a.queries, q, field, format!("unknown hub `{id}`"))),
            }
        };
        let (s, t) = (node("from", &q.from)?, node("to", &q.to)?);
        // An isolated node reaches only itself: route it as a node to itself or nowhere.
        let same = q.from.trim() == q.to.trim();
        isolated.push(s.is_none() || t.is_none());
        let any = NodeIdx(0);
        pairs.push(match (s, t) {
            (Some(s), Some(t)) => (s, t),
            _ if same => (any, any),
            _ => (any, NodeIdx(u32::MAX)),
        });
    }
    let progress = Progress::new("criticality");
    let cb = progress.callback();
    if a.od_load {
        let demands: Vec<OdDemand> = pairs
            .iter()
            .zip(&od)
            .map(|(&(from, to), q)| OdDemand {
                from,
                to,
                demand: q.demand,
            })
            .collect();
        let opts = CriticalityOptions {
            hubs: true,
            progress: cb.as_ref().map(|f| f as &(dyn Fn(u64, u64) + Sync)),
        };
        let r = od_load(&topo, &metric, &demands, &opts);
        progress.finish();
        print_json(&json!({
            "cost_unit": if dimacs { "weight" } else { "seconds" },
            "report": r,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let opts = CriticalityOptions {
        hubs: a.hubs,
        progress: cb.as_ref().map(|f| f as &(dyn Fn(u64, u64) + Sync)),
    };
    let results = criticality(&topo, &metric, &pairs, &opts);
    progress.finish();
    let scale = |c: u64| if dimacs { c as f64 } else { c as f64 / 60.0 };
    let mut rows: Vec<(usize, usize, Row)> = Vec::new();
    for (k, (q, r)) in od.iter().zip(&results).enumerate() {
        let cost = if isolated[k] && q.from.trim() != q.to.trim() {
            None
        } else {
            r.cost
        };
        let base = |e: Option<&Effect>| {
            let without = e.and_then(|e| e.without);
            Row {
                from: q.from.clone(),
                to: q.to.clone(),
                link: None,
                arc: None,
                tail: None,
                head: None,
                hub: None,
                cost: cost.map(scale),
                without: without.map(scale),
                extra: e
                    .and_then(|e| e.extra(cost.unwrap_or(0)))
                    .map(scale)
                    .filter(|_| cost.is_some()),
                cut_off: e.is_some() && without.is_none(),
            }
        };
        let effects: Vec<&Effect> = r.links.iter().chain(&r.hubs).collect();
        if effects.is_empty() {
            rows.push((k, 0, base(None)));
            continue;
        }
        for (j, e) in effects.into_iter().enumerate() {
            let mut row = base(Some(e));
            match e.element {
                Element::Link(l) => {
                    if dimacs {
                        let info = topo.link(l);
                        row.arc = Some(l.0);
                        row.tail = Some(topo.hub(info.from).id.clone());
                        row.head = Some(topo.hub(info.to).id.clone());
                    } else {
                        row.link = Some(topo.link(l).id.clone());
                    }
                }
                Element::Hub(h) => row.hub = Some(topo.hub(h).id.clone()),
            }
            rows.push((k, j, row));
        }
    }
    if let Some(n) = a.top {
        rows.retain(|r| r.2.link.is_some() || r.2.arc.is_some() || r.2.hub.is_some());
        rows.sort_by(|x, y| {
            y.2.cut_off
                .cmp(&x.2.cut_off)
                .then(
                    y.2.extra
                        .unwrap_or(0.0)
                        .total_cmp(&x.2.extra.unwrap_or(0.0)),
                )
                .then((x.0, x.1).cmp(&(y.0, y.1)))
        });
        rows.truncate(n);
    }
    if a.json {
        let list: Vec<&Row> = rows.iter().map(|r| &r.2).collect();
        print_json(&list)?;
        return Ok(ExitCode::SUCCESS);
    }
    let _ = a.csv;
    let mut w = csv::Writer::from_writer(output::Stdout);
    let header: &[&str] = if dimacs {
        &["from", "to", "arc", "tail", "head", "cost", "without"]
    } else {
        &["from", "to", "link", "cost", "without"]
    };
    w.write_record(header).map_err(CliError::from_csv)?;
    let num = |v: Option<f64>| match v {
        None => String::new(),
        Some(x) if dimacs => format!("{}", x as u64),
        Some(x) => format!("{x:.2}"),
    };
    for (_, _, r) in &rows {
        if r.hub.is_some() {
            continue; // hubs are in the JSON only
        }
        let rec: Vec<String> = if dimacs {
            vec![
                r.from.clone(),
                r.to.clone(),
                r.arc.map(|x| x.to_string()).unwrap_or_default(),
                r.tail.clone().unwrap_or_default(),
                r.head.clone().unwrap_or_default(),
                num(r.cost),
                num(r.without),
            ]
        } else {
            vec![
                r.from.clone(),
                r.to.clone(),
                r.link.clone().unwrap_or_default(),
                num(r.cost),
                num(r.without),
            ]
        };
        w.write_record(&rec).map_err(CliError::from_csv)?;
    }
    w.flush().map_err(output::classify)?;
    Ok(ExitCode::SUCCESS)
}
