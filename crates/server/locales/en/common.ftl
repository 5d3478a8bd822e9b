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
