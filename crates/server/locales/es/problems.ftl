# Qué falla en un campo, después de su nombre: "email debe ser una dirección de correo electrónico".
# Los `fields` de la API y los errores de los formularios usan estos textos. Valores: $min, $max,
# $other (el nombre de un campo).

problem-required = es obligatorio
problem-required-with = es obligatorio junto con { $other }
problem-required-when-available = es obligatorio cuando available es true
problem-required-for-course = es obligatorio para COURSE
problem-required-for-credits = es obligatorio para PRIVATE y GROUP
problem-between = debe estar entre { $min } y { $max }
problem-at-least = debe ser como mínimo { $min }
problem-chars = debe tener entre { $min } y { $max } caracteres
problem-at-least-chars = debe tener al menos { $min } caracteres
problem-at-most-chars = debe tener como máximo { $max } caracteres
problem-control-chars = no debe contener caracteres de control
problem-email = debe ser una dirección de correo electrónico
problem-after = debe ser posterior a { $other }
problem-not-before = no debe ser anterior a { $other }
problem-at-most-days-after = debe ser como máximo { $days } días después de { $other }
problem-future = debe estar en el futuro
problem-date = debe ser una fecha con el formato YYYY-MM-DD
problem-time = debe ser una hora con el formato HH:MM entre 00:00 y 24:00
problem-before-midnight = debe ser anterior a las 24:00
problem-date-range = debe estar en [2000-01-01, 2100-01-01)
problem-time-zone = no es una zona horaria IANA conocida
problem-weekday = debe ir del 1 (lunes) al 7 (domingo)
problem-weekdays = debe contener días de la semana del 1 (lunes) al 7 (domingo)
problem-weekday-repeated = no debe repetir ningún día de la semana
problem-not-empty = no debe estar vacío
problem-at-most-rules = debe tener como máximo { $max } reglas
problem-at-most-exceptions = debe tener como máximo { $max } excepciones
problem-overlaps-rule = se superpone con rules[{ $index }]
problem-credit-unit = debe ser 15, 30, 45 o 60
problem-service-type-repeated = cada tipo de servicio puede aparecer una sola vez por paquete
problem-allowance-count = indica de 1 a 3 asignaciones
problem-course-one-credit = una asignación COURSE tiene exactamente 1 crédito
problem-course-no-unit = una asignación COURSE no tiene unidad de crédito
problem-course-only-program = solo una asignación COURSE indica un programa de curso
problem-course-code = debe tener de 2 a 50 caracteres entre A-Z, 0-9 y -, y empezar por una letra
problem-amount = debe estar entre 1 y { $max } en unidades menores de la moneda
problem-currency = debe ser un código ISO 4217 de 3 letras, como usd
problem-private-length = una clase particular dura de { $min } a { $max } minutos
problem-not-step-session = no es una sesión de una opción activa de este paso del curso
problem-not-session-booking = no es una reserva de esta sesión
problem-invalid = no es válido
problem-refused = fue rechazado ({ $code })
problem-teacher-count = indica de 1 a { $max } profesores
problem-not-active-teacher = { $id } no es un profesor activo
problem-one-of-field = debe ser uno de { $other }
problem-session-hours = { $max ->
    [one] una sesión dura como máximo 1 hora
   *[other] una sesión dura como máximo { $max } horas
}
problem-sessions-needed = indica al menos una sesión futura, o una recurrencia que tenga alguna
problem-at-most-sessions = una clase tiene como máximo { $max } sesiones
problem-not-group-class = no es una clase grupal
problem-step-ids = debe incluir cada paso del programa exactamente una vez
problem-not-level = { $id } no es un nivel
problem-expires-days = debe estar entre 1 y { $max }, o ser null para que no venza
problem-not-course-program = no es un programa de curso
problem-tier-teacher-only = solo un profesor tiene categoría
problem-one-of = debe ser uno de estos: { $choices }
problem-attendance-count = indica de 1 a { $max } reservas
problem-times-with-teacher = startAt y endAt son obligatorios con teacherId
problem-booking-target = indica sessionId, o teacherId con startAt y endAt
problem-teacher-ids = debe contener de 1 a { $max } ids de profesor separados por comas
problem-slot-minutes = debe ser de 30 a 180 minutos, en múltiplos de 15
problem-span-days = el intervalo puede abarcar como máximo { $max } días
problem-entries = como máximo { $max } entradas de { $chars } caracteres como máximo
problem-url = debe ser una URL http(s) de { $max } caracteres como máximo
problem-chosen = hay que elegir una opción

# Por qué una reserva no se puede cancelar ni cambiar de horario (el `reason` de can-modify).
problem-booking-status = la reserva está { $status ->
    [CANCELLED] cancelada
    [COMPLETED] completada
    [NO_SHOW] marcada como inasistencia
   *[other] confirmada
}
problem-no-cancelling = la escuela no permite cancelar reservas
problem-cancel-deadline = { $hours ->
    [one] las reservas se pueden cancelar hasta 1 hora antes del inicio
   *[other] las reservas se pueden cancelar hasta { $hours } horas antes del inicio
}
problem-no-rescheduling = la escuela no permite cambiar el horario de las reservas
problem-reschedule-limit = { $max ->
    [one] una reserva se puede cambiar de horario como máximo 1 vez
   *[other] una reserva se puede cambiar de horario como máximo { $max } veces
}
problem-reschedule-deadline = { $hours ->
    [one] las reservas se pueden cambiar de horario hasta 1 hora antes del inicio
   *[other] las reservas se pueden cambiar de horario hasta { $hours } horas antes del inicio
}
problem-no-changes = la política no permite cambios
