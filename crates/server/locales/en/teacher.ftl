# A teacher's sessions
teacher-sessions-title = My sessions
teacher-sessions-period = From a week ago to a month ahead.
teacher-sessions-none = No sessions in this period.
teacher-sessions-booked = { $booked }/{ $capacity } booked
teacher-private-lesson = Private lesson
teacher-session-status-SCHEDULED = Scheduled
teacher-session-status-CANCELLED = Cancelled
teacher-session-status-COMPLETED = Completed
teacher-session-all = All my sessions

# One session: roster and attendance
teacher-roster = Roster
teacher-roster-empty = Nobody has booked this session.
teacher-roster-status-CONFIRMED = Booked
teacher-roster-status-COMPLETED = Attended
teacher-roster-status-NO_SHOW = No-show
teacher-roster-status-CANCELLED = Cancelled
teacher-attendance = Attendance
teacher-attended = Attended
teacher-no-show = No-show
teacher-save-attendance = Save attendance
teacher-attendance-from-start = Attendance can be taken from the session's start.
teacher-attendance-saved = { $count ->
    [one] Attendance saved for 1 student.
   *[other] Attendance saved for { $count } students.
}
teacher-attendance-choose = Choose Attended or No-show for each student.

# Weekly availability
teacher-availability-title = My availability
teacher-availability-heading = My weekly availability
teacher-availability-saved = Availability saved.
teacher-availability-fix = Please correct these:
teacher-availability-zone = Time zone (IANA name, e.g. Europe/Madrid)
teacher-availability-weekly = Weekly hours
teacher-availability-weekly-hint = Local wall-clock times in your zone; 09:00 stays 09:00 across clock changes. An end time of 00:00 means midnight at the end of the day. Leave a row empty to drop it.
teacher-availability-exceptions = Exceptions
teacher-availability-exceptions-hint = Days off (leave the times empty for the whole day) or extra hours on one date.
teacher-availability-day = Day
teacher-availability-from = From
teacher-availability-to = To
teacher-availability-date = Date
teacher-availability-extra = Extra hours
teacher-availability-save = Save availability
teacher-weekday-1 = Monday
teacher-weekday-2 = Tuesday
teacher-weekday-3 = Wednesday
teacher-weekday-4 = Thursday
teacher-weekday-5 = Friday
teacher-weekday-6 = Saturday
teacher-weekday-7 = Sunday

# Where a problem of the availability form is ("Weekly hours, row 9: end time")
teacher-availability-row = { $list }, row { $row }
teacher-availability-row-field = { $list }, row { $row }: { $field }
teacher-availability-problem = { $where }: { $problem }
teacher-availability-field-weekday = day
teacher-availability-field-startTime = start time
teacher-availability-field-endTime = end time
teacher-availability-field-date = date
teacher-availability-field-timezone = Time zone
teacher-availability-field-rules = Weekly hours
teacher-availability-field-exceptions = Exceptions

# What is wrong with a field of the availability form
teacher-availability-bad-zone = is not a known time zone; use a name such as Europe/Madrid
teacher-availability-bad-time = enter a time such as 09:30
teacher-availability-before-midnight = must be before midnight
teacher-availability-after-start = must be after the start time
teacher-availability-bad-date = enter a date
teacher-availability-date-range = must be a date from 2000 to 2099
teacher-availability-bad-weekday = choose a day of the week
teacher-availability-overlaps = overlaps row { $row }
teacher-availability-needs-times = needs a start and an end time for extra hours
teacher-availability-needs-end = needs an end time when a start time is given
teacher-availability-needs-start = needs a start time when an end time is given
teacher-availability-too-many = has too many rows
