# Mails. Each has a subject, a greeting, its text, one link and the school's signature.

mail-greeting = Hello { $name },
mail-signature = { $school }
mail-bookings-link = See your bookings

mail-welcome-subject = Welcome to { $school }
mail-welcome-body = Your account is ready. Browse the courses and the schedule, buy a package and book your first class.
mail-welcome-link = See the courses

mail-receipt-subject = Your receipt: { $package }
mail-receipt-body = Thank you for your purchase of { $package }: { $amount }, paid on { $date }.
mail-receipt-credits-link = See your credits
mail-receipt-courses-link = See your courses

mail-booked-subject = Booking confirmed: { $what }
mail-booked-body = Your place in { $what } on { $when } is confirmed.

mail-promoted-subject = A seat is yours: { $what }
mail-promoted-body = A seat became free and you are off the waiting list: { $what } on { $when } is booked for you.

mail-reminder-subject = Tomorrow: { $what }
mail-reminder-body = A reminder: { $what } starts on { $when }.

mail-cancelled-subject = Booking cancelled: { $what }
mail-cancelled-body = Your booking of { $what } on { $when } is cancelled.

mail-session-cancelled-subject = Cancelled by the school: { $what }
mail-session-cancelled-body = The school cancelled { $what } on { $when }. We are sorry for the change of plans.

mail-credits-back = { $credits ->
    [0] No credits were refunded.
    [one] 1 credit was refunded.
   *[other] { $credits } credits were refunded.
}

mail-reset-subject = Reset your password
mail-reset-body = Someone asked to reset the password of your account. Open the link within an hour to choose a new password; it works once.
mail-reset-ignore = If it was not you, ignore this mail: your password stays as it is.
mail-reset-link = Choose a new password
