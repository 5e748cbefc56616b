//! `milmob route`, `milmob batch`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Args;
use milmob::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::io::dimacs::read_arcs;
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

/// What to move and under which rules (shared by `route` and `batch`).
#[derive(Args, Clone)]
pub struct MovementArgs {
    /// Vehicle type id from the catalogue (omit for an unconstrained load).
    #[arg(long)]
    vehicle: Option<String>,
    /// Number of vehicles moving together.
    #[arg(long, default_value_t = 1)]
    count: u32,
    /// Carriage: auto, road (self-propelled), het, rail, sea, inland_waterway, air.
    #[arg(long, default_value = "auto")]
    carriage: String,
    /// Vehicle catalogue TOML (default: the built-in data/vehicles.toml).
    #[arg(long)]
    vehicles: Option<PathBuf>,
    /// Permit regime: a built-in name (status-quo, pledge-2018, pledge-2024,
    /// proposal-2025, emergency-2025, standing) or a TOML file.
    #[arg(long, default_value = "pledge-2024")]
    regime: String,
    /// Cargo class for permits (standard, oversize, dangerous_goods); default: from the load.
    #[arg(long)]
    cargo_class: Option<String>,
    /// Framework with standing clearances (e.g. NATO, EU-CSDP).
    #[arg(long)]
    framework: Option<String>,
    /// Most road driving between rest halts, hours (0 = no limit).
    #[arg(long, default_value_t = 10.0)]
    max_driving_hours: f64,
    /// Length of a rest halt, hours.
    #[arg(long, default_value_t = 14.0)]
    rest_hours: f64,
    /// Road links may only be entered in this local window, e.g. 22:00-06:00
    /// (night-only movement of oversize loads).
    #[arg(long)]
    road_window: Option<String>,
    /// Extra non-working days (TOML overlay, see data/FORMAT.md), e.g. a
    /// national day of mourning that delays permits.
    #[arg(long, value_name = "EXTRA.toml")]
    holidays: Option<PathBuf>,
    /// Take the earliest-arriving route whatever its length (no route
    /// choice within a tolerance).
    #[arg(long)]
    strict_earliest: bool,
    /// Route choice: routes arriving at most this many minutes after the
    /// earliest are acceptable (or --tolerance-share of the trip, whichever
    /// is larger); among them the shortest is taken.
    #[arg(long, default_value_t = 180.0)]
    tolerance_min: f64,
    /// Route choice: tolerance as a share of the earliest trip's duration.
    #[arg(long, default_value_t = 0.05)]
    tolerance_share: f64,
}

/// Arguments of `milmob route`.
#[derive(Args)]
pub struct RouteArgs {
    /// Network folder, GeoJSON file, or DIMACS arc file (.gr).
    #[arg(long)]
    network: PathBuf,
    /// Origin hub id.
    #[arg(long)]
    from: String,
    /// Destination hub id.
    #[arg(long)]
    to: String,
    /// Departure instant, RFC 3339 (e.g. 2026-03-02T06:00:00+01:00).
    #[arg(long)]
    depart: Option<String>,
    /// When permits are requested, RFC 3339 (default: at departure).
    #[arg(long)]
    request: Option<String>,
    /// Extra link-disjoint alternatives.
    #[arg(long, default_value_t = 0)]
    alternatives: usize,
    /// Close a link or hub (by id) for the whole movement, or for an
    /// interval: `ID@FROM/UNTIL` (RFC 3339 instants). Repeatable.
    #[arg(long = "close", value_name = "ID[@FROM/UNTIL]")]
    close: Vec<String>,
    #[command(flatten)]
    movement: MovementArgs,
    /// List hubs of this kind near the route (e.g. fuel_point).
    #[arg(long)]
    along: Option<String>,
    /// Distance from the route for --along, km.
    #[arg(long, default_value_t = 25.0)]
    along_km: f64,
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
    #[arg(long)]
    queries: PathBuf,
    /// Default departure for rows without one (RFC 3339).
    #[arg(long)]
    depart: Option<String>,
    #[command(flatten)]
    movement: MovementArgs,
}

fn parse_instant(s: &str, what: &str) -> Result<DateTime<Utc>, Error> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| {
            Error::InvalidRequest(format!(
                "{what} `{s}` is not an RFC 3339 instant ({e}), e.g. 2026-03-02T06:00:00+01:00"
            ))
        })
}

fn is_arc_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e == "gr" || e == "dimacs")
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
}

fn setup(m: &MovementArgs) -> Result<Setup, Error> {
    // Check every movement flag, whether or not a vehicle is given.
    let policy: CarriagePolicy = m
        .carriage
        .parse()
        .map_err(|e: milmob::force::ForceError| Error::InvalidRequest(e.to_string()))?;
    if m.count == 0 {
        return Err(Error::InvalidRequest("--count must be at least 1".into()));
    }
    if m.vehicle.is_none() && (m.count != 1 || m.carriage != "auto" || m.vehicles.is_some()) {
        return Err(Error::InvalidRequest(
            "--count, --carriage and --vehicles need --vehicle (without it the load is unconstrained)".into(),
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
            Load::Profile(Box::new(LoadProfile::for_group(
                cat,
                &[(v.as_str(), m.count)],
                &policy,
            )?))
        }
    };
    let regime = if Path::new(&m.regime).is_file() {
        PermitRegime::load(&m.regime)
    } else {
        PermitRegime::builtin(&m.regime)
    }
    .map_err(|e| Error::InvalidRequest(e.to_string()))?;
    let class = match (&m.cargo_class, &load) {
        (Some(c), _) => c
            .parse::<CargoClass>()
            .map_err(|e| Error::InvalidRequest(e.to_string()))?,
        (None, Load::Profile(p)) => cargo_class(p),
        (None, Load::Free) => CargoClass::Standard,
    };
    if !(m.max_driving_hours.is_finite()
        && m.max_driving_hours >= 0.0
        && m.max_driving_hours <= 24.0)
    {
        return Err(Error::InvalidRequest(format!(
            "--max-driving-hours {} must be between 0 and 24",
            m.max_driving_hours
        )));
    }
    if !(m.rest_hours.is_finite() && m.rest_hours >= 0.0 && m.rest_hours <= 72.0) {
        return Err(Error::InvalidRequest(format!(
            "--rest-hours {} must be between 0 and 72",
            m.rest_hours
        )));
    }
    let driving =
        (m.max_driving_hours > 0.0).then(|| DrivingRule::hours(m.max_driving_hours, m.rest_hours));
    let road_window = m
        .road_window
        .as_deref()
        .map(|w| w.parse::<milmob::network::DailyWindow>())
        .transpose()
        .map_err(|e| Error::InvalidRequest(format!("--road-window: {e}")))?;
    let calendars = match &m.holidays {
        Some(p) => Calendars::with_overlay(CalendarOverlay::load(p)?),
        None => Calendars::new(),
    };
    if !(m.tolerance_min.is_finite() && (0.0..=30.0 * 1440.0).contains(&m.tolerance_min)) {
        return Err(Error::InvalidRequest(format!(
            "--tolerance-min {} must be between 0 and 43200 (30 days)",
            m.tolerance_min
        )));
    }
    if !(m.tolerance_share.is_finite() && (0.0..=1.0).contains(&m.tolerance_share)) {
        return Err(Error::InvalidRequest(format!(
            "--tolerance-share {} must be between 0 and 1",
            m.tolerance_share
        )));
    }
    let choice = RouteChoice {
        strict_earliest: m.strict_earliest,
        tolerance_min: m.tolerance_min,
        tolerance_share: m.tolerance_share,
    };
    Ok(Setup {
        calendars,
        choice,
        road_window,
        load,
        regime,
        class,
        driving,
    })
}

/// `ID` or `ID@FROM/UNTIL`: a link or hub closed for the movement or an interval.
fn parse_closure(text: &str, topo: &Topology) -> Result<Closure, Error> {
    let (id, interval) = match text.split_once('@') {
        Some((id, iv)) => (id.trim(), Some(iv)),
        None => (text.trim(), None),
    };
    let closure = if let Some(l) = topo.link_by_id(id) {
        Closure::link(l)
    } else if let Some(h) = topo.hub_by_id(id) {
        Closure::hub(h)
    } else {
        return Err(Error::InvalidRequest(format!(
            "--close `{text}`: `{id}` is neither a link nor a hub of the network"
        )));
    };
    let Some(iv) = interval else {
        return Ok(closure);
    };
    let Some((from, until)) = iv.split_once('/') else {
        return Err(Error::InvalidRequest(format!(
            "--close `{text}`: the interval must be FROM/UNTIL, e.g. {id}@2026-03-03T00:00:00Z/2026-03-04T00:00:00Z"
        )));
    };
    let (from, until) = (
        parse_instant(from, "--close start")?,
        parse_instant(until, "--close end")?,
    );
    if until <= from {
        return Err(Error::InvalidRequest(format!(
            "--close `{text}`: the closure ends before it starts"
        )));
    }
    Ok(closure.between(from, until))
}

fn load_network(p: &Path) -> Result<Network, Error> {
    read_network(p).into_result()
}

pub fn route(a: RouteArgs) -> Result<ExitCode, Error> {
    if is_arc_file(&a.network) {
        let file = read_arcs(&a.network)?;
        let (g, metric) = Topology::from_arc_file(&file)?;
        let node = |id: &str| {
            g.hub_node(id)
                .ok_or_else(|| Error::UnknownHub(id.to_string()))
        };
        let (s, t) = (node(&a.from)?, node(&a.to)?);
        let mut space = SearchSpace::new(g.node_count());
        let p = shortest_path(&g, &metric, &mut space, s, t);
        let v = match &p {
            Some(p) => {
                serde_json::json!({"status": "found", "from": a.from, "to": a.to, "cost": p.cost, "nodes": p.nodes})
            }
            None => {
                serde_json::json!({"status": "no_route", "from": a.from, "to": a.to, "cost": null})
            }
        };
        if a.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&v)
                    .map_err(|e| Error::InvalidRequest(e.to_string()))?
            );
        } else {
            match &p {
                Some(p) => println!(
                    "{} → {}: cost {} over {} arcs",
                    a.from,
                    a.to,
                    p.cost,
                    p.arcs.len()
                ),
                None => println!("{} → {}: no route", a.from, a.to),
            }
        }
        return Ok(if p.is_some() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let depart = parse_instant(
        a.depart.as_deref().ok_or_else(|| {
            Error::InvalidRequest("--depart is required for corridor networks".into())
        })?,
        "--depart",
    )?;
    let request = a
        .request
        .as_deref()
        .map(|r| parse_instant(r, "--request"))
        .transpose()?;
    let along = a
        .along
        .as_deref()
        .map(|k| k.parse::<milmob::HubKind>())
        .transpose()
        .map_err(Error::InvalidRequest)?;
    if !(a.along_km.is_finite() && a.along_km > 0.0 && a.along_km <= 1000.0) {
        return Err(Error::InvalidRequest(format!(
            "--along-km {} must be in 0..1000",
            a.along_km
        )));
    }
    let net = load_network(&a.network)?;
    let su = setup(&a.movement)?;
    let permits = RegimePermits {
        regime: &su.regime,
        calendars: &su.calendars,
        class: su.class,
        framework: a.movement.framework.clone(),
    };
    let router = Router::new(&net, su.load.check());
    let closures = a
        .close
        .iter()
        .map(|c| parse_closure(c, router.topology()))
        .collect::<Result<Vec<_>, Error>>()?;
    let req = RouteRequest {
        permit_request: request,
        driving: su.driving,
        road_window: su.road_window,
        alternatives: a.alternatives,
        closures,
        choice: su.choice,
        ..RouteRequest::new(&a.from, &a.to, depart)
    };
    let outcome = router.route_or_explain(&req, &permits, &mut TdSpace::new())?;
    let found = matches!(outcome, RouteOutcome::Found { .. });
    if a.json {
        // The library's serialisation is the documented route JSON.
        println!(
            "{}",
            serde_json::to_string_pretty(&outcome)
                .map_err(|e| Error::InvalidRequest(e.to_string()))?
        );
    } else if a.geojson {
        match &outcome {
            RouteOutcome::Found { route, .. } => {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&route_to_geojson(route, &net))
                        .map_err(|e| Error::InvalidRequest(e.to_string()))?
                );
            }
            RouteOutcome::NoRoute(nr) => eprintln!("no route: {}", nr.reason),
        }
    } else {
        println!(
            "load: {} (cargo class {}, regime {})",
            su.load.check().describe(),
            su.class,
            su.regime.name()
        );
        match &outcome {
            RouteOutcome::Found { .. } => {
                for (i, r) in outcome.routes().into_iter().enumerate() {
                    if i > 0 {
                        println!("\nalternative {i} (link-disjoint):");
                    }
                    print!("{}", route_to_text(r));
                    if let Some(kind) = along {
                        let index = milmob::network::HubIndex::new(&net);
                        let line = milmob::report::route_line(r, &net);
                        let hits = index.near_line(&line, a.along_km, Some(kind));
                        println!(
                            "{} hub(s) of kind {kind} within {} km of the route:",
                            hits.len(),
                            a.along_km
                        );
                        for h in hits {
                            println!("  {:>6.1} km  {}  {}", h.distance_km, h.hub.id, h.hub.name);
                        }
                    }
                }
            }
            RouteOutcome::NoRoute(nr) => {
                println!("no route: {}", nr.reason);
                for r in &nr.relaxations {
                    println!("  - {}", r.message);
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

fn read_queries(path: &Path) -> Result<Vec<Query>, Error> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_path(path)
        .map_err(|e| Error::Parse {
            file: path.to_path_buf(),
            line: None,
            message: e.to_string(),
        })?;
    let headers = rdr
        .headers()
        .map_err(|e| Error::Parse {
            file: path.to_path_buf(),
            line: Some(1),
            message: e.to_string(),
        })?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(fi), Some(ti)) = (col("from"), col("to")) else {
        return Err(Error::Parse {
            file: path.to_path_buf(),
            line: Some(1),
            message: "the header needs columns `from` and `to`".into(),
        });
    };
    let di = col("depart");
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| Error::Parse {
            file: path.to_path_buf(),
            line: e.position().map(|p| p.line()),
            message: e.to_string(),
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        out.push(Query {
            line,
            from: rec.get(fi).unwrap_or("").to_string(),
            to: rec.get(ti).unwrap_or("").to_string(),
            depart: di
                .and_then(|i| rec.get(i))
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        });
    }
    Ok(out)
}

pub fn batch(a: BatchArgs) -> Result<ExitCode, Error> {
    let queries = read_queries(&a.queries)?;
    let qerr = |q: &Query, msg: String| Error::Parse {
        file: a.queries.clone(),
        line: Some(q.line),
        message: msg,
    };
    let mut w = csv::Writer::from_writer(std::io::stdout());
    let io = |e: csv::Error| Error::InvalidRequest(format!("cannot write output: {e}"));
    if is_arc_file(&a.network) {
        let file = read_arcs(&a.network)?;
        let (g, metric) = Topology::from_arc_file(&file)?;
        // Many queries: landmark tables pay for themselves.
        let lm = Landmarks::build(&g, &metric, milmob::routing::landmarks::DEFAULT_LANDMARKS);
        let mut ids = Vec::with_capacity(queries.len());
        for q in &queries {
            let s = g
                .hub_node(&q.from)
                .ok_or_else(|| qerr(q, format!("unknown node `{}`", q.from)))?;
            let t = g
                .hub_node(&q.to)
                .ok_or_else(|| qerr(q, format!("unknown node `{}`", q.to)))?;
            ids.push((s, t));
        }
        let costs: Vec<Option<u64>> = ids
            .par_iter()
            .map_init(
                || SearchSpace::new(g.node_count()),
                |sp, &(s, t)| {
                    astar(&g, &metric, sp, s, t, &LandmarkPotential::new(&lm, t)).map(|p| p.cost)
                },
            )
            .collect();
        w.write_record(["from", "to", "cost"]).map_err(io)?;
        for (q, c) in queries.iter().zip(costs) {
            w.write_record([
                q.from.as_str(),
                q.to.as_str(),
                &c.map(|c| c.to_string()).unwrap_or_default(),
            ])
            .map_err(io)?;
        }
        w.flush()
            .map_err(|e| Error::InvalidRequest(e.to_string()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let net = load_network(&a.network)?;
    let su = setup(&a.movement)?;
    let permits = RegimePermits {
        regime: &su.regime,
        calendars: &su.calendars,
        class: su.class,
        framework: a.movement.framework.clone(),
    };
    let router = Router::new(&net, su.load.check());
    let default_depart = a
        .depart
        .as_deref()
        .map(|d| parse_instant(d, "--depart"))
        .transpose()?;
    let mut reqs = Vec::with_capacity(queries.len());
    for q in &queries {
        let depart = match &q.depart {
            Some(d) => parse_instant(d, "depart").map_err(|e| qerr(q, e.to_string()))?,
            None => default_depart
                .ok_or_else(|| qerr(q, "no `depart` in this row and no --depart given".into()))?,
        };
        for id in [&q.from, &q.to] {
            if net.hub(id).is_none() {
                return Err(qerr(q, format!("unknown hub `{id}`")));
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
    .map_err(io)?;
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
                .map_err(io)?;
            }
            RouteOutcome::NoRoute(_) => {
                w.write_record([q.from.as_str(), q.to.as_str(), "", "", "", "", "", ""])
                    .map_err(io)?;
            }
        }
    }
    w.flush()
        .map_err(|e| Error::InvalidRequest(e.to_string()))?;
    Ok(ExitCode::SUCCESS)
}
