//! Helpers shared by the OSM import tests: a high test load and planners.
#![allow(dead_code)]

use milmob::force::{CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::permits::PermitRegime;
use milmob::routing::Planner;
use milmob::Network;

/// A 4.6 m high, 45 t wheeled load (a test fixture, not a real type):
/// `tall_test_load`.
pub const TALL_VEHICLE: &str = r#"
[[vehicle]]
id = "tall_test_load"
name = "Test load 4.6 m high, 45 t"
role = "truck"
running_gear = "wheeled"
gross_weight_t = 45.0
mlc = 45
axles = 4
max_axle_t = 11.5
length_m = 12.0
width_m = 2.55
height_m = 4.6
max_road_speed_kmh = 80
self_propelled_road = true
source = "test fixture (illustrative)"
"#;

/// The built-in catalogue plus [`TALL_VEHICLE`].
pub fn catalogue() -> VehicleCatalogue {
    VehicleCatalogue::from_toml_str_extending(TALL_VEHICLE, "test", VehicleCatalogue::builtin())
        .expect("the test vehicle parses")
}

/// A planner for one vehicle of type `id`, by road, under standing
/// clearances (permits do not matter to these tests).
pub fn planner<'n>(network: &'n Network, id: &str) -> Planner<'n> {
    let load = LoadProfile::for_group(&catalogue(), &[(id, 1)], &CarriagePolicy::Road)
        .expect("a known vehicle");
    Planner::from_parts(
        network,
        load,
        PermitRegime::builtin("standing").expect("built-in"),
    )
}
