//! The last mile from OpenStreetMap: import an extract, attach it to the
//! bundled corridor network, and route a convoy from a port onto the
//! imported roads — around what the tags forbid.
//!
//! What it shows:
//! - [`import_osm`] on a PBF extract (default: the north-of-Bayreuth extract
//!   in `../shared/data/osm/`, or the file given as the first argument) and
//!   its [`ImportReport`];
//! - [`attach`]: the imported roads joined to `data/europe` at a named hub
//!   (Hof, the A9/A72/A93 junction, snapped to the nearest imported hub);
//! - a [`Planner`] routing 4 Boxer from the port of Bremerhaven to the
//!   imported hub farthest from the join, and the OSM ways it drives on.
//!
//! ```sh
//! cargo run --release --example osm_last_mile [-- file.osm.pbf]
//! ```

use std::error::Error;
use std::path::PathBuf;

use milmob::import::{attach, import_osm, ImportReport, Join, OsmImportOptions, WayFilter};
use milmob::network::geodesy::geodesic_km;
use milmob::routing::Planner;
use milmob::{Mode, Network};

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/data/osm/north-bayreuth.osm.pbf")
        });
    if !path.exists() {
        println!(
            "{} not found: pass an .osm.pbf file as the first argument",
            path.display()
        );
        return Ok(());
    }
    let options = OsmImportOptions {
        filter: WayFilter {
            modes: [Mode::Road].into_iter().collect(),
            ..WayFilter::default()
        },
        ..OsmImportOptions::default()
    };
    let imported = import_osm(&path, &options)?;
    let report: &ImportReport = &imported.report;
    println!("{}", report.to_text(5));

    let europe = Network::load(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/europe"))?;
    let join: Join = "DE-HOF-J".parse()?;
    let (merged, made) = attach(&europe, &imported.network, &[join], 60.0)?;
    let j = &made.joins[0];
    println!(
        "attached {} hubs and {} links; {} joined to {} ({:.1} km connector, an estimate)",
        made.hubs_added, made.links_added, j.hub, j.imported, j.distance_km
    );

    // The imported hub farthest from the join that the convoy can reach.
    let planner = Planner::new(&merged, &[("boxer", 4)], "pledge-2024")?;
    let start = merged.try_hub(&j.imported)?.location;
    let mut candidates: Vec<_> = imported
        .network
        .hubs()
        .map(|h| (geodesic_km(start, h.location), h.id.clone()))
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let depart = "2026-03-02T06:00:00+01:00".parse()?;
    for (_, to) in candidates.iter().take(20) {
        let outcome = planner.route("DE-BREMERHAVEN-PORT", to, depart)?;
        let Some(route) = outcome.best() else {
            continue;
        };
        let osm_links: Vec<&String> = route.links.iter().filter(|l| l.starts_with('w')).collect();
        println!(
            "DE-BREMERHAVEN-PORT → {to}: {:.0} km, arrives {} ({} links, {} of them OpenStreetMap ways, e.g. {:?})",
            route.distance_km,
            route.arrival,
            route.links.len(),
            osm_links.len(),
            osm_links.iter().take(3).collect::<Vec<_>>()
        );
        return Ok(());
    }
    println!("no imported hub reachable from the port (the extract's roads are cut off)");
    Ok(())
}
