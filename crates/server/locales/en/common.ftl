# The layout, error pages and words every area shares.

school-name = Aula
nav-label = Main
nav-home = Home
nav-courses = Courses
nav-schedule = Schedule
nav-packages = Packages
nav-my-bookings = My bookings
nav-my-courses = My courses
nav-my-credits = My credits
nav-my-sessions = My sessions
nav-my-availability = My availability
nav-back-office = Back office
nav-api = API
log-out = Log out
log-in = Log in
register = Register
footer = Aula · language school
back-home = Back to the home page

# Error pages
error-forbidden-form = This form cannot be accepted
error-not-yours = Not for your account
error-not-found = Page not found
error-not-found-text = There is nothing at this address. Check the link, or start again from the home page.
error-refused = This cannot be done
error-too-many = Too many attempts
error-internal = Something went wrong
error-internal-text = An internal error occurred and has been logged. Please try again.
error-unavailable = The school is briefly unavailable
error-unavailable-text = We cannot reach our records right now. Please try again in a moment.
error-other = This request cannot be handled
error-back-office-only = This page belongs to the school's back office.
error-teachers-only = This page is for the school's teachers.

# Shared words
times-in-zone = Times in { $zone }
error-foreign-origin = It was sent from another site. Open the page here and send it again.
error-bad-csrf = The form has expired or did not come from this site. Go back, reload the page and try again.

# Allowances of a package
allowance-course = Course program enrolment
allowance-private = { $credits } private lesson credits of { $minutes } min
allowance-group = { $credits } group class credits of { $minutes } min
allowance-tier = (teacher tier { $tier })

# Refusals as a page says them (by the API's error code; the API's own message is the fallback)
refused-duplicate = This already exists.
refused-session_full = The session has no free seat left. Join its waiting list instead.
refused-session_not_full = The session has free seats: book one instead.
refused-already_booked = You already hold a seat in this session.
refused-step_already_booked = This step is already booked or completed.
refused-insufficient_credits = You do not have enough credits left for this. See the packages to buy more.
refused-package_expired = This package has expired.
refused-package_not_applicable = This credit cannot pay for this session.
refused-cross_tier_confirmation_required = Only a credit of a higher tier than needed can pay for this. Tick “I agree to use a higher-tier credit” to use it.
refused-not_enrolled = You are not enrolled in this course.
refused-cancellation_window_passed = It is too late to cancel this booking: the school's cancellation deadline has passed.
refused-reschedule_not_allowed = This booking cannot be moved any more.
refused-booking_not_active = This booking is no longer active.
refused-slot_unavailable = That time is not free: the teacher is busy or not available then. Choose another time.
refused-session_not_bookable = This session cannot be booked: it has started, ended or was cancelled.
refused-session_not_started = Attendance can be taken from the session's start.
refused-in_use = This is still in use: deactivate or remove what uses it first.
refused-package_inactive = This package is not on sale any more.
refused-capacity_below_booked = An upcoming session already has more seats booked than that capacity.
