# La plantilla común, las páginas de error y las palabras que comparten todas las áreas.

school-name = Aula
nav-label = Menú principal
nav-home = Inicio
nav-courses = Cursos
nav-schedule = Horario
nav-packages = Paquetes
nav-my-bookings = Mis reservas
nav-my-courses = Mis cursos
nav-my-credits = Mis créditos
nav-my-sessions = Mis sesiones
nav-my-availability = Mi disponibilidad
nav-back-office = Administración
nav-api = API
log-out = Cerrar sesión
log-in = Iniciar sesión
register = Registrarse
footer = Aula · escuela de idiomas
back-home = Volver a la página de inicio

# Páginas de error
error-forbidden-form = No podemos aceptar este formulario
error-not-yours = Esto no corresponde a tu cuenta
error-not-found = Página no encontrada
error-not-found-text = No hay nada en esta dirección. Revisa el enlace o vuelve a empezar desde la página de inicio.
error-refused = No es posible hacer esto
error-too-many = Demasiados intentos
error-internal = Algo salió mal
error-internal-text = Se produjo un error interno y ya quedó registrado. Por favor, vuelve a intentarlo.
error-unavailable = La escuela no está disponible en este momento
error-unavailable-text = Ahora mismo no podemos acceder a nuestros registros. Vuelve a intentarlo en unos instantes.
error-other = No podemos atender esta solicitud
error-back-office-only = Esta página forma parte de la administración de la escuela.
error-teachers-only = Esta página es para el profesorado de la escuela.

# Palabras compartidas
times-in-zone = Horarios en { $zone }
error-foreign-origin = Se envió desde otro sitio. Abre la página aquí y vuelve a enviarlo.
error-bad-csrf = El formulario caducó o no proviene de este sitio. Vuelve atrás, recarga la página e inténtalo de nuevo.

# Lo que incluye un paquete
allowance-course = Inscripción a un programa de curso
allowance-private = { $credits ->
    [one] 1 crédito de clase particular de { $minutes } min
   *[other] { $credits } créditos de clase particular de { $minutes } min
}
allowance-group = { $credits ->
    [one] 1 crédito de clase grupal de { $minutes } min
   *[other] { $credits } créditos de clase grupal de { $minutes } min
}
allowance-tier = (categoría de profesor { $tier })

# Rechazos tal como los dice una página (según el código de error de la API; si falta, se usa el mensaje de la API)
refused-duplicate = Esto ya existe.
refused-session_full = La sesión ya no tiene lugares libres. Puedes unirte a su lista de espera.
refused-session_not_full = La sesión todavía tiene lugares libres: reserva uno en lugar de esperar.
refused-already_booked = Ya tienes un lugar en esta sesión.
refused-step_already_booked = Este paso ya está reservado o completado.
refused-insufficient_credits = No te quedan créditos suficientes para esto. Consulta los paquetes para comprar más.
refused-package_expired = Este paquete ya venció.
refused-package_not_applicable = Este crédito no sirve para pagar esta sesión.
refused-cross_tier_confirmation_required = Solo puedes pagar esto con un crédito de una categoría superior a la necesaria. Marca “Acepto usar un crédito de categoría superior” para usarlo.
refused-not_enrolled = No tienes inscripción en este curso.
refused-cancellation_window_passed = Ya es tarde para cancelar esta reserva: venció el plazo de cancelación de la escuela.
refused-reschedule_not_allowed = Esta reserva ya no se puede cambiar de horario.
refused-booking_not_active = Esta reserva ya no está activa.
refused-slot_unavailable = Ese horario no está libre: el profesor está ocupado o no está disponible a esa hora. Elige otro horario.
refused-session_not_bookable = Esta sesión no se puede reservar: ya empezó, ya terminó o se canceló.
refused-session_not_started = La asistencia se puede registrar a partir del inicio de la sesión.
refused-in_use = Esto todavía está en uso: primero desactiva o elimina lo que lo usa.
refused-package_inactive = Este paquete ya no está a la venta.
refused-capacity_below_booked = Una de las próximas sesiones ya tiene más lugares reservados que esa capacidad.
