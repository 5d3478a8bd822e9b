steps-completed = { $done } de { $total } pasos completados

# Reservas
my-bookings = Mis reservas
bookings-none = Todavía no tienes reservas.
bookings-find-class = Buscar una clase
bookings-upcoming = Próximas
bookings-past = Anteriores
bookings-cancel = Cancelar reserva
bookings-cancel-until = Puedes cancelarla hasta el { $deadline }.
booking-status-CONFIRMED = Confirmada
booking-status-CANCELLED = Cancelada
booking-status-COMPLETED = Asististe
booking-status-NO_SHOW = No asististe
paid-course-step = paso del curso
paid-credits = { $credits ->
    [one] 1 crédito
   *[other] { $credits } créditos
}
private-lesson-with = Clase particular con { $name }
session = Sesión
cancel-question = ¿Quieres cancelar esta reserva?
cancel-yes = Sí, cancelar reserva
cancel-no = No, mantenerla
cancel-too-late = Esta reserva ya no se puede cancelar.
cancel-gives-step-back = El paso vuelve a tu curso para que puedas reservarlo de nuevo.
cancel-gives-credits-back = { $credits ->
    [one] Se devolverá 1 crédito a tu paquete.
   *[other] Se devolverán { $credits } créditos a tu paquete.
}
cancel-gives-nothing-back = Según la política de la escuela, no se devuelven créditos.
cancelled = Reserva cancelada.
cancelled-credits-back = { $credits ->
    [one] Reserva cancelada. Se devolvió 1 crédito a tu paquete.
   *[other] Reserva cancelada. Se devolvieron { $credits } créditos a tu paquete.
}
booked-with-credits = { $credits ->
    [one] Reserva hecha con 1 crédito.
   *[other] Reserva hecha con { $credits } créditos.
}
waitlist-joined = Ocupas el puesto { $place } en la lista de espera; te reservaremos un lugar automáticamente en cuanto se libere uno.

# Elegir un crédito
credit-choose = Elige un crédito
credit-legend = Crédito
credit-none-fits = Ninguno de tus créditos sirve para pagar esto.
credit-none-fits-session = Ninguno de tus créditos sirve para pagar esta sesión. Consulta los paquetes para comprar créditos.
credit-see-packages = Ver los paquetes
credit-consent = Acepto usar un crédito de categoría superior
credit-consent-hint = Solo puedes pagar esto con un crédito de una categoría superior a la necesaria: solo se usará si marcas la casilla.
credit-confirm = Confirmar reserva
credit-choose-one = Elige el crédito con el que quieres pagar.
credit-option = { $package } · { $cost ->
    [one] cuesta 1 crédito
   *[other] cuesta { $cost } créditos
}, { $left ->
    [one] queda 1
   *[other] quedan { $left }
}
credit-option-higher = { $package } · { $cost ->
    [one] cuesta 1 crédito
   *[other] cuesta { $cost } créditos
}, { $left ->
    [one] queda 1
   *[other] quedan { $left }
} · categoría superior
back-to-schedule = Volver al horario

# La página de un profesor y las clases particulares
teacher-profile-languages = Idiomas: { $languages }
teacher-profile-years = { $years ->
    [one] 1 año de experiencia docente
   *[other] { $years } años de experiencia docente
}
teacher-profile-slots = Clases particulares disponibles en los próximos { $days } días
teacher-profile-length = Duración de la clase
teacher-profile-show = Ver horarios libres
teacher-profile-no-slots = No hay horarios libres para una clase de esta duración en los próximos días.
teacher-profile-book = Reservar
teacher-profile-login-to-book = Inicia sesión para reservar
minutes = { $minutes } minutos
private-bad-slot = Ese horario no se puede reservar. Elige uno de los horarios libres que aparecen abajo.
private-back = Volver a los horarios libres del profesor

# El horario
schedule-title = Horario
schedule-heading = Horario de clases grupales
schedule-level = Nivel
schedule-all-levels = Todos los niveles
schedule-teacher = Profesor
schedule-all-teachers = Todos los profesores
schedule-show = Mostrar
schedule-times-in = Las horas se muestran en
schedule-none = No hay sesiones grupales en los próximos { $days } días.
schedule-none-filtered = No hay sesiones grupales con este filtro en los próximos { $days } días.
schedule-group-class = Clase grupal
schedule-seats-free = { $free } de { $capacity } lugares libres
schedule-full = Completo
schedule-waiting = { $waiting } en espera
schedule-booked = Reservado
schedule-your-place = Ocupas el puesto { $place } en la lista de espera
schedule-book = Reservar
schedule-join-waitlist = Unirme a la lista de espera
schedule-login-to-book = Inicia sesión para reservar
schedule-cost = { $credits ->
    [one] 1 crédito
   *[other] { $credits } créditos
}
schedule-cost-higher = { $credits ->
    [one] 1 crédito de categoría superior
   *[other] { $credits } créditos de categoría superior
}
schedule-cost-none = Ninguno de tus créditos sirve

# El catálogo de cursos
courses-title = Cursos
courses-intro = Programas paso a paso que se imparten en nuestras clases grupales. Compras una sola vez y reservas cada paso en la clase que mejor te convenga.
courses-none = En este momento no hay ningún curso abierto.
courses-code-steps = Código { $code } · { $steps ->
    [one] 1 paso
   *[other] { $steps } pasos
}
courses-levels = niveles { $levels }
courses-not-on-sale = No está a la venta en este momento.
course-code = Código { $code }
course-buy-heading = Comprar este curso
course-not-on-sale = Este curso no está a la venta en este momento.
course-enrolled = Inscripción activa
course-buy = Comprar
course-login-to-buy = Inicia sesión para comprar
course-steps = Pasos
course-no-option = Todavía no hay ninguna clase que imparta este paso.
course-no-sessions = No hay próximas sesiones.
course-free-seats = { $free ->
    [one] 1 lugar libre
   *[other] { $free } lugares libres
}

# Mis cursos
my-courses-none = Todavía no tienes ningún curso.
steps-booked = { $booked ->
    [one] 1 reservado
   *[other] { $booked } reservados
}
step-status-UNBOOKED = Sin reservar
step-status-BOOKED = Reservado
step-status-COMPLETED = Completado
step-status-MISSED = No asististe
step-status-CANCELLED = Cancelado
my-courses-choose-session = Elige una sesión
my-courses-book-step = Reservar este paso
course-step-booked = Paso reservado.
course-step-wrong-session = Esa sesión no corresponde a este paso.

# Calendarios suscribibles
calendar-feed-name = Aula
