# Logging in
account-login-title = Log in
account-email = E-mail
account-password = Password
account-login-button = Log in
account-login-new-here = New here?
account-login-create = Create an account
account-login-wrong = Wrong e-mail or password.
account-login-too-many = Too many failed attempts. Wait a minute and try again.

# Registering
account-register-title = Register
account-register-heading = Create your account
account-first-name = First name
account-last-name = Last name
account-register-password = Password (at least 8 characters)
account-register-button = Register
account-register-fix = Please correct the fields below.
account-register-taken = That e-mail is already registered. Log in instead?
account-register-have-account = Already have an account?
account-register-log-in = Log in

# The home page
account-home-title = Welcome
account-home-heading = Learn a language with real teachers
account-home-intro = Private lessons and small group classes at every level from A1 to C2, paid with flexible credit packages, plus course programs that take you step by step.
account-home-welcome = Welcome, { $name }.
account-home-find-course = Find a course
account-home-book-class = Book a class
account-home-create = Create your account
account-home-log-in = I have an account: log in
account-home-levels = Levels
account-home-courses = Courses
account-home-courses-text = Programs that take you step by step.
account-home-see-courses = See the courses
account-home-packages = Packages
account-home-packages-text = Credits for private lessons and group classes.
account-home-see-packages = See the packages
account-home-group-classes = Group classes
account-home-group-classes-text = Small classes with a waiting list when they fill up.
account-home-see-schedule = See the schedule

# Password reset
account-login-forgot = Forgot your password?
account-reset-title = Reset your password
account-reset-intro = Type the e-mail address you registered with. We will send it a link to choose a new password.
account-reset-button = Send link
account-reset-sent = If that e-mail address is registered, a link to choose a new password has been sent to it. The link works once, within one hour.
account-reset-back-to-login = Back to log in
account-reset-new-title = Choose a new password
account-reset-new-password = New password (at least 8 characters)
account-reset-new-button = Set password
account-reset-expired-title = This link no longer works
account-reset-expired = This link has expired or has already been used. Ask for a new one.
account-reset-ask-again = Ask for a new link
account-reset-changed = Your password has been changed. Log in with the new one.
