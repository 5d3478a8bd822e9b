//! Bookable private slots.

pub mod slots;
