# The back office (/admin pages).

# A page's <title>: "Courses · back office".
admin-page-title = { $page } · back office

# Words several back-office pages share
admin-active = active
admin-inactive = inactive
admin-whole-number = Write a whole number.
# A problem shown away from its field: "Title must be 1 to 255 characters".
admin-field-problem = { $field } { $problem }
admin-field-other = A field
admin-not-saved = Not saved: { $problems }

# Dashboard
admin-dashboard = Back office
admin-count-students = Students
admin-count-teachers = Teachers
admin-count-upcoming = Upcoming sessions
admin-count-active-packages = Active packages
admin-count-sales = Sales in the last 30 days

# Courses
admin-courses = Courses
admin-course-new = New course
admin-courses-none = No course yet.
admin-course-steps = { $count ->
    [one] 1 step
   *[other] { $count } steps
}
admin-course-not-created = The course was not created: see the fields below.
admin-course-not-saved = The course was not saved: see the fields below.
admin-course-code = Code
admin-course-title = Title
admin-course-description = Description
admin-course-timezone = Time zone
admin-course-levels = Levels
admin-course-create = Create course
admin-course-code-line = Code { $code }
admin-course-all = All courses
admin-course-public-page = Public page
admin-course-active = Active
admin-course-save = Save course
admin-course-created = Course created.
admin-course-saved = Course saved.
admin-course-code-taken = Another course already has this code.

# Steps and options of a course
admin-steps = Steps
admin-steps-none = No steps yet.
admin-step-move-up = Move up
admin-step-move-down = Move down
admin-step-delete = Delete step
admin-step-order = Step order
admin-option-remove = Remove option
admin-option-class = Group class
admin-option-add = Add option
admin-step-add-heading = Add a step
admin-step-edit-heading = Change step { $label }
admin-step-label = Label
admin-step-title = Title
admin-step-description = Description
admin-step-required = Required
admin-step-add = Add step
admin-step-save = Save step
admin-step-not-added = The step was not added: see the fields below.
admin-step-not-saved = The step was not saved: see its fields below.
admin-step-added = Step added.
admin-step-saved = Step { $label } saved.
admin-steps-reordered = Steps reordered.
admin-step-deleted = Step deleted.
admin-step-label-taken = Another step of this course already has this label.
admin-option-added = Option added.
admin-option-removed = Option removed.

# Packages
admin-packages = Packages
admin-package-new = New package
admin-packages-none = No package yet.
admin-package-on-sale = on sale
admin-package-not-sold = not sold
admin-package-deactivate = Deactivate
admin-package-activate = Activate
admin-package-is-on-sale = { $name } is on sale.
admin-package-no-longer-sold = { $name } is no longer sold.
admin-package-created = { $name } created.
admin-package-not-created = The package was not created: see the fields below.
admin-package-name = Name
admin-package-description = Description
admin-package-price = Price (major units, e.g. 149.00)
admin-package-currency = Currency
admin-package-expires = Expires after (days)
admin-package-allowance = Allowance { $n }
admin-package-create = Create package
admin-price-format = Write the price like 149.00.
admin-expires-format = Write a whole number of days, or leave it empty for never.
admin-allowance-type = Type
admin-allowance-none = None
admin-allowance-private = Private lessons
admin-allowance-group = Group classes
admin-allowance-course = Course
admin-allowance-credits = Credits
admin-allowance-credits-number = Credits: write a whole number.
admin-allowance-minutes = Minutes per credit
admin-allowance-tier = Teacher tier
admin-allowance-program = Course

# Group classes
admin-classes = Group classes
admin-class-new = New class
admin-classes-none = No class yet.
admin-class-teachers = { $count ->
    [one] 1 teacher
   *[other] { $count } teachers
}
admin-class-seats = { $count ->
    [one] 1 seat
   *[other] { $count } seats
}
admin-class-not-created = The class was not created: see the fields below.
admin-class-title = Title
admin-class-description = Description
admin-class-capacity = Capacity
admin-class-levels = Levels
admin-class-teacher = Teacher
admin-class-timezone = Time zone
admin-class-weekdays = Weekdays
admin-weekday-1 = Mon
admin-weekday-2 = Tue
admin-weekday-3 = Wed
admin-weekday-4 = Thu
admin-weekday-5 = Fri
admin-weekday-6 = Sat
admin-weekday-7 = Sun
admin-class-start-time = Start time
admin-class-duration = Duration (minutes)
admin-class-from = From
admin-class-until = Until
admin-class-create = Create class
admin-class-created = Class created.
admin-choose-teacher = Choose a teacher.
admin-class-all = All classes
admin-class-zone = Time zone of the class: { $zone }

# A class's sessions
admin-sessions = Sessions
admin-sessions-none = No sessions.
admin-session-when = Session
admin-session-booked = Booked
admin-session-waiting = Waiting
admin-session-status = Status
admin-session-actions = Actions
admin-session-status-SCHEDULED = Scheduled
admin-session-status-CANCELLED = Cancelled
admin-session-status-COMPLETED = Completed
admin-session-cancel = Cancel session
admin-session-cancelled = Session cancelled; its bookings were refunded.
admin-session-add-heading = Add a session
admin-session-starts-at = Starts at ({ $zone })
admin-session-zone-class = Date and time in the class's time zone, { $zone }.
admin-session-zone-yours = The class has no time zone of its own: date and time in yours, { $zone }.
admin-session-duration = Duration (minutes)
admin-session-add = Add session
admin-session-added = Session added: { $when }.
admin-session-start-missing = Choose the day and time the session starts.
admin-session-start-invalid = Write the day and time like 2026-03-10T18:00.

# Users
admin-users = Users
admin-users-search = Search
admin-users-role = Role
admin-users-everyone = Everyone
admin-users-students = Students
admin-users-teachers = Teachers
admin-users-admins = Admins
admin-users-count = { $total ->
    [one] 1 user
   *[other] { $total } users
} · page { $page }
admin-user-teacher = teacher
admin-user-admin = admin
admin-user-tier = Tier
admin-user-make-teacher = Make teacher
admin-user-remove-teacher = Remove teacher
admin-user-make-admin = Make admin
admin-user-remove-admin = Remove admin
admin-users-previous = Previous page
admin-users-next = Next page
admin-user-is-teacher = { $name } is a teacher.
admin-user-is-admin = { $name } is an admin.
admin-user-role-removed = { $name } no longer has that role.

# Cancellation policy
admin-policy = Cancellation policy
admin-policy-not-saved = The policy was not saved: see the fields below.
admin-policy-allow-cancellation = Allow cancellation
admin-policy-cancellation-hours = Cancellation deadline (hours)
admin-policy-refund = Refund credits
admin-policy-allow-rescheduling = Allow rescheduling
admin-policy-rescheduling-hours = Rescheduling deadline (hours)
admin-policy-max-reschedules = Maximum reschedules
admin-policy-save = Save policy
admin-policy-saved = Policy saved; it applies from now on.

# Purchases
admin-purchases = Purchases
admin-purchases-none = No purchases yet.
admin-purchase-student = Student
admin-purchase-package = Package
admin-purchase-amount = Amount
admin-purchase-paid = Paid
admin-purchase-refunded = Refunded
admin-purchase-date = Date
admin-purchase-is-paid = Paid
admin-purchase-not-granted = Not granted
admin-purchase-for-review = for review
admin-purchase-refunded-amount = { $amount } refunded
admin-purchase-refunded-in-full = { $amount } refunded (in full)

admin-outbox = Outbox
admin-outbox-none = No mails yet.
admin-outbox-logged-only = No SMTP server is configured (AULA_SMTP_URL): mails are written to the log and listed here, never sent.
admin-mail-date = Written
admin-mail-to = To
admin-mail-subject = Subject
admin-mail-status = Status
admin-mail-attempts = Tries
admin-mail-retry = Retry
admin-mail-retried = The mail is queued again.
admin-mail-not-failed = Only a failed mail can be retried.
admin-mail-kind-WELCOME = Welcome
admin-mail-kind-RECEIPT = Receipt
admin-mail-kind-BOOKING_CONFIRMED = Booking confirmed
admin-mail-kind-BOOKING_CANCELLED = Booking cancelled
admin-mail-kind-WAITLIST_PROMOTED = Off the waiting list
admin-mail-kind-SESSION_CANCELLED = Session cancelled
admin-mail-kind-REMINDER = Reminder
admin-mail-kind-PASSWORD_RESET = Password reset
admin-mail-status-QUEUED = Queued
admin-mail-status-SENDING = Sending
admin-mail-status-SENT = Sent
admin-mail-status-FAILED = Failed
admin-mail-status-LOGGED = Logged (not sent)
admin-mail-status-SKIPPED = Not needed any more

admin-texts = Texts
admin-texts-hint = Readers see the text of their language; where a language has no text of its own, they see the default text (the one given at creation). Leave both fields of a language empty to show the default text in it.
admin-texts-language-en = English
admin-texts-language-es = Spanish
admin-texts-title = Title ({ $language })
admin-texts-name = Name ({ $language })
admin-texts-description = Description ({ $language })
admin-texts-unset = No text of its own yet: readers see the default text.
admin-texts-save = Save texts
admin-texts-saved = Texts saved.
admin-texts-not-saved = The texts were not saved: see the fields below.
admin-package-all = All packages
