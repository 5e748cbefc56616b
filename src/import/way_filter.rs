//! Which ways and segments an import keeps: modes, road classes, access and
//! a bounding box.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use geo::Point;
use serde::Serialize;

use super::highway::HighwayClass;
use super::tags::{Access, WayAttributes, WayKind};
use crate::network::{Mode, TunnelCategory};

/// A longitude/latitude box, WGS84 degrees (`minlon,minlat,maxlon,maxlat`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BBox {
    /// West edge, degrees.
    pub min_lon: f64,
    /// South edge, degrees.
    pub min_lat: f64,
    /// East edge, degrees.
    pub max_lon: f64,
    /// North edge, degrees.
    pub max_lat: f64,
}

impl BBox {
    /// Whether the point (lon, lat degrees) lies inside or on the edge.
    pub fn contains(&self, p: Point<f64>) -> bool {
        (self.min_lon..=self.max_lon).contains(&p.x())
            && (self.min_lat..=self.max_lat).contains(&p.y())
    }
}

impl FromStr for BBox {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        let nums: Vec<f64> = parts
            .iter()
            .filter_map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect();
        if parts.len() != 4 || nums.len() != 4 {
            return Err(format!(
                "`{s}` is not a bounding box (expected minlon,minlat,maxlon,maxlat in degrees)"
            ));
        }
        let b = BBox {
            min_lon: nums[0],
            min_lat: nums[1],
            max_lon: nums[2],
            max_lat: nums[3],
        };
        let lon_ok = |v: f64| (-180.0..=180.0).contains(&v);
        let lat_ok = |v: f64| (-90.0..=90.0).contains(&v);
        if !(lon_ok(b.min_lon) && lon_ok(b.max_lon) && lat_ok(b.min_lat) && lat_ok(b.max_lat)) {
            return Err(format!(
                "`{s}`: longitudes must be in -180..180 and latitudes in -90..90"
            ));
        }
        if b.min_lon >= b.max_lon || b.min_lat >= b.max_lat {
            return Err(format!(
                "`{s}`: the minimum must be below the maximum (minlon,minlat,maxlon,maxlat)"
            ));
        }
        Ok(b)
    }
}

impl fmt::Display for BBox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{},{},{},{}",
            self.min_lon, self.min_lat, self.max_lon, self.max_lat
        )
    }
}

/// Why a way was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// A mode not asked for (`--modes`).
    Mode,
    /// A road class not asked for (`--highways`).
    Class,
    /// Closed to motor vehicles (`access=no`, `private`, …).
    Access,
}

impl SkipReason {
    /// Report label.
    pub fn as_str(&self) -> &'static str {
        match self {
            SkipReason::Mode => "mode not selected",
            SkipReason::Class => "highway class not selected",
            SkipReason::Access => "closed to motor vehicles",
        }
    }
}

/// What an import keeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WayFilter {
    /// Modes to import (road, rail).
    pub modes: BTreeSet<Mode>,
    /// Road classes to import.
    pub highways: BTreeSet<HighwayClass>,
    /// Only segments with both ends inside this box.
    pub bbox: Option<BBox>,
    /// ADR category given to tunnels without `hazmat:adr_tunnel_cat` or
    /// `hazmat=no` (**assumption** a planner may choose, e.g. `E` to keep
    /// dangerous goods out of every unclassified tunnel); `None` = such
    /// tunnels have no known restriction.
    pub untagged_tunnel: Option<TunnelCategory>,
}

impl Default for WayFilter {
    /// Road and rail; the classes of [`HighwayClass::DEFAULT`]; no box.
    fn default() -> WayFilter {
        WayFilter {
            modes: [Mode::Road, Mode::Rail].into_iter().collect(),
            highways: HighwayClass::DEFAULT.iter().copied().collect(),
            bbox: None,
            untagged_tunnel: None,
        }
    }
}

impl WayFilter {
    /// Whether a way of this kind may be kept, before its tags are read in
    /// full (cheap: mode and class only).
    pub fn wants(&self, kind: WayKind) -> Result<(), SkipReason> {
        if !self.modes.contains(&kind.mode()) {
            return Err(SkipReason::Mode);
        }
        match kind {
            WayKind::Road(c) if !self.highways.contains(&c) => Err(SkipReason::Class),
            _ => Ok(()),
        }
    }

    /// Applies the import's assumptions to a way's attributes (the
    /// category of untagged tunnels).
    pub fn apply_assumptions(&self, a: &mut WayAttributes) {
        if a.tunnel && a.limits.tunnel_category.is_none() {
            a.limits.tunnel_category = self.untagged_tunnel;
        }
    }

    /// Whether a way with these attributes is kept.
    pub fn admits(&self, a: &WayAttributes) -> Result<(), SkipReason> {
        self.wants(a.kind)?;
        if a.access == Access::Closed {
            return Err(SkipReason::Access);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bbox_parse_and_contains() {
        let b: BBox = "1.4,42.4,1.8,42.7".parse().unwrap();
        assert!(b.contains(Point::new(1.5, 42.5)));
        assert!(!b.contains(Point::new(1.9, 42.5)));
        assert_eq!(b.to_string(), "1.4,42.4,1.8,42.7");
        for bad in [
            "1,2,3",
            "1,2,3,x",
            "2,2,1,3",
            "1,95,2,96",
            "a,b,c,d",
            "1,2,3,4,5",
        ] {
            assert!(bad.parse::<BBox>().is_err(), "{bad}");
        }
    }

    #[test]
    fn filter() {
        let f = WayFilter::default();
        assert!(f.wants(WayKind::Road(HighwayClass::Primary)).is_ok());
        assert_eq!(
            f.wants(WayKind::Road(HighwayClass::Residential)),
            Err(SkipReason::Class)
        );
        let road_only = WayFilter {
            modes: [Mode::Road].into_iter().collect(),
            ..WayFilter::default()
        };
        assert_eq!(road_only.wants(WayKind::Rail), Err(SkipReason::Mode));
    }
}
