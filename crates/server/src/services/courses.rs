//! Course programs: administration, the public catalogue and the student's progress.
