//! `milmob route`, `milmob batch`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Args;
use milmob::diagnostic::{shorten, Diagnostic};
use milmob::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::io::csv_table::{read_csv, Columns};
use milmob::io::dimacs::{read_arcs_with, ArcFile, IdBase};
use milmob::io::read_network;
use milmob::permits::{CalendarOverlay, Calendars, CargoClass, PermitRegime};
use milmob::report::{route_to_geojson, route_to_text};
use milmob::routing::{
    astar, shortest_path, Closure, DrivingRule, LandmarkPotential, Landmarks, LoadCheck,
    RegimePermits, RouteChoice, RouteOutcome, RouteRequest, Router, SearchSpace, TdSpace, Topology,
    Unconstrained,
};
use milmob::{Error, Network};
use rayon::prelude::*;

use crate::{checks, output, print_json, CliError};

/// What to move and under which rules (shared by `route` and `batch`).
/// Flags with a default are `Option`s so that a flag given on a DIMACS
/// graph, where it means nothing, can be refused.
#[derive(Args, Clone)]
pub struct MovementArgs {
    /// Vehicle type id from the catalogue (omit for an unconstrained load).
    #[arg(long)]
    vehicle: Option<String>,
    /// Number of vehicles moving together, 1..10000 [default: 1].
    #[arg(long, value_parser = checks::count)]
    count: Option<u32>,
    /// Carriage: auto, road (self-propelled), het, rail, sea, inland_waterway, air [default: auto].
    #[arg(long, value_parser = checks::carriage)]
    carriage: Option<String>,
    /// Vehicle catalogue TOML (default: the built-in data/vehicles.toml).
    #[arg(long, value_parser = checks::existing_path)]
    vehicles: Option<PathBuf>,
    /// Permit regime: a built-in name (status-quo, pledge-2018, pledge-2024,
    /// proposal-2025, emergency-2025, standing) or a TOML file [default: pledge-2024].
    #[arg(long, value_parser = checks::regime)]
    regime: Option<String>,
    /// Cargo class for permits (standard, oversize, dangerous_goods); default: from the load.
    #[arg(long, value_parser = checks::cargo_class)]
    cargo_class: Option<CargoClass>,
    /// Framework with standing clearances under the regime (e.g. NATO,
    /// EU-CSDP); must be one the regime lists.
    #[arg(long)]
    framework: Option<String>,
    /// Most road driving between rest halts, hours, 0..24 (0 = no limit) [default: 10].
    #[arg(long, allow_hyphen_values = true, value_parser = checks::driving_hours)]
    max_driving_hours: Option<f64>,
    /// Length of a rest halt, hours, 0..72 [default: 14].
    #[arg(long, allow_hyphen_values = true, value_parser = checks::rest_hours)]
    rest_hours: Option<f64>,
    /// Road links may only be entered in this local window, e.g. 22:00-06:00
    /// (night-only movement of oversize loads).
    #[arg(long, value_parser = checks::window)]
    road_window: Option<milmob::network::DailyWindow>,
    /// Extra non-working days (TOML overlay, see data/FORMAT.md), e.g. a
    /// national day of mourning that delays permits.
    #[arg(long, value_name = "EXTRA.toml", value_parser = checks::existing_path)]
    holidays: Option<PathBuf>,
    /// Take the earliest-arriving route whatever its length (no route
    /// choice within a tolerance).
    #[arg(long)]
    strict_earliest: bool,
    /// Route choice: routes arriving at most this many minutes after the
    /// earliest are acceptable (or --tolerance-share of the trip, whichever
    /// is larger); among them the shortest is taken. 0..43200 [default: 180].
    #[arg(long, allow_hyphen_values = true, value_parser = checks::tolerance_min)]
    tolerance_min: Option<f64>,
    /// Route choice: tolerance as a share of the earliest trip's duration, 0..1 [default: 0.05].
    #[arg(long, allow_hyphen_values = true, value_parser = checks::share)]
    tolerance_share: Option<f64>,
}

impl MovementArgs {
    /// The flags given that mean nothing on a DIMACS graph.
    fn given(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        let flags: [(&'static str, bool); 14] = [
            ("--vehicle", self.vehicle.is_some()),
            ("--count", self.count.is_some()),
            ("--carriage", self.carriage.is_some()),
            ("--vehicles", self.vehicles.is_some()),
            ("--regime", self.regime.is_some()),
            ("--cargo-class", self.cargo_class.is_some()),
            ("--framework", self.framework.is_some()),
            ("--max-driving-hours", self.max_driving_hours.is_some()),
            ("--rest-hours", self.rest_hours.is_some()),
            ("--road-window", self.road_window.is_some()),
            ("--holidays", self.holidays.is_some()),
            ("--strict-earliest", self.strict_earliest),
            ("--tolerance-min", self.tolerance_min.is_some()),
            ("--tolerance-share", self.tolerance_share.is_some()),
        ];
        for (name, set) in flags {
            if set {
                v.push(name);
            }
        }
        v
    }
}

/// Arguments of `milmob route`.
#[derive(Args)]
pub struct RouteArgs {
    /// Network folder, GeoJSON file, or DIMACS arc file (.gr).
    #[arg(long)]
    network: PathBuf,
    /// Origin hub id (DIMACS: a node id as in the file).
    #[arg(long)]
    from: String,
    /// Destination hub id (DIMACS: a node id as in the file).
    #[arg(long)]
    to: String,
    /// Departure instant, RFC 3339 with a UTC offset (e.g.
    /// 2026-03-02T06:00:00+01:00), in 1900..2100.
    #[arg(long, value_parser = checks::instant)]
    depart: Option<DateTime<Utc>>,
    /// When permits are requested, RFC 3339 (default: at departure).
    #[arg(long, value_parser = checks::instant)]
    request: Option<DateTime<Utc>>,
    /// Extra link-disjoint alternatives, 0..10 [default: 0].
    #[arg(long, value_parser = checks::alternatives)]
    alternatives: Option<usize>,
    /// Close a link or hub (by id) for the whole movement, or for an
    /// interval: `ID@FROM/UNTIL` (RFC 3339 instants). Repeatable.
    #[arg(long = "close", value_name = "ID[@FROM/UNTIL]", value_parser = checks::close)]
    close: Vec<checks::CloseArg>,
    #[command(flatten)]
    movement: MovementArgs,
    /// List hubs of this kind near the route (e.g. fuel_point).
    #[arg(long, value_parser = checks::hub_kind)]
    along: Option<milmob::HubKind>,
    /// Distance from the route for --along, km, more than 0 and at most 1000 [default: 25].
    #[arg(long, allow_hyphen_values = true, value_parser = checks::along_km, requires = "along")]
    along_km: Option<f64>,
    /// DIMACS graphs only: node ids are 0-based (`0`) or 1-based (`1`);
    /// default: 1-based when the file has a `p sp` line, else 0-based.
    #[arg(long, value_parser = checks::id_base)]
    ids: Option<IdBase>,
    /// Print JSON.
    #[arg(long, conflicts_with = "geojson")]
    json: bool,
    /// Print GeoJSON of the route.
    #[arg(long)]
    geojson: bool,
}

/// Arguments of `milmob batch`.
#[derive(Args)]
pub struct BatchArgs {
    /// Network folder, GeoJSON file, or DIMACS arc file (.gr).
    #[arg(long)]
    network: PathBuf,
    /// CSV with a header and columns `from,to` and optionally `depart` (RFC 3339).
    #[arg(long, value_parser = checks::existing_path)]
    queries: PathBuf,
    /// Default departure for rows without one (RFC 3339 with a UTC offset).
    #[arg(long, value_parser = checks::instant)]
    depart: Option<DateTime<Utc>>,
    /// DIMACS graphs only: node ids are 0-based (`0`) or 1-based (`1`);
    /// default: 1-based when the file has a `p sp` line, else 0-based.
    #[arg(long, value_parser = checks::id_base)]
    ids: Option<IdBase>,
    #[command(flatten)]
    movement: MovementArgs,
}

fn is_arc_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e == "gr" || e == "dimacs")
}

/// Refuses flags that mean nothing on a DIMACS graph (a plain weighted
/// graph: no hubs, vehicles, permits or clock).
fn refuse_on_dimacs(given: &[&str]) -> Result<(), CliError> {
    if given.is_empty() {
        return Ok(());
    }
    Err(CliError::usage(format!(
        "{} mean(s) nothing on a DIMACS graph (a plain weighted graph: no hubs, vehicles, permits or clock); drop them or use a corridor network",
        given.join(", ")
    )))
}

/// Refuses `--ids` on a corridor network.
fn refuse_ids(ids: Option<IdBase>) -> Result<(), CliError> {
    if ids.is_some() {
        return Err(CliError::usage(
            "--ids applies to DIMACS arc files (.gr) only",
        ));
    }
    Ok(())
}

/// A load built from the movement arguments.
enum Load {
    Profile(Box<LoadProfile>),
    Free,
}

impl Load {
    fn check(&self) -> &dyn LoadCheck {
        match self {
            Load::Profile(p) => p.as_ref(),
            Load::Free => &Unconstrained,
        }
    }
}

struct Setup {
    calendars: Calendars,
    choice: RouteChoice,
    road_window: Option<milmob::network::DailyWindow>,
    load: Load,
    regime: PermitRegime,
    class: CargoClass,
    driving: Option<DrivingRule>,
    framework: Option<String>,
}

fn setup(m: &MovementArgs) -> Result<Setup, CliError> {
    // Values are checked by clap (checks.rs); here the combinations.
    let carriage = m.carriage.as_deref().unwrap_or("auto");
    let policy: CarriagePolicy = carriage
        .parse()
        .map_err(|e: milmob::force::ForceError| CliError::usage(e.to_string()))?;
    let count = m.count.unwrap_or(1);
    if m.vehicle.is_none() && (m.count.is_some() || m.carriage.is_some() || m.vehicles.is_some()) {
        return Err(CliError::usage(
            "--count, --carriage and --vehicles need --vehicle (without it the load is unconstrained)",
        ));
    }
    let load = match &m.vehicle {
        None => Load::Free,
        Some(v) => {
            let owned;
            let cat: &VehicleCatalogue = match &m.vehicles {
                Some(p) => {
                    owned = VehicleCatalogue::load(p)?;
                    &owned
                }
                None => VehicleCatalogue::builtin(),
            };
            let load = LoadProfile::for_group(cat, &[(v.as_str(), count)], &policy)?;
            refuse_several_units(cat, v, count, &policy)?;
            Load::Profile(Box::new(load))
        }
    };
    let regime_name = m.regime.as_deref().unwrap_or("pledge-2024");
    let regime = if PermitRegime::builtin_names().contains(&regime_name) {
        PermitRegime::builtin(regime_name).map_err(|e| CliError::usage(e.to_string()))?
    } else {
        // checks::regime made sure it is an existing file.
        PermitRegime::load(regime_name).map_err(|e| CliError::data(e.to_string()))?
    };
    let framework = match &m.framework {
        None => None,
        Some(f) => {
            let known = regime.standing_clearances();
            if !known
                .iter()
                .any(|k| k.trim().eq_ignore_ascii_case(f.trim()))
            {
                return Err(CliError::usage(if known.is_empty() {
                    format!(
                        "--framework `{f}`: regime {} has no standing clearances, so no framework changes its lead times",
                        regime.name()
                    )
                } else {
                    format!(
                        "--framework `{f}` is not a framework of regime {} (known: {})",
                        regime.name(),
                        known.join(", ")
                    )
                }));
            }
            Some(f.clone())
        }
    };
    let class = match (m.cargo_class, &load) {
        (Some(c), _) => c,
        (None, Load::Profile(p)) => cargo_class(p),
        (None, Load::Free) => CargoClass::Standard,
    };
    let max_driving_hours = m.max_driving_hours.unwrap_or(10.0);
    let rest_hours = m.rest_hours.unwrap_or(14.0);
    let driving =
        (max_driving_hours > 0.0).then(|| DrivingRule::hours(max_driving_hours, rest_hours));
    let calendars = match &m.holidays {
        Some(p) => Calendars::with_overlay(CalendarOverlay::load(p)?),
        None => Calendars::new(),
    };
    let choice = RouteChoice {
        strict_earliest: m.strict_earliest,
        tolerance_min: m.tolerance_min.unwrap_or(180.0),
        tolerance_share: m.tolerance_share.unwrap_or(0.05),
    };
    Ok(Setup {
        calendars,
        choice,
        road_window: m.road_window,
        load,
        regime,
        class,
        driving,
        framework,
    })
}

/// A `--close` value resolved against the network.
fn resolve_closure(c: &checks::CloseArg, topo: &Topology) -> Result<Closure, CliError> {
    let closure = if let Some(l) = topo.link_by_id(&c.id) {
        Closure::link(l)
    } else if let Some(h) = topo.hub_by_id(&c.id) {
        Closure::hub(h)
    } else {
        return Err(CliError::data(format!(
            "--close `{}`: `{}` is neither a link nor a hub of the network",
            c.text, c.id
        )));
    };
    Ok(match c.interval {
        Some((from, until)) => closure.between(from, until),
        None => closure,
    })
}

/// One route is one movement unit. A group that splits into several (march
/// units of 20 vehicles, trains, sailings, sorties) shares capacity between
/// them: that is `milmob move`'s job, so `route` says so instead of
/// pretending they all arrive at once.
fn refuse_several_units(
    cat: &VehicleCatalogue,
    vehicle: &str,
    count: u32,
    policy: &CarriagePolicy,
) -> Result<(), CliError> {
    let element = milmob::movement::ForceElement {
        id: "route".into(),
        vehicles: vec![(vehicle.to_string(), count)],
        origin: String::new(),
        destination: String::new(),
        carriage: *policy,
        earliest_departure: chrono::DateTime::<Utc>::UNIX_EPOCH,
        priority: 1,
        max_self_propelled_km: None,
    };
    let rules = milmob::movement::SplitRules::default();
    let Ok(units) = milmob::movement::split_element(cat, &element, 0, &rules) else {
        // A group that cannot be split on its main mode is routed (and its
        // limits explained) as one load.
        return Ok(());
    };
    if units.len() > 1 {
        let kind = match units[0].kind {
            milmob::movement::UnitKind::MarchUnit => "march units",
            milmob::movement::UnitKind::Train => "trains",
            milmob::movement::UnitKind::Sailing => "sailings",
            milmob::movement::UnitKind::Sortie => "sorties",
        };
        return Err(CliError::usage(format!(
            "--count {count}: {count} × {vehicle} under carriage `{}` move as {} {kind} (at most {} vehicles each), which share the network's capacity; `route` plans one movement unit — plan the group with `milmob move <order.toml>` (a movement order, see data/FORMAT.md)",
            policy.as_str(),
            units.len(),
            units.iter().map(|u| u.vehicle_count).max().unwrap_or(0)
        )));
    }
    Ok(())
}

fn load_network(p: &Path) -> Result<Network, Error> {
    read_network(p).into_result()
}

/// A node of a DIMACS graph by its file id: `Some(node)` if an arc uses it,
/// `None` if it is a valid but isolated id.
fn dimacs_node(
    file: &ArcFile,
    g: &Topology,
    id: &str,
) -> Result<Option<milmob::routing::NodeIdx>, String> {
    Ok(file.lookup(id)?.and_then(|_| g.hub_node(id.trim())))
}

fn route_dimacs(a: &RouteArgs) -> Result<ExitCode, CliError> {
    let mut given = a.movement.given();
    for (name, set) in [
        ("--depart", a.depart.is_some()),
        ("--request", a.request.is_some()),
        ("--alternatives", a.alternatives.is_some()),
        ("--close", !a.close.is_empty()),
        ("--along", a.along.is_some()),
        ("--along-km", a.along_km.is_some()),
        ("--geojson", a.geojson),
    ] {
        if set {
            given.push(name);
        }
    }
    refuse_on_dimacs(&given)?;
    let file = read_arcs_with(&a.network, a.ids)?;
    let (g, metric) = Topology::from_arc_file(&file)?;
    let node = |flag: &str, id: &str| {
        dimacs_node(&file, &g, id).map_err(|m| {
            CliError::Data(Error::InvalidRequest(format!(
                "{flag} {}: {m}",
                shorten(id)
            )))
        })
    };
    let (s, t) = (node("--from", &a.from)?, node("--to", &a.to)?);
    let same = a.from.trim().parse::<u64>().ok() == a.to.trim().parse::<u64>().ok();
    let p = match (s, t) {
        (Some(s), Some(t)) => {
            let mut space = SearchSpace::new(g.node_count());
            shortest_path(&g, &metric, &mut space, s, t).map(|p| {
                // The file's ids (hub ids of an arc-file topology are them).
                let nodes: Vec<u64> = p
                    .nodes
                    .iter()
                    .filter_map(|&v| g.hub(g.node_hub(v)).id.parse().ok())
                    .collect();
                (p.cost, nodes, p.arcs.len())
            })
        }
        // An isolated node reaches only itself.
        _ if same => a.from.trim().parse().ok().map(|id| (0, vec![id], 0)),
        _ => None,
    };
    if a.json {
        let v = match &p {
            Some((cost, nodes, _)) => {
                serde_json::json!({"status": "found", "from": a.from, "to": a.to, "cost": cost, "nodes": nodes})
            }
            None => {
                serde_json::json!({"status": "no_route", "from": a.from, "to": a.to, "cost": null})
            }
        };
        print_json(&v)?;
    } else {
        match &p {
            Some((cost, _, arcs)) => outln!("{} → {}: cost {cost} over {arcs} arcs", a.from, a.to)?,
            None => outln!("{} → {}: no route", a.from, a.to)?,
        }
    }
    Ok(if p.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn route(a: RouteArgs) -> Result<ExitCode, CliError> {
    if is_arc_file(&a.network) {
        return route_dimacs(&a);
    }
    refuse_ids(a.ids)?;
    let depart = a
        .depart
        .ok_or_else(|| CliError::usage("--depart is required for corridor networks"))?;
    let net = load_network(&a.network)?;
    let su = setup(&a.movement)?;
    let permits = RegimePermits {
        regime: &su.regime,
        calendars: &su.calendars,
        class: su.class,
        framework: su.framework.clone(),
    };
    let router = Router::new(&net, su.load.check());
    let closures = a
        .close
        .iter()
        .map(|c| resolve_closure(c, router.topology()))
        .collect::<Result<Vec<_>, CliError>>()?;
    let req = RouteRequest {
        permit_request: a.request,
        driving: su.driving,
        road_window: su.road_window,
        alternatives: a.alternatives.unwrap_or(0),
        closures,
        choice: su.choice,
        ..RouteRequest::new(&a.from, &a.to, depart)
    };
    let outcome = router.route_or_explain(&req, &permits, &mut TdSpace::new())?;
    let found = matches!(outcome, RouteOutcome::Found { .. });
    let along_km = a.along_km.unwrap_or(25.0);
    if a.json {
        // The library's serialisation is the documented route JSON.
        print_json(&outcome)?;
    } else if a.geojson {
        match &outcome {
            RouteOutcome::Found { route, .. } => print_json(&route_to_geojson(route, &net))?,
            RouteOutcome::NoRoute(nr) => errln!("no route: {}", nr.reason),
        }
    } else {
        outln!(
            "load: {} (cargo class {}, regime {})",
            su.load.check().describe(),
            su.class,
            su.regime.name()
        )?;
        match &outcome {
            RouteOutcome::Found { .. } => {
                for (i, r) in outcome.routes().into_iter().enumerate() {
                    if i > 0 {
                        outln!("\nalternative {i} (link-disjoint):")?;
                    }
                    output::write_str(&route_to_text(r))?;
                    if let Some(kind) = a.along {
                        let index = milmob::network::HubIndex::new(&net);
                        let line = milmob::report::route_line(r, &net);
                        let hits = index.near_line(&line, along_km, Some(kind));
                        outln!(
                            "{} hub(s) of kind {kind} within {along_km} km of the route:",
                            hits.len()
                        )?;
                        for h in hits {
                            outln!("  {:>6.1} km  {}  {}", h.distance_km, h.hub.id, h.hub.name)?;
                        }
                    }
                }
            }
            RouteOutcome::NoRoute(nr) => {
                outln!("no route: {}", nr.reason)?;
                for r in &nr.relaxations {
                    outln!("  - {}", r.message)?;
                }
            }
        }
    }
    Ok(if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One batch query: line, from, to, optional departure.
struct Query {
    line: u64,
    from: String,
    to: String,
    depart: Option<String>,
}

/// Columns of a batch query file.
const QUERY_COLUMNS: Columns<'static> = Columns {
    known: &["from", "to", "depart"],
    required: &["from", "to"],
};

fn read_queries(path: &Path) -> Result<Vec<Query>, Error> {
    let invalid = |diagnostics: Vec<Diagnostic>| Error::Invalid {
        origin: path.display().to_string(),
        diagnostics,
    };
    let text = milmob::io::read_text_file(path).map_err(|d| invalid(vec![*d]))?;
    let mut diags = Vec::new();
    let table = read_csv(&text, path, QUERY_COLUMNS, &mut diags);
    let Some(t) = table else {
        return Err(invalid(diags));
    };
    let mut out = Vec::new();
    for (line, rec) in &t.rows {
        let get = |c: &str| t.cell(rec, c).filter(|s| !s.is_empty());
        let (from, to) = (get("from"), get("to"));
        for (field, v) in [("from", &from), ("to", &to)] {
            if v.is_none() {
                diags.push(
                    Diagnostic::error("is required but empty")
                        .in_file(path)
                        .at_line(*line)
                        .field(field),
                );
            }
        }
        out.push(Query {
            line: *line,
            from: from.unwrap_or_default(),
            to: to.unwrap_or_default(),
            depart: get("depart"),
        });
    }
    if !diags.is_empty() {
        return Err(invalid(diags));
    }
    if out.is_empty() {
        return Err(invalid(vec![Diagnostic::error(
            "no queries (the file has a header but no rows)",
        )
        .in_file(path)]));
    }
    Ok(out)
}

pub fn batch(a: BatchArgs) -> Result<ExitCode, CliError> {
    let queries = read_queries(&a.queries)?;
    let qerr = |q: &Query, field: &str, id: &str, msg: String| {
        CliError::Data(Error::Invalid {
            origin: a.queries.display().to_string(),
            diagnostics: vec![Diagnostic::error(msg)
                .in_file(&a.queries)
                .at_line(q.line)
                .field(field)
                .id(shorten(id))],
        })
    };
    let mut w = csv::Writer::from_writer(output::Stdout);
    if is_arc_file(&a.network) {
        let mut given = a.movement.given();
        if a.depart.is_some() {
            given.push("--depart");
        }
        refuse_on_dimacs(&given)?;
        if let Some(q) = queries.iter().find(|q| q.depart.is_some()) {
            return Err(qerr(
                q,
                "depart",
                "",
                "a departure means nothing on a DIMACS graph (no clock); leave the `depart` column empty".into(),
            ));
        }
        let file = read_arcs_with(&a.network, a.ids)?;
        let (g, metric) = Topology::from_arc_file(&file)?;
        // Many queries: landmark tables pay for themselves.
        let lm = Landmarks::build(&g, &metric, milmob::routing::landmarks::DEFAULT_LANDMARKS);
        let mut ids = Vec::with_capacity(queries.len());
        for q in &queries {
            let s = dimacs_node(&file, &g, &q.from).map_err(|m| qerr(q, "from", &q.from, m))?;
            let t = dimacs_node(&file, &g, &q.to).map_err(|m| qerr(q, "to", &q.to, m))?;
            let same = q.from.trim().parse::<u64>().ok() == q.to.trim().parse::<u64>().ok();
            ids.push((s, t, same));
        }
        let costs: Vec<Option<u64>> = ids
            .par_iter()
            .map_init(
                || SearchSpace::new(g.node_count()),
                |sp, &(s, t, same)| match (s, t) {
                    (Some(s), Some(t)) => {
                        astar(&g, &metric, sp, s, t, &LandmarkPotential::new(&lm, t))
                            .map(|p| p.cost)
                    }
                    // An isolated node reaches only itself.
                    _ => same.then_some(0),
                },
            )
            .collect();
        w.write_record(["from", "to", "cost"])
            .map_err(CliError::from_csv)?;
        for (q, c) in queries.iter().zip(costs) {
            w.write_record([
                q.from.as_str(),
                q.to.as_str(),
                &c.map(|c| c.to_string()).unwrap_or_default(),
            ])
            .map_err(CliError::from_csv)?;
        }
        w.flush().map_err(output::classify)?;
        return Ok(ExitCode::SUCCESS);
    }
    refuse_ids(a.ids)?;
    let net = load_network(&a.network)?;
    let su = setup(&a.movement)?;
    let permits = RegimePermits {
        regime: &su.regime,
        calendars: &su.calendars,
        class: su.class,
        framework: su.framework.clone(),
    };
    let router = Router::new(&net, su.load.check());
    let mut reqs = Vec::with_capacity(queries.len());
    for q in &queries {
        let depart = match &q.depart {
            Some(d) => checks::parse_instant(d).map_err(|e| qerr(q, "depart", "", e))?,
            None => a.depart.ok_or_else(|| {
                qerr(
                    q,
                    "depart",
                    "",
                    "no `depart` in this row and no --depart given".into(),
                )
            })?,
        };
        for (field, id) in [("from", &q.from), ("to", &q.to)] {
            if net.hub(id).is_none() {
                return Err(qerr(q, field, id, "unknown hub".into()));
            }
        }
        reqs.push(RouteRequest {
            driving: su.driving,
            road_window: su.road_window,
            choice: su.choice,
            ..RouteRequest::new(&q.from, &q.to, depart)
        });
    }
    let results: Vec<Result<RouteOutcome, Error>> = reqs
        .par_iter()
        .map_init(TdSpace::new, |sp, r| router.route(r, &permits, sp))
        .collect();
    w.write_record([
        "from",
        "to",
        "cost",
        "depart",
        "arrival",
        "distance_km",
        "countries",
        "permit_wait_min",
    ])
    .map_err(CliError::from_csv)?;
    for (q, r) in queries.iter().zip(results) {
        match r? {
            RouteOutcome::Found { route, .. } => {
                let r = &route;
                let wait = r.permit_plan.iter().fold(0.0, |a, p| a + p.delay_min);
                w.write_record([
                    q.from.clone(),
                    q.to.clone(),
                    format!("{:.1}", r.duration_h * 60.0),
                    r.depart.to_rfc3339(),
                    r.arrival.to_rfc3339(),
                    format!("{:.1}", r.distance_km),
                    r.countries.join(";"),
                    format!("{wait:.1}"),
                ])
                .map_err(CliError::from_csv)?;
            }
            RouteOutcome::NoRoute(_) => {
                w.write_record([q.from.as_str(), q.to.as_str(), "", "", "", "", "", ""])
                    .map_err(CliError::from_csv)?;
            }
        }
    }
    w.flush().map_err(output::classify)?;
    Ok(ExitCode::SUCCESS)
}
