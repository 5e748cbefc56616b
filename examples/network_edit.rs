//! Build a small network in code, validate it, export it as GeoJSON, then
//! take a bridge out and see how routes change (a what-if).
//!
//! What it shows:
//! - building a [`Network`] from [`Hub`]s and [`Link`]s with load
//!   [`Limits`] (bridge MLC, clearance, rail line category), hub handling
//!   per mode ([`ModeService`]) and lengths derived from the geodesic
//!   distance ([`geodesic_km`]);
//! - [`milmob::network::validate`]: every problem, error or warning, naming
//!   the id and field — first on a deliberately broken link, then on the
//!   fixed network;
//! - [`milmob::io::write_geojson`] to a file in the system temp directory;
//! - a what-if: [`Network::remove_link`] on a copy of the network,
//!   recompiling a [`Router`] and comparing routes for a Boxer company
//!   (wheeled, self-propelled) and a Leopard 2A6 platoon (on HETs, or by
//!   rail), including a "no route" answer that says which limit and link
//!   block it.
//!
//! Run it with:
//!
//! ```sh
//! cargo run --release --example network_edit
//! ```

use std::error::Error;

use chrono::{TimeZone, Utc};
use milmob::force::{CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::network::geodesy::geodesic_km;
use milmob::network::{validate, HubKind, Limits, ModeService, NetworkMeta};
use milmob::routing::{DrivingRule, NoPermits, RouteOutcome, RouteRequest, Router, TdSpace};
use milmob::{Country, Hub, Link, Mode, Network};

/// A labelled group of vehicles `(id, count)` under a carriage policy.
type Group = (&'static str, &'static [(&'static str, u32)], CarriagePolicy);

/// The bridge the what-if takes out.
const BRIDGE: &str = "R-ODER-BRIDGE";

/// A link whose length is the geodesic between its hubs times `circuity`.
fn link(
    net: &Network,
    id: &str,
    from: &str,
    to: &str,
    mode: Mode,
    circuity: f64,
) -> Result<Link, Box<dyn Error>> {
    let (a, b) = (net.try_hub(from)?, net.try_hub(to)?);
    let km = geodesic_km(a.location, b.location) * circuity;
    let mut l = Link::new(id, from, to, mode, (km * 10.0).round() / 10.0);
    l.source = Some("illustrative".into());
    Ok(l)
}

fn build() -> Result<Network, Box<dyn Error>> {
    let de: Country = "DE".parse()?;
    let pl: Country = "PL".parse()?;
    let mut net = Network::new(NetworkMeta {
        name: "Oder crossings (illustrative what-if network)".into(),
        description: "Two road crossings of the Oder and a rail line, for a what-if".into(),
        ..NetworkMeta::default()
    });
    let rail = ModeService {
        handling_min: Some(150.0),
        capacity_per_day: Some(10.0),
        unloading_min: Some(30.0),
    };
    let road = ModeService {
        handling_min: Some(30.0),
        capacity_per_day: Some(96.0),
        unloading_min: None,
    };
    let hubs = [
        (
            "DE-DEPOT",
            "Depot and railhead",
            de,
            13.80,
            52.45,
            &[HubKind::LogisticsHub, HubKind::Railhead][..],
        ),
        (
            "DE-WEST",
            "Road junction west of the Oder",
            de,
            14.40,
            52.36,
            &[HubKind::Junction][..],
        ),
        (
            "PL-EAST",
            "Border crossing (PL side)",
            pl,
            14.62,
            52.34,
            &[HubKind::BorderCrossing][..],
        ),
        (
            "DE-SOUTH",
            "Road junction south",
            de,
            14.55,
            51.95,
            &[HubKind::Junction][..],
        ),
        (
            "PL-SOUTH",
            "Southern border crossing (PL side)",
            pl,
            14.76,
            51.95,
            &[HubKind::BorderCrossing][..],
        ),
        (
            "PL-STAGING",
            "Staging area and railhead",
            pl,
            15.30,
            52.42,
            &[HubKind::StagingArea, HubKind::Railhead][..],
        ),
    ];
    for (id, name, country, lon, lat, kinds) in hubs {
        let mut h = Hub::new(id, name, country, lon, lat, kinds);
        if h.is(HubKind::Railhead) {
            h.services.insert(Mode::Rail, rail);
            h.services.insert(Mode::Road, road);
        }
        h.source = Some("illustrative".into());
        net.add_hub(h)?;
    }

    let mut l = link(
        &net,
        "R-DEPOT-WEST",
        "DE-DEPOT",
        "DE-WEST",
        Mode::Road,
        1.25,
    )?;
    l.speed_kmh = Some(55.0);
    net.add_link(l)?;
    // The main bridge: heavy (MLC 100), the quick way east.
    let mut l = link(&net, BRIDGE, "DE-WEST", "PL-EAST", Mode::Road, 1.25)?;
    l.name = Some("Oder bridge (illustrative)".into());
    l.speed_kmh = Some(40.0);
    l.limits = Limits {
        mlc_tracked: Some(100),
        mlc_wheeled: Some(100),
        ..Limits::default()
    };
    net.add_link(l)?;
    let mut l = link(
        &net,
        "R-EAST-STAGING",
        "PL-EAST",
        "PL-STAGING",
        Mode::Road,
        1.25,
    )?;
    l.speed_kmh = Some(55.0);
    net.add_link(l)?;
    // The southern detour: an older bridge, MLC 60, 4.5 m clearance.
    net.add_link(link(
        &net,
        "R-WEST-SOUTH",
        "DE-WEST",
        "DE-SOUTH",
        Mode::Road,
        1.3,
    )?)?;
    let mut l = link(
        &net,
        "R-SOUTH-BRIDGE",
        "DE-SOUTH",
        "PL-SOUTH",
        Mode::Road,
        1.3,
    )?;
    l.name = Some("Southern Oder bridge (illustrative)".into());
    l.limits = Limits {
        mlc_tracked: Some(60),
        mlc_wheeled: Some(60),
        max_height_m: Some(4.5),
        ..Limits::default()
    };
    net.add_link(l)?;
    net.add_link(link(
        &net,
        "R-SOUTH-STAGING",
        "PL-SOUTH",
        "PL-STAGING",
        Mode::Road,
        1.3,
    )?)?;
    // A rail line between the two railheads.
    let mut l = link(
        &net,
        "T-DEPOT-STAGING",
        "DE-DEPOT",
        "PL-STAGING",
        Mode::Rail,
        1.3,
    )?;
    l.speed_kmh = Some(60.0);
    l.limits.gauge_mm = Some(1435);
    l.limits.line_category = Some("D4".parse()?);
    l.limits.max_train_m = Some(740.0);
    net.add_link(l)?;
    Ok(net)
}

/// Routes a group and prints a one-paragraph summary (or why there is none).
fn show(net: &Network, label: &str, group: &[(&str, u32)], policy: CarriagePolicy) {
    let load = match LoadProfile::for_group(VehicleCatalogue::builtin(), group, &policy) {
        Ok(l) => l,
        Err(e) => {
            println!("  {label}: {e}");
            return;
        }
    };
    let router = Router::new(net, &load);
    let mut req = RouteRequest::new(
        "DE-DEPOT",
        "PL-STAGING",
        Utc.with_ymd_and_hms(2026, 5, 4, 6, 0, 0).unwrap(),
    );
    req.driving = Some(DrivingRule::hours(10.0, 14.0));
    match router.route(&req, &NoPermits, &mut TdSpace::new()) {
        Ok(RouteOutcome::Found { route: r, .. }) => {
            let modes: Vec<&str> = r.km_by_mode.keys().map(|m| m.as_str()).collect();
            println!(
                "  {label}: arrive {} ({:.1} h, {:.0} km by {}) via {}",
                r.arrival.format("%H:%M UTC"),
                r.duration_h,
                r.distance_km,
                modes.join("+"),
                r.links.join(", ")
            );
        }
        Ok(RouteOutcome::NoRoute(nr)) => {
            println!("  {label}: NO ROUTE — {}", nr.reason);
            for r in &nr.relaxations {
                println!("      {}", r.message);
            }
        }
        Err(e) => println!("  {label}: error {e}"),
    }
}

fn print_diagnostics(net: &Network) -> usize {
    let ds = validate(net);
    for d in &ds {
        println!("  {:?}: {}", d.severity, d.message);
    }
    if ds.is_empty() {
        println!("  no problems");
    }
    ds.iter().filter(|d| d.is_error()).count()
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut net = build()?;
    println!(
        "built `{}`: {} hubs, {} links",
        net.meta().name,
        net.hub_count(),
        net.link_count()
    );

    // Validation reports every problem with its id and field. Break a link
    // on purpose (shorter than the straight line, absurd speed), then fix it.
    println!("validate, with a broken link:");
    net.update_link("R-DEPOT-WEST", |l| {
        l.length_km = 5.0;
        l.speed_kmh = Some(5000.0);
    })?;
    print_diagnostics(&net);
    net.update_link("R-DEPOT-WEST", |l| {
        l.length_km = 55.0;
        l.speed_kmh = Some(55.0);
    })?;
    println!("validate, fixed:");
    if print_diagnostics(&net) > 0 {
        return Err("the network still has errors".into());
    }

    let path = std::env::temp_dir().join("milmob_network_edit.geojson");
    milmob::io::write_geojson(&net, &path)?;
    println!(
        "GeoJSON written to {} ({} bytes)\n",
        path.display(),
        std::fs::metadata(&path)?.len()
    );

    let groups: [Group; 3] = [
        ("8× Boxer, road", &[("boxer", 8)], CarriagePolicy::Road),
        (
            "4× Leopard 2A6 on HETs",
            &[("leopard_2a6", 4)],
            CarriagePolicy::Het,
        ),
        (
            "4× Leopard 2A6, auto",
            &[("leopard_2a6", 4)],
            CarriagePolicy::Auto,
        ),
    ];
    println!("with the {BRIDGE}:");
    for (label, group, policy) in groups {
        show(&net, label, group, policy);
    }

    // What-if: the main bridge is out. Edit a copy; the original stays.
    let mut what_if = net.clone();
    let removed = what_if.remove_link(BRIDGE)?;
    println!(
        "\nwhat-if: {} ({}) removed; validate:",
        removed.id,
        removed.name.as_deref().unwrap_or("")
    );
    print_diagnostics(&what_if);
    println!("without it:");
    for (label, group, policy) in groups {
        show(&what_if, label, group, policy);
    }
    Ok(())
}
