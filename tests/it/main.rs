//! The integration tests, built as one test binary (`cargo test --test it`; one module a
//! subject, e.g. `cargo test --test it cli::`), sharing the helpers of `common`.
//!
//! They read only what is in the repository (`samples/`, `tests/data/`, `tests/gold/`,
//! `tests/expected/`, `tests/fixtures/`). The tests that need python3 or Chromium run only with
//! `WHOSAID_FULL_TESTS=1` (see `common::needs`); without it each says on stderr that it skipped.

mod common;

mod accuracy;
mod analyze_jsonl;
mod analyzed;
mod annotate;
mod annotation_input;
mod bad_input;
mod class_session;
mod classroom;
mod cli;
mod cli_ux;
mod coursework;
mod engine_props;
mod eval_agrees;
mod eval_cli;
mod eval_edge;
mod hostile;
mod hostile_html;
mod hostile_text;
mod hostile_wide;
mod identity;
mod import_scale;
mod labels;
mod layout;
mod lens;
mod merge_exact;
mod output;
mod readers;
mod scale_reports;
mod spark;
mod store_safety;
mod versions;
