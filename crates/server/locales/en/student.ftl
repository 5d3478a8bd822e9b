steps-completed = { $done } of { $total } steps completed

# Bookings
my-bookings = My bookings
bookings-none = No bookings yet.
bookings-find-class = Find a class
bookings-upcoming = Upcoming
bookings-past = Past
bookings-cancel = Cancel booking
bookings-cancel-until = Can be cancelled until { $deadline }.
booking-status-CONFIRMED = Confirmed
booking-status-CANCELLED = Cancelled
booking-status-COMPLETED = Attended
booking-status-NO_SHOW = Missed
paid-course-step = course step
paid-credits = { $credits ->
    [one] 1 credit
   *[other] { $credits } credits
}
private-lesson-with = Private lesson with { $name }
session = Session
cancel-question = Cancel this booking?
cancel-yes = Yes, cancel booking
cancel-no = No, keep it
cancel-too-late = This booking can no longer be cancelled.
cancel-gives-step-back = The step goes back to your course, to book again.
cancel-gives-credits-back = { $credits ->
    [one] 1 credit goes back to your package.
   *[other] { $credits } credits go back to your package.
}
cancel-gives-nothing-back = The school's policy gives no credits back.
cancelled = Cancelled.
cancelled-credits-back = { $credits ->
    [one] Cancelled. 1 credit went back to your package.
   *[other] Cancelled. { $credits } credits went back to your package.
}
booked-with-credits = { $credits ->
    [one] Booked with 1 credit.
   *[other] Booked with { $credits } credits.
}
waitlist-joined = You are number { $place } on the waiting list; you will be booked automatically when a seat frees.

# Choosing a credit
credit-choose = Choose a credit
credit-legend = Credit
credit-none-fits = None of your credits can pay for this.
credit-none-fits-session = None of your credits can pay for this session. See the packages to buy some.
credit-see-packages = See the packages
credit-consent = I agree to use a higher-tier credit
credit-consent-hint = Only a credit of a higher tier than needed can pay for this: it is used only if you tick the box.
credit-confirm = Confirm booking
credit-choose-one = Choose a credit to pay with.
credit-option = { $package } · { $cost ->
    [one] costs 1 credit
   *[other] costs { $cost } credits
}, { $left } left
credit-option-higher = { $package } · { $cost ->
    [one] costs 1 credit
   *[other] costs { $cost } credits
}, { $left } left · higher tier
back-to-schedule = Back to the schedule

# A teacher's page and private lessons
teacher-profile-languages = Speaks: { $languages }
teacher-profile-years = { $years ->
    [one] 1 year of teaching
   *[other] { $years } years of teaching
}
teacher-profile-slots = Free private lessons in the next { $days } days
teacher-profile-length = Lesson length
teacher-profile-show = Show free times
teacher-profile-no-slots = No free times for a lesson of this length in the coming days.
teacher-profile-book = Book
teacher-profile-login-to-book = Log in to book
minutes = { $minutes } minutes
private-bad-slot = That time cannot be booked. Choose one of the free times below.
private-back = Back to the teacher's free times

# The schedule
schedule-title = Schedule
schedule-heading = Group class schedule
schedule-level = Level
schedule-all-levels = All levels
schedule-teacher = Teacher
schedule-all-teachers = All teachers
schedule-show = Show
schedule-times-in = Times are shown in
schedule-none = No group sessions in the next { $days } days.
schedule-none-filtered = No group sessions in the next { $days } days for this filter.
schedule-group-class = Group class
schedule-seats-free = { $free } of { $capacity } seats free
schedule-full = Full
schedule-waiting = { $waiting } waiting
schedule-booked = Booked
schedule-your-place = You are number { $place } on the waiting list
schedule-book = Book
schedule-join-waitlist = Join waiting list
schedule-login-to-book = Log in to book
schedule-cost = { $credits ->
    [one] 1 credit
   *[other] { $credits } credits
}
schedule-cost-higher = { $credits ->
    [one] 1 higher-tier credit
   *[other] { $credits } higher-tier credits
}
schedule-cost-none = No credit of yours fits

# The course catalogue
courses-title = Courses
courses-intro = Step-by-step programs taught in our group classes. Buy once, then book each step in the class that suits you.
courses-none = No course is open right now.
courses-code-steps = Code { $code } · { $steps ->
    [one] 1 step
   *[other] { $steps } steps
}
courses-levels = levels { $levels }
courses-not-on-sale = Not on sale right now.
course-code = Code { $code }
course-buy-heading = Buy this course
course-not-on-sale = This course is not on sale right now.
course-enrolled = Enrolled
course-buy = Buy
course-login-to-buy = Log in to buy
course-steps = Steps
course-no-option = No class teaches this step yet.
course-no-sessions = No upcoming sessions.
course-free-seats = { $free ->
    [one] 1 free seat
   *[other] { $free } free seats
}

# My courses
my-courses-none = You are not enrolled in a course yet.
steps-booked = { $booked } booked
step-status-UNBOOKED = UNBOOKED
step-status-BOOKED = BOOKED
step-status-COMPLETED = COMPLETED
step-status-MISSED = MISSED
step-status-CANCELLED = CANCELLED
my-courses-choose-session = Choose a session
my-courses-book-step = Book this step
course-step-booked = Step booked.
course-step-wrong-session = That session does not serve this step.

# Calendar feeds
calendar-feed-name = Aula
