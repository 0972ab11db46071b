//! Turning documents into article text before it is stored: HTML pages become their readable
//! text with title and byline. No database and no terminal here.

pub mod html;
pub mod quotes;
