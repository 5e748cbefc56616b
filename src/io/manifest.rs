//! `network.toml`: the manifest of a network folder.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::network::{Corridor, NetworkMeta, Operations};

/// The manifest's contents. See `data/FORMAT.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Network name.
    pub name: String,
    /// Free description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Licence of the data.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub licence: String,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Free notes (e.g. circuity factors).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Hubs file, relative to the folder (default `hubs.csv`).
    #[serde(default = "default_hubs")]
    pub hubs: String,
    /// Links file, relative to the folder (default `links.csv`).
    #[serde(default = "default_links")]
    pub links: String,
    /// Operating rules (`[operations]`; defaults when absent).
    #[serde(default)]
    pub operations: Operations,
    /// Corridors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corridors: Vec<Corridor>,
}

fn default_hubs() -> String {
    "hubs.csv".into()
}
fn default_links() -> String {
    "links.csv".into()
}

impl Manifest {
    /// Parses manifest text; `file` names it in diagnostics.
    pub fn parse(text: &str, file: &Path) -> Result<Manifest, Box<Diagnostic>> {
        toml::from_str::<Manifest>(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1);
            let mut d = Diagnostic::error(e.message().trim().to_string()).in_file(file);
            if let Some(l) = line {
                d = d.at_line(l);
            }
            Box::new(d)
        })
    }

    /// The metadata part.
    pub fn meta(&self) -> NetworkMeta {
        NetworkMeta {
            name: self.name.clone(),
            description: self.description.clone(),
            licence: self.licence.clone(),
            sources: self.sources.clone(),
            notes: self.notes.clone(),
            operations: self.operations.clone(),
        }
    }

    /// A manifest for this metadata and corridors, with default file names.
    pub fn from_meta(meta: &NetworkMeta, corridors: &[Corridor]) -> Manifest {
        Manifest {
            name: meta.name.clone(),
            description: meta.description.clone(),
            licence: meta.licence.clone(),
            sources: meta.sources.clone(),
            notes: meta.notes.clone(),
            hubs: default_hubs(),
            links: default_links(),
            operations: meta.operations.clone(),
            corridors: corridors.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_line() {
        let e =
            Manifest::parse("name = \"x\"\n\nnmae = 3\n", Path::new("network.toml")).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("nmae"), "{e}");
    }
}
