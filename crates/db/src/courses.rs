//! Course programs, steps and options, and students' progress through them.
