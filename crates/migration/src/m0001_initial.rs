//! The whole data model: accounts, scheduling, selling, booking and course programs.

use sea_orm_migration::prelude::*;

use crate::build::{Kind::*, col, fk, index, n, table};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_initial"
    }
}

const CASCADE: ForeignKeyAction = ForeignKeyAction::Cascade;
const RESTRICT: ForeignKeyAction = ForeignKeyAction::Restrict;
const SET_NULL: ForeignKeyAction = ForeignKeyAction::SetNull;

/// Tables in creation order (dropped in reverse).
const TABLES: &[&str] = &[
    "users",
    "students",
    "teachers",
    "admins",
    "auth_sessions",
    "levels",
    "teacher_availability_rules",
    "teacher_availability_exceptions",
    "group_classes",
    "group_class_levels",
    "group_class_teachers",
    "sessions",
    "cancellation_policies",
    "course_programs",
    "course_program_levels",
    "course_steps",
    "course_step_options",
    "packages",
    "package_allowances",
    "checkout_sessions",
    "student_packages",
    "bookings",
    "package_uses",
    "student_course_step_progress",
    "waitlist_entries",
    "stripe_events",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        accounts(m).await?;
        scheduling(m).await?;
        courses(m).await?;
        selling(m).await?;
        booking(m).await?;
        seed(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES.iter().rev() {
            m.drop_table(Table::drop().table(n(t)).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn accounts(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        table("users")
            .col(col("email", Str(255), false).unique_key())
            .col(col("first_name", Str(100), false))
            .col(col("last_name", Str(100), false))
            .col(col("password_hash", Str(255), true))
            .col(col("created_at", Time, false))
            .col(col("updated_at", Time, false))
            .to_owned(),
    )
    .await?;
    m.create_table(
        table("students")
            .col(col("user_id", Id, false).unique_key())
            .col(col("stripe_customer_id", Str(64), true).unique_key())
            .col(col("created_at", Time, false))
            .foreign_key(&mut fk("students", "user_id", "users", CASCADE))
            .to_owned(),
    )
    .await?;
    m.create_table(
        table("teachers")
            .col(col("user_id", Id, false).unique_key())
            .col(col("tier", Int, false).default(0))
            .col(col("bio", Text, true))
            .col(col("languages_spoken", Text, false).default("[]"))
            .col(col("specialties", Text, false).default("[]"))
            .col(col("years_experience", Int, true))
            .col(col("avatar_url", Str(500), true))
            .col(col("timezone", Str(64), false).default("UTC"))
            .col(col("is_active", Bool, false).default(true))
            .col(col("revoked_at", Time, true))
            .col(col("created_at", Time, false))
            .col(col("updated_at", Time, false))
            .check(Expr::col(n("tier")).gte(0))
            .foreign_key(&mut fk("teachers", "user_id", "users", CASCADE))
            .to_owned(),
    )
    .await?;
    m.create_index(index("teachers", &["tier"], false)).await?;
    m.create_table(
        table("admins")
            .col(col("user_id", Id, false).unique_key())
            .col(col("is_active", Bool, false).default(true))
            .col(col("created_at", Time, false))
            .foreign_key(&mut fk("admins", "user_id", "users", CASCADE))
            .to_owned(),
    )
    .await?;
    m.create_table(
        table("auth_sessions")
            .col(col("user_id", Id, false))
            .col(col("token_hash", Str(64), false).unique_key())
            .col(col("created_at", Time, false))
            .col(col("expires_at", Time, false))
            .col(col("revoked_at", Time, true))
            .foreign_key(&mut fk("auth_sessions", "user_id", "users", CASCADE))
            .to_owned(),
    )
    .await?;
    m.create_index(index("auth_sessions", &["user_id"], false))
        .await?;
    m.create_table(
        table("levels")
            .col(col("code", Str(10), false).unique_key())
            .col(col("name", Str(100), false))
            .col(col("description", Text, true))
            .col(col("sort_order", Int, false).default(0))
            .col(col("is_active", Bool, false).default(true))
            .to_owned(),
    )
    .await
}

async fn scheduling(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    // Availability is kept as local wall-clock minutes in the teacher's IANA zone, never as UTC minutes.
    m.create_table(
        table("teacher_availability_rules")
            .col(col("teacher_id", Id, false))
            .col(col("weekday", Int, false))
            .col(col("start_minute", Int, false))
            .col(col("end_minute", Int, false))
            .check(Expr::col(n("weekday")).between(1, 7))
            .check(Expr::col(n("start_minute")).gte(0))
            .check(Expr::col(n("end_minute")).lte(1440))
            .check(Expr::col(n("end_minute")).gt(Expr::col(n("start_minute"))))
            .foreign_key(&mut fk(
                "teacher_availability_rules",
                "teacher_id",
                "teachers",
                CASCADE,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index(
        "teacher_availability_rules",
        &["teacher_id", "weekday"],
        false,
    ))
    .await?;
    m.create_table(
        table("teacher_availability_exceptions")
            .col(col("teacher_id", Id, false))
            .col(col("local_date", Str(10), false))
            .col(col("start_minute", Int, true))
            .col(col("end_minute", Int, true))
            .col(col("available", Bool, false).default(false))
            .foreign_key(&mut fk(
                "teacher_availability_exceptions",
                "teacher_id",
                "teachers",
                CASCADE,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index(
        "teacher_availability_exceptions",
        &["teacher_id", "local_date"],
        false,
    ))
    .await?;
    m.create_table(
        table("group_classes")
            .col(col("title", Str(255), false))
            .col(col("description", Text, true))
            .col(col("capacity_max", Int, false))
            .col(col("recurrence", Text, true))
            .col(col("is_active", Bool, false).default(true))
            .col(col("created_at", Time, false))
            .col(col("updated_at", Time, false))
            .check(Expr::col(n("capacity_max")).between(1, 500))
            .to_owned(),
    )
    .await?;
    link(
        m,
        "group_class_levels",
        "group_class_id",
        "group_classes",
        "level_id",
        "levels",
        false,
    )
    .await?;
    link(
        m,
        "group_class_teachers",
        "group_class_id",
        "group_classes",
        "teacher_id",
        "teachers",
        true,
    )
    .await?;
    m.create_table(
        table("sessions")
            .col(col("type", Str(16), false))
            .col(col("status", Str(16), false))
            .col(col("teacher_id", Id, false))
            .col(col("group_class_id", Id, true))
            .col(col("start_at", Time, false))
            .col(col("end_at", Time, false))
            .col(col("capacity_max", Int, false))
            .col(col("source_timezone", Str(64), true))
            .col(col("meeting_url", Str(500), true))
            .col(col("created_at", Time, false))
            .col(col("updated_at", Time, false))
            .check(Expr::col(n("type")).is_in(["PRIVATE", "GROUP"]))
            .check(Expr::col(n("status")).is_in(["SCHEDULED", "CANCELLED", "COMPLETED"]))
            .check(Expr::col(n("end_at")).gt(Expr::col(n("start_at"))))
            .check(Expr::col(n("capacity_max")).between(1, 500))
            .foreign_key(&mut fk("sessions", "teacher_id", "teachers", RESTRICT))
            .foreign_key(&mut fk(
                "sessions",
                "group_class_id",
                "group_classes",
                SET_NULL,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index("sessions", &["teacher_id", "start_at"], false))
        .await?;
    m.create_index(index("sessions", &["start_at"], false))
        .await?;
    m.create_index(index("sessions", &["group_class_id"], false))
        .await?;
    m.create_table(
        table("cancellation_policies")
            .col(col("policy_name", Str(255), true))
            .col(col("allow_cancellation", Bool, false))
            .col(col("cancellation_deadline_hours", Int, false))
            .col(col("refund_credits_on_cancel", Bool, false))
            .col(col("allow_rescheduling", Bool, false))
            .col(col("rescheduling_deadline_hours", Int, false))
            .col(col("max_reschedules_per_booking", Int, false))
            .col(col("is_active", Bool, false).default(true))
            .col(col("created_at", Time, false))
            .check(Expr::col(n("cancellation_deadline_hours")).between(0, 168))
            .check(Expr::col(n("rescheduling_deadline_hours")).between(0, 168))
            .check(Expr::col(n("max_reschedules_per_booking")).between(0, 10))
            .to_owned(),
    )
    .await
}

/// A join table with a unique pair; `primary` adds the `is_primary` flag of class teachers.
async fn link(
    m: &SchemaManager<'_>,
    name: &str,
    owner: &str,
    owner_table: &str,
    other: &str,
    other_table: &str,
    primary: bool,
) -> Result<(), DbErr> {
    let mut t = table(name);
    t.col(col(owner, Id, false)).col(col(other, Id, false));
    if primary {
        t.col(col("is_primary", Bool, false).default(false));
    }
    t.foreign_key(&mut fk(name, owner, owner_table, CASCADE))
        .foreign_key(&mut fk(name, other, other_table, RESTRICT));
    m.create_table(t).await?;
    m.create_index(index(name, &[owner, other], true)).await?;
    m.create_index(index(name, &[other], false)).await
}

async fn courses(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        table("course_programs")
            .col(col("code", Str(50), false).unique_key())
            .col(col("title", Str(255), false))
            .col(col("description", Text, true))
            .col(col("timezone", Str(64), false).default("UTC"))
            .col(col("is_active", Bool, false).default(true))
            .col(col("created_at", Time, false))
            .col(col("updated_at", Time, false))
            .col(col("deleted_at", Time, true))
            .to_owned(),
    )
    .await?;
    link(
        m,
        "course_program_levels",
        "course_program_id",
        "course_programs",
        "level_id",
        "levels",
        false,
    )
    .await?;
    m.create_table(
        table("course_steps")
            .col(col("course_program_id", Id, false))
            .col(col("step_order", Int, false))
            .col(col("label", Str(100), false))
            .col(col("title", Str(255), false))
            .col(col("description", Text, true))
            .col(col("is_required", Bool, false).default(true))
            .col(col("created_at", Time, false))
            .col(col("updated_at", Time, false))
            .check(Expr::col(n("step_order")).gte(1))
            .foreign_key(&mut fk(
                "course_steps",
                "course_program_id",
                "course_programs",
                CASCADE,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index("course_steps", &["course_program_id", "label"], true))
        .await?;
    m.create_index(index(
        "course_steps",
        &["course_program_id", "step_order"],
        true,
    ))
    .await?;
    m.create_table(
        table("course_step_options")
            .col(col("course_step_id", Id, false))
            .col(col("group_class_id", Id, false))
            .col(col("is_active", Bool, false).default(true))
            .col(col("created_at", Time, false))
            .foreign_key(&mut fk(
                "course_step_options",
                "course_step_id",
                "course_steps",
                CASCADE,
            ))
            .foreign_key(&mut fk(
                "course_step_options",
                "group_class_id",
                "group_classes",
                RESTRICT,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index(
        "course_step_options",
        &["course_step_id", "group_class_id"],
        true,
    ))
    .await?;
    m.create_index(index("course_step_options", &["group_class_id"], false))
        .await
}

async fn selling(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        table("packages")
            .col(col("service_key", Str(120), false).unique_key())
            .col(col("name", Str(200), false))
            .col(col("description", Text, true))
            .col(col("amount_minor", BigInt, false))
            .col(col("currency", Str(3), false))
            .col(col("expires_in_days", Int, true))
            .col(col("active", Bool, false).default(true))
            .col(col("stripe_product_id", Str(255), true).unique_key())
            .col(col("stripe_price_id", Str(255), true).unique_key())
            .col(col("created_at", Time, false))
            .col(col("updated_at", Time, false))
            .check(Expr::col(n("amount_minor")).between(1, 10_000_000))
            .to_owned(),
    )
    .await?;
    m.create_table(
        table("package_allowances")
            .col(col("package_id", Id, false))
            .col(col("service_type", Str(16), false))
            .col(col("credits", Int, false))
            .col(col("credit_unit_minutes", Int, true))
            .col(col("teacher_tier", Int, false).default(0))
            .col(col("course_program_id", Id, true))
            .check(Expr::col(n("service_type")).is_in(["PRIVATE", "GROUP", "COURSE"]))
            .check(Expr::col(n("credits")).gt(0))
            .check(Expr::col(n("teacher_tier")).gte(0))
            .check(
                Expr::col(n("credit_unit_minutes"))
                    .is_null()
                    .or(Expr::col(n("credit_unit_minutes")).is_in([15, 30, 45, 60])),
            )
            .foreign_key(&mut fk(
                "package_allowances",
                "package_id",
                "packages",
                CASCADE,
            ))
            .foreign_key(&mut fk(
                "package_allowances",
                "course_program_id",
                "course_programs",
                RESTRICT,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index(
        "package_allowances",
        &["package_id", "service_type"],
        true,
    ))
    .await?;
    m.create_index(index("package_allowances", &["course_program_id"], false))
        .await?;
    m.create_table(
        Table::create()
            .table(n("checkout_sessions"))
            .if_not_exists()
            .col(col("id", Str(255), false).primary_key())
            .col(col("student_id", Id, false))
            .col(col("package_id", Id, false))
            .col(col("amount_minor", BigInt, false))
            .col(col("currency", Str(3), false))
            .col(col("status", Str(16), false))
            .col(col("url", Text, true))
            .col(col("created_at", Time, false))
            .col(col("updated_at", Time, false))
            .check(Expr::col(n("status")).is_in(["open", "complete", "expired"]))
            .foreign_key(&mut fk(
                "checkout_sessions",
                "student_id",
                "students",
                CASCADE,
            ))
            .foreign_key(&mut fk(
                "checkout_sessions",
                "package_id",
                "packages",
                RESTRICT,
            ))
            .to_owned(),
    )
    .await?;
    m.create_table(
        table("student_packages")
            .col(col("student_id", Id, false))
            .col(col("package_id", Id, false))
            .col(col("package_name", Str(200), false))
            .col(col("purchased_at", Time, false))
            .col(col("expires_at", Time, true))
            .col(col("checkout_session_id", Str(255), true).unique_key())
            .col(col("payment_intent_id", Str(255), true))
            .col(col("amount_minor", BigInt, false))
            .col(col("currency", Str(3), false))
            .col(col("refunded_at", Time, true))
            .col(col("created_at", Time, false))
            .foreign_key(&mut fk(
                "student_packages",
                "student_id",
                "students",
                CASCADE,
            ))
            .foreign_key(&mut fk(
                "student_packages",
                "package_id",
                "packages",
                RESTRICT,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index("student_packages", &["student_id"], false))
        .await?;
    m.create_index(index("student_packages", &["payment_intent_id"], false))
        .await?;
    m.create_table(
        table("stripe_events")
            .col(col("event_id", Str(255), false).unique_key())
            .col(col("event_type", Str(100), false))
            .col(col("received_at", Time, false))
            .to_owned(),
    )
    .await
}

async fn booking(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        table("bookings")
            .col(col("session_id", Id, false))
            .col(col("student_id", Id, false))
            .col(col("status", Str(16), false))
            .col(col("kind", Str(16), false))
            .col(col("student_package_id", Id, true))
            .col(col("allowance_id", Id, true))
            .col(col("course_step_id", Id, true))
            .col(col("credits_cost", Int, false).default(0))
            .col(col("rescheduled_count", Int, false).default(0))
            .col(col("rescheduled_from_id", Id, true))
            .col(col("cancelled_at", Time, true))
            .col(col("cancellation_reason", Str(500), true))
            .col(col("cancelled_by_student", Bool, false).default(false))
            .col(col("created_at", Time, false))
            .col(col("updated_at", Time, false))
            .check(Expr::col(n("status")).is_in(["CONFIRMED", "CANCELLED", "COMPLETED", "NO_SHOW"]))
            .check(Expr::col(n("kind")).is_in(["CREDIT", "COURSE_STEP"]))
            .check(Expr::col(n("credits_cost")).gte(0))
            .foreign_key(&mut fk("bookings", "session_id", "sessions", RESTRICT))
            .foreign_key(&mut fk("bookings", "student_id", "students", CASCADE))
            .foreign_key(&mut fk(
                "bookings",
                "student_package_id",
                "student_packages",
                RESTRICT,
            ))
            .foreign_key(&mut fk(
                "bookings",
                "allowance_id",
                "package_allowances",
                RESTRICT,
            ))
            .foreign_key(&mut fk(
                "bookings",
                "course_step_id",
                "course_steps",
                RESTRICT,
            ))
            .foreign_key(&mut fk(
                "bookings",
                "rescheduled_from_id",
                "bookings",
                SET_NULL,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index("bookings", &["student_id", "status"], false))
        .await?;
    m.create_index(index("bookings", &["session_id", "status"], false))
        .await?;
    // One active seat per student and session; cancelled rows stay and do not block a new booking.
    m.get_connection()
        .execute_unprepared(
            "CREATE UNIQUE INDEX IF NOT EXISTS uq_bookings_active_seat \
             ON bookings (session_id, student_id) WHERE status = 'CONFIRMED'",
        )
        .await?;
    // The ledger: USE spends credits, REFUND gives back exactly one USE, REVOKE removes unused credits.
    m.create_table(
        table("package_uses")
            .col(col("student_package_id", Id, false))
            .col(col("allowance_id", Id, false))
            .col(col("kind", Str(16), false))
            .col(col("credits", Int, false))
            .col(col("booking_id", Id, true))
            .col(col("session_id", Id, true))
            .col(col("reverses_use_id", Id, true))
            .col(col("note", Str(500), true))
            .col(col("created_at", Time, false))
            .check(Expr::col(n("kind")).is_in(["USE", "REFUND", "REVOKE"]))
            .check(Expr::col(n("credits")).gt(0))
            .foreign_key(&mut fk(
                "package_uses",
                "student_package_id",
                "student_packages",
                CASCADE,
            ))
            .foreign_key(&mut fk(
                "package_uses",
                "allowance_id",
                "package_allowances",
                RESTRICT,
            ))
            .foreign_key(&mut fk("package_uses", "booking_id", "bookings", SET_NULL))
            .foreign_key(&mut fk("package_uses", "session_id", "sessions", SET_NULL))
            .foreign_key(&mut fk(
                "package_uses",
                "reverses_use_id",
                "package_uses",
                RESTRICT,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index(
        "package_uses",
        &["student_package_id", "allowance_id"],
        false,
    ))
    .await?;
    // A use is given back at most once.
    m.create_index(index("package_uses", &["reverses_use_id"], true))
        .await?;
    m.create_index(index("package_uses", &["booking_id"], false))
        .await?;
    m.create_table(
        table("student_course_step_progress")
            .col(col("student_package_id", Id, false))
            .col(col("course_step_id", Id, false))
            .col(col("status", Str(16), false))
            .col(col("booking_id", Id, true))
            .col(col("session_id", Id, true))
            .col(col("booked_at", Time, true))
            .col(col("completed_at", Time, true))
            .col(col("updated_at", Time, false))
            .check(Expr::col(n("status")).is_in([
                "UNBOOKED",
                "BOOKED",
                "COMPLETED",
                "MISSED",
                "CANCELLED",
            ]))
            .foreign_key(&mut fk(
                "student_course_step_progress",
                "student_package_id",
                "student_packages",
                CASCADE,
            ))
            .foreign_key(&mut fk(
                "student_course_step_progress",
                "course_step_id",
                "course_steps",
                RESTRICT,
            ))
            .foreign_key(&mut fk(
                "student_course_step_progress",
                "booking_id",
                "bookings",
                SET_NULL,
            ))
            .foreign_key(&mut fk(
                "student_course_step_progress",
                "session_id",
                "sessions",
                SET_NULL,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index(
        "student_course_step_progress",
        &["student_package_id", "course_step_id"],
        true,
    ))
    .await?;
    m.create_index(index(
        "student_course_step_progress",
        &["course_step_id"],
        false,
    ))
    .await?;
    m.create_table(
        table("waitlist_entries")
            .col(col("session_id", Id, false))
            .col(col("student_id", Id, false))
            .col(col("created_at", Time, false))
            .foreign_key(&mut fk(
                "waitlist_entries",
                "session_id",
                "sessions",
                CASCADE,
            ))
            .foreign_key(&mut fk(
                "waitlist_entries",
                "student_id",
                "students",
                CASCADE,
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index(
        "waitlist_entries",
        &["session_id", "student_id"],
        true,
    ))
    .await?;
    m.create_index(index("waitlist_entries", &["student_id"], false))
        .await
}

/// Reference data every installation needs: the CEFR levels. (The default cancellation policy is
/// not a row: it applies while no admin has saved one.)
async fn seed(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let levels = [
        ("A1", "Beginner", 10),
        ("A2", "Elementary", 20),
        ("B1", "Intermediate", 30),
        ("B2", "Upper Intermediate", 40),
        ("C1", "Advanced", 50),
        ("C2", "Proficiency", 60),
    ];
    let mut insert = Query::insert();
    insert
        .into_table(n("levels"))
        .columns([n("code"), n("name"), n("sort_order"), n("is_active")]);
    for (code, name, order) in levels {
        insert.values_panic([code.into(), name.into(), order.into(), true.into()]);
    }
    m.exec_stmt(insert).await
}
