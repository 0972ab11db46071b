//! whosaid: on whose word does each claim in a news article rest?

pub mod analysis;
pub mod annotation;
pub mod cli;
pub mod compare;
pub mod error;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod matching;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod store;
