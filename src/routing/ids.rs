//! Typed indices into a [`Topology`](super::Topology): hubs, links, routing
//! nodes and arcs are all dense `u32` numbers, and mixing them up is a bug
//! the compiler should catch. Each index is the same for every load profile.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The index as a `usize`, for indexing arrays.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

index_type!(
    /// A hub of the topology (`0..hub_count`), in the network's hub order.
    HubIdx
);
index_type!(
    /// A link of the topology (`0..link_count`), in the network's link order
    /// (for an arc file: the arc line's position among the file's arcs).
    LinkIdx
);
index_type!(
    /// A routing node: a hub on one mode (and, on rail, one track gauge).
    /// Node `h` for `h < hub_count` is the road node of hub `h`.
    NodeIdx
);
index_type!(
    /// A directed arc of the topology (a move along a link, or a transfer at
    /// a hub), in CSR order.
    ArcIdx
);
