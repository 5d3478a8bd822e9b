//! Course program administration and catalogue over HTTP.
