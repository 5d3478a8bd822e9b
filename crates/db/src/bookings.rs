//! The booking core: seats, credits and course steps decided inside one transaction.
