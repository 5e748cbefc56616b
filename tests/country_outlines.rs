//! The bundled Natural Earth outlines agree with the bundled network: every
//! hub of `data/europe` lies in (or within the coast tolerance of) the
//! country its row names — or, for a hub on a border (a crossing, a border
//! station), within the coast tolerance of that country's outline.

use milmob::country_outlines::{CountryOutlines, COAST_TOLERANCE_KM};
use milmob::Network;

#[test]
fn every_bundled_hub_lies_in_its_own_country() {
    let network = Network::load("data/europe").expect("bundled network loads");
    let outlines = CountryOutlines::bundled();
    let mut wrong = Vec::new();
    for hub in network.hubs() {
        let found = outlines.country_at(hub.location);
        let own_km = outlines.distance_km(hub.country, hub.location);
        if found != Some(hub.country) && !own_km.is_some_and(|km| km <= COAST_TOLERANCE_KM) {
            wrong.push(format!(
                "{} ({}) at {:.3},{:.3}: outlines say {:?}, {:?} km from its own",
                hub.id,
                hub.country.code(),
                hub.location.x(),
                hub.location.y(),
                found.map(|c| c.code()),
                own_km
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} hub(s) off their country:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
