//! The corridor network model: typed hubs and links with load limits,
//! corridors, validation and a spatial index.

mod capacity;
mod corridor;
mod daily_window;
pub mod geodesy;
mod hub;
mod limit_kind;
mod limits;
mod link;
mod mode;
#[allow(clippy::module_inception)]
mod network;
mod operations;
pub mod spatial;
pub mod summary;
pub mod validate;

pub use capacity::{Capacity, Period};
pub use corridor::Corridor;
pub use daily_window::DailyWindow;
pub use hub::{Hub, HubKind, ModeService};
pub use limit_kind::{LimitKind, LimitSet};
pub use limits::{Limits, LineCategory, TunnelCategory};
pub use link::Link;
pub use mode::{Mode, UnknownMode};
pub use network::{Network, NetworkData, NetworkMeta};
pub use operations::Operations;
pub use spatial::{HubHit, HubIndex};
pub use summary::NetworkSummary;
pub use validate::validate;
