//! The student's course packages over HTTP.
