//! Countries: ISO 3166-1 alpha-2 codes, names and the IANA time zone in which
//! each country's offices count working days.
//!
//! The list covers the EU-27, the rest of geographic Europe and the neighbours a
//! European movement may touch (Ukraine, Moldova, Türkiye, …). Codes outside the
//! list are rejected when a network is loaded, so a typo such as `DK` for `DE`
//! is caught only if it is not itself a valid code; `UK` and `EL` (the EU's own
//! abbreviations for the United Kingdom and Greece) are rejected with a hint.

use std::fmt;
use std::str::FromStr;

use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ISO 3166-1 alpha-2 country code known to milmob (upper case, e.g. `DE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

/// One row of the country table: code, English short name, time zone, EU member.
struct CountryInfo {
    code: &'static str,
    name: &'static str,
    tz: Tz,
    eu: bool,
}

macro_rules! countries {
    ($( $code:literal, $name:literal, $tz:ident, $eu:literal; )*) => {
        const COUNTRIES: &[CountryInfo] = &[
            $( CountryInfo { code: $code, name: $name, tz: Tz::$tz, eu: $eu }, )*
        ];
    };
}

// Sorted by code. Time zones: IANA tz database.
countries! {
    "AD", "Andorra", Europe__Andorra, false;
    "AL", "Albania", Europe__Tirane, false;
    "AT", "Austria", Europe__Vienna, true;
    "BA", "Bosnia and Herzegovina", Europe__Sarajevo, false;
    "BE", "Belgium", Europe__Brussels, true;
    "BG", "Bulgaria", Europe__Sofia, true;
    "BY", "Belarus", Europe__Minsk, false;
    "CH", "Switzerland", Europe__Zurich, false;
    "CY", "Cyprus", Asia__Nicosia, true;
    "CZ", "Czechia", Europe__Prague, true;
    "DE", "Germany", Europe__Berlin, true;
    "DK", "Denmark", Europe__Copenhagen, true;
    "EE", "Estonia", Europe__Tallinn, true;
    "ES", "Spain", Europe__Madrid, true;
    "FI", "Finland", Europe__Helsinki, true;
    "FR", "France", Europe__Paris, true;
    "GB", "United Kingdom", Europe__London, false;
    "GR", "Greece", Europe__Athens, true;
    "HR", "Croatia", Europe__Zagreb, true;
    "HU", "Hungary", Europe__Budapest, true;
    "IE", "Ireland", Europe__Dublin, true;
    "IS", "Iceland", Atlantic__Reykjavik, false;
    "IT", "Italy", Europe__Rome, true;
    "LI", "Liechtenstein", Europe__Vaduz, false;
    "LT", "Lithuania", Europe__Vilnius, true;
    "LU", "Luxembourg", Europe__Luxembourg, true;
    "LV", "Latvia", Europe__Riga, true;
    "MC", "Monaco", Europe__Monaco, false;
    "MD", "Moldova", Europe__Chisinau, false;
    "ME", "Montenegro", Europe__Podgorica, false;
    "MK", "North Macedonia", Europe__Skopje, false;
    "MT", "Malta", Europe__Malta, true;
    "NL", "Netherlands", Europe__Amsterdam, true;
    "NO", "Norway", Europe__Oslo, false;
    "PL", "Poland", Europe__Warsaw, true;
    "PT", "Portugal", Europe__Lisbon, true;
    "RO", "Romania", Europe__Bucharest, true;
    "RS", "Serbia", Europe__Belgrade, false;
    "RU", "Russia", Europe__Moscow, false;
    "SE", "Sweden", Europe__Stockholm, true;
    "SI", "Slovenia", Europe__Ljubljana, true;
    "SK", "Slovakia", Europe__Bratislava, true;
    "SM", "San Marino", Europe__San_Marino, false;
    "TR", "Türkiye", Europe__Istanbul, false;
    "UA", "Ukraine", Europe__Kyiv, false;
    "VA", "Vatican City", Europe__Vatican, false;
    "XK", "Kosovo", Europe__Belgrade, false;
}

/// Why a string is not a known country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown country code `{code}`{hint}")]
pub struct UnknownCountry {
    /// The rejected text.
    pub code: String,
    /// A hint such as " (use `GB` for the United Kingdom)", or empty.
    pub hint: String,
}

impl Country {
    /// Looks a code up (case-insensitive, surrounding spaces ignored).
    pub fn parse(text: &str) -> Result<Country, UnknownCountry> {
        let up = text.trim().to_ascii_uppercase();
        let hint = match up.as_str() {
            "UK" => " (use `GB` for the United Kingdom)",
            "EL" => " (use `GR` for Greece)",
            _ => "",
        };
        COUNTRIES
            .binary_search_by(|c| c.code.cmp(up.as_str()))
            .map(|i| {
                let b = COUNTRIES[i].code.as_bytes();
                Country([b[0], b[1]])
            })
            .map_err(|_| UnknownCountry {
                code: text.to_string(),
                hint: hint.to_string(),
            })
    }

    fn info(&self) -> &'static CountryInfo {
        // Invariant: a Country is only built by `parse` from the table.
        let i = COUNTRIES
            .binary_search_by(|c| c.code.as_bytes().cmp(&self.0[..]))
            .expect("Country is always in the table");
        &COUNTRIES[i]
    }

    /// The two-letter code, e.g. `"DE"`.
    pub fn code(&self) -> &'static str {
        self.info().code
    }

    /// The English short name, e.g. `"Germany"`.
    pub fn name(&self) -> &'static str {
        self.info().name
    }

    /// The time zone in which this country's offices count working days.
    pub fn time_zone(&self) -> Tz {
        self.info().tz
    }

    /// Whether the country is an EU member state.
    pub fn is_eu(&self) -> bool {
        self.info().eu
    }

    /// Every country milmob knows, sorted by code.
    pub fn all() -> impl Iterator<Item = Country> {
        COUNTRIES.iter().map(|c| {
            let b = c.code.as_bytes();
            Country([b[0], b[1]])
        })
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Country {
    type Err = UnknownCountry;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Country::parse(s)
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Country::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for w in COUNTRIES.windows(2) {
            assert!(w[0].code < w[1].code, "{} !< {}", w[0].code, w[1].code);
        }
        assert_eq!(COUNTRIES.iter().filter(|c| c.eu).count(), 27);
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Country::parse(" de ").unwrap().code(), "DE");
        assert_eq!(
            Country::parse("LT").unwrap().time_zone(),
            Tz::Europe__Vilnius
        );
        let e = Country::parse("UK").unwrap_err();
        assert!(e.to_string().contains("GB"));
        assert!(Country::parse("ZZ").is_err());
        assert!(Country::parse("").is_err());
    }
}
