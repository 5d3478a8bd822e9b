# What is wrong with a field, after its name: "email must be an e-mail address". The API's
# `fields` and the pages' form errors both use these. Values: $min, $max, $other (a field's name).

problem-required = is required
problem-required-with = is required with { $other }
problem-required-when-available = is required when available is true
problem-required-for-course = is required for COURSE
problem-required-for-credits = is required for PRIVATE and GROUP
problem-between = must be between { $min } and { $max }
problem-at-least = must be at least { $min }
problem-chars = must be { $min } to { $max } characters
problem-at-least-chars = must be at least { $min } characters
problem-at-most-chars = must be at most { $max } characters
problem-control-chars = must not contain control characters
problem-email = must be an e-mail address
problem-after = must be after { $other }
problem-not-before = must not be before { $other }
problem-at-most-days-after = must be at most { $days } days after { $other }
problem-future = must be in the future
problem-date = must be a date YYYY-MM-DD
problem-time = must be a time HH:MM between 00:00 and 24:00
problem-before-midnight = must be before 24:00
problem-date-range = must lie in [2000-01-01, 2100-01-01)
problem-time-zone = is not a known IANA time zone
problem-weekday = must be from 1 (Monday) to 7 (Sunday)
problem-weekdays = must hold weekdays from 1 (Monday) to 7 (Sunday)
problem-weekday-repeated = must not repeat a weekday
problem-not-empty = must not be empty
problem-at-most-rules = must have at most { $max } rules
problem-at-most-exceptions = must have at most { $max } exceptions
problem-overlaps-rule = overlaps rules[{ $index }]
problem-credit-unit = must be 15, 30, 45 or 60
problem-service-type-repeated = each service type may appear once per package
problem-allowance-count = give 1 to 3 allowances
problem-course-one-credit = a COURSE allowance has exactly 1 credit
problem-course-no-unit = a COURSE allowance has no credit unit
problem-course-only-program = only a COURSE allowance names a course program
problem-course-code = must be 2 to 50 characters of A-Z, 0-9 and -, starting with a letter
problem-amount = must be between 1 and { $max } minor units
problem-currency = must be a 3-letter ISO 4217 code such as usd
problem-private-length = a private lesson lasts { $min } to { $max } minutes
problem-not-step-session = is not a session of an active option of this course step
problem-not-session-booking = is not a booking of this session
problem-invalid = is not valid
problem-refused = is refused ({ $code })
problem-teacher-count = name 1 to { $max } teachers
problem-not-active-teacher = { $id } is not an active teacher
problem-one-of-field = must be one of { $other }
problem-session-hours = a session lasts at most { $max } hours
problem-sessions-needed = give at least one future session, or a recurrence that has one
problem-at-most-sessions = a class holds at most { $max } sessions
problem-not-group-class = is not a group class
problem-step-ids = must list each step of the program once
problem-not-level = { $id } is not a level
problem-expires-days = must be between 1 and { $max }, or null for never
problem-not-course-program = is not a course program
problem-tier-teacher-only = only a teacher has a tier
problem-one-of = must be one of: { $choices }
problem-attendance-count = give 1 to { $max } bookings
problem-times-with-teacher = startAt and endAt are required with teacherId
problem-booking-target = give sessionId, or teacherId with startAt and endAt
problem-teacher-ids = must be 1 to { $max } comma-separated teacher ids
problem-slot-minutes = must be 30 to 180 minutes in steps of 15
problem-span-days = the range may span at most { $max } days
problem-entries = at most { $max } entries of at most { $chars } characters
problem-url = must be an http(s) URL of at most { $max } characters
problem-chosen = must be chosen

# Why a booking cannot be cancelled or moved (the `reason` of can-modify).
problem-booking-status = the booking is { $status ->
    [CANCELLED] cancelled
    [COMPLETED] completed
    [NO_SHOW] no-show
   *[other] confirmed
}
problem-no-cancelling = the school does not allow cancelling bookings
problem-cancel-deadline = bookings can be cancelled until { $hours } hours before the start
problem-no-rescheduling = the school does not allow rescheduling bookings
problem-reschedule-limit = a booking may be rescheduled at most { $max } times
problem-reschedule-deadline = bookings can be rescheduled until { $hours } hours before the start
problem-no-changes = the policy allows no changes
