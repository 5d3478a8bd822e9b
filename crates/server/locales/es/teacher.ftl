# Las sesiones de un profesor
teacher-sessions-title = Mis sesiones
teacher-sessions-period = Desde hace una semana hasta dentro de un mes.
teacher-sessions-none = No hay sesiones en este periodo.
teacher-sessions-booked = { $booked }/{ $capacity } lugares reservados
teacher-private-lesson = Clase particular
teacher-session-status-SCHEDULED = Programada
teacher-session-status-CANCELLED = Cancelada
teacher-session-status-COMPLETED = Finalizada
teacher-session-all = Todas mis sesiones

# Una sesión: lista de estudiantes y asistencia
teacher-roster = Lista de estudiantes
teacher-roster-empty = Nadie ha reservado esta sesión.
teacher-roster-status-CONFIRMED = Con reserva
teacher-roster-status-COMPLETED = Asistió
teacher-roster-status-NO_SHOW = No asistió
teacher-roster-status-CANCELLED = Reserva cancelada
teacher-attendance = Asistencia
teacher-attended = Asistió
teacher-no-show = No asistió
teacher-save-attendance = Guardar asistencia
teacher-attendance-from-start = La asistencia se puede registrar a partir del inicio de la sesión.
teacher-attendance-saved = { $count ->
    [one] Asistencia guardada para 1 estudiante.
   *[other] Asistencia guardada para { $count } estudiantes.
}
teacher-attendance-choose = Marca Asistió o No asistió para cada estudiante.

# Disponibilidad semanal
teacher-availability-title = Mi disponibilidad
teacher-availability-heading = Mi disponibilidad semanal
teacher-availability-saved = Disponibilidad guardada.
teacher-availability-fix = Corrige lo siguiente:
teacher-availability-zone = Zona horaria (nombre IANA, p. ej. Europe/Madrid)
teacher-availability-weekly = Horario semanal
teacher-availability-weekly-hint = Horas locales de tu zona: las 09:00 siguen siendo las 09:00 aunque haya cambio de hora. Una hora de fin 00:00 significa la medianoche al final del día. Deja una fila vacía para eliminarla.
teacher-availability-exceptions = Excepciones
teacher-availability-exceptions-hint = Días libres (deja las horas vacías para todo el día) u horas adicionales en una fecha concreta.
teacher-availability-day = Día
teacher-availability-from = Desde
teacher-availability-to = Hasta
teacher-availability-date = Fecha
teacher-availability-extra = Horas adicionales
teacher-availability-save = Guardar disponibilidad
teacher-weekday-1 = Lunes
teacher-weekday-2 = Martes
teacher-weekday-3 = Miércoles
teacher-weekday-4 = Jueves
teacher-weekday-5 = Viernes
teacher-weekday-6 = Sábado
teacher-weekday-7 = Domingo

# Dónde está un problema del formulario de disponibilidad ("Horario semanal, fila 9: hora de fin")
teacher-availability-row = { $list }, fila { $row }
teacher-availability-row-field = { $list }, fila { $row }: { $field }
teacher-availability-problem = { $where }: { $problem }
teacher-availability-field-weekday = día
teacher-availability-field-startTime = hora de inicio
teacher-availability-field-endTime = hora de fin
teacher-availability-field-date = fecha
teacher-availability-field-timezone = Zona horaria
teacher-availability-field-rules = Horario semanal
teacher-availability-field-exceptions = Excepciones

# Qué falla en un campo del formulario de disponibilidad
teacher-availability-bad-zone = no es una zona horaria conocida; usa un nombre como Europe/Madrid
teacher-availability-bad-time = escribe una hora como 09:30
teacher-availability-before-midnight = debe ser anterior a la medianoche
teacher-availability-after-start = debe ser posterior a la hora de inicio
teacher-availability-bad-date = escribe una fecha
teacher-availability-date-range = debe ser una fecha entre 2000 y 2099
teacher-availability-bad-weekday = elige un día de la semana
teacher-availability-overlaps = se superpone con la fila { $row }
teacher-availability-needs-times = necesita una hora de inicio y una de fin para las horas adicionales
teacher-availability-needs-end = necesita una hora de fin si se indica una hora de inicio
teacher-availability-needs-start = necesita una hora de inicio si se indica una hora de fin
teacher-availability-too-many = tiene demasiadas filas
