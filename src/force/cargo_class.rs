//! Which permit cargo class a group falls in.

use super::LoadProfile;
use crate::network::Mode;
use crate::permits::CargoClass;

/// Civil limits of Directive 96/53/EC above which a road load is oversize
/// (abnormal): gross 44 t, axle 11.5 t, width 2.55 m, height 4.0 m, length 18.75 m.
pub const CIVIL_GROSS_T: f64 = 44.0;
/// Civil axle limit, t (driving axle, Directive 96/53/EC).
pub const CIVIL_AXLE_T: f64 = 11.5;
/// Civil width limit, m.
pub const CIVIL_WIDTH_M: f64 = 2.55;
/// Civil height limit, m (most member states).
pub const CIVIL_HEIGHT_M: f64 = 4.0;
/// Civil length limit, m (road train).
pub const CIVIL_LENGTH_M: f64 = 18.75;

/// The permit cargo class of a group: dangerous goods if any member carries
/// them (road); else oversize if the road unit exceeds the civil limits or a
/// rail consignment is out of gauge; else standard.
pub fn cargo_class(profile: &LoadProfile) -> CargoClass {
    if let Some(road) = profile.profile(Mode::Road) {
        if road.tunnel_code.is_some() {
            return CargoClass::DangerousGoods;
        }
        if road.gross_weight_t > CIVIL_GROSS_T
            || road.axle_t > CIVIL_AXLE_T
            || road.width_m > CIVIL_WIDTH_M
            || road.height_m > CIVIL_HEIGHT_M
            || road.length_m > CIVIL_LENGTH_M
        {
            return CargoClass::Oversize;
        }
    }
    if profile.profile(Mode::Rail).is_some_and(|r| r.out_of_gauge) {
        return CargoClass::Oversize;
    }
    CargoClass::Standard
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::force::{CarriagePolicy, VehicleCatalogue};

    #[test]
    fn classes_of_typical_groups() {
        let cat = VehicleCatalogue::builtin();
        let tanks =
            LoadProfile::for_group(cat, &[("leopard_2a6", 4)], &CarriagePolicy::Auto).unwrap();
        assert_eq!(cargo_class(&tanks), CargoClass::Oversize);
        let ammo = cat.iter().find(|v| v.dangerous_goods.is_some()).unwrap();
        let dg =
            LoadProfile::for_group(cat, &[(ammo.id.as_str(), 2)], &CarriagePolicy::Auto).unwrap();
        assert_eq!(cargo_class(&dg), CargoClass::DangerousGoods);
    }
}
