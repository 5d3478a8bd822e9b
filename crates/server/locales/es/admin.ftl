# La administración (páginas /admin).

# El <title> de una página: "Cursos · administración".
admin-page-title = { $page } · administración

# Palabras que comparten varias páginas de administración
admin-active = activo
admin-inactive = inactivo
admin-whole-number = Escribe un número entero.
# Un problema mostrado lejos de su campo: "Título: debe tener entre 1 y 255 caracteres".
admin-field-problem = { $field }: { $problem }
admin-field-other = Un campo
admin-not-saved = No se guardó: { $problems }

# Panel
admin-dashboard = Administración
admin-count-students = Estudiantes
admin-count-teachers = Profesores
admin-count-upcoming = Próximas sesiones
admin-count-active-packages = Paquetes activos
admin-count-sales = Ventas de los últimos 30 días

# Cursos
admin-courses = Cursos
admin-course-new = Nuevo curso
admin-courses-none = Todavía no hay cursos.
admin-course-steps = { $count ->
    [one] 1 paso
   *[other] { $count } pasos
}
admin-course-not-created = No se creó el curso: revisa los campos de abajo.
admin-course-not-saved = No se guardó el curso: revisa los campos de abajo.
admin-course-code = Código
admin-course-title = Título
admin-course-description = Descripción
admin-course-timezone = Zona horaria
admin-course-levels = Niveles
admin-course-create = Crear curso
admin-course-code-line = Código { $code }
admin-course-all = Todos los cursos
admin-course-public-page = Página pública
admin-course-active = Activo
admin-course-save = Guardar curso
admin-course-created = Curso creado.
admin-course-saved = Curso guardado.
admin-course-code-taken = Ya hay otro curso con este código.

# Pasos y opciones de un curso
admin-steps = Pasos
admin-steps-none = Todavía no hay pasos.
admin-step-move-up = Subir
admin-step-move-down = Bajar
admin-step-delete = Eliminar paso
admin-step-order = Orden de los pasos
admin-option-remove = Quitar opción
admin-option-class = Clase grupal
admin-option-add = Agregar opción
admin-step-add-heading = Agregar un paso
admin-step-edit-heading = Modificar el paso { $label }
admin-step-label = Etiqueta
admin-step-title = Título
admin-step-description = Descripción
admin-step-required = Obligatorio
admin-step-add = Agregar paso
admin-step-save = Guardar paso
admin-step-not-added = No se agregó el paso: revisa los campos de abajo.
admin-step-not-saved = No se guardó el paso: revisa sus campos abajo.
admin-step-added = Paso agregado.
admin-step-saved = Paso { $label } guardado.
admin-steps-reordered = Pasos reordenados.
admin-step-deleted = Paso eliminado.
admin-step-label-taken = Ya hay otro paso de este curso con esta etiqueta.
admin-option-added = Opción agregada.
admin-option-removed = Opción quitada.

# Paquetes
admin-packages = Paquetes
admin-package-new = Nuevo paquete
admin-packages-none = Todavía no hay paquetes.
admin-package-on-sale = a la venta
admin-package-not-sold = fuera de venta
admin-package-deactivate = Desactivar
admin-package-activate = Activar
admin-package-is-on-sale = { $name } está a la venta.
admin-package-no-longer-sold = { $name } ya no está a la venta.
admin-package-created = Paquete { $name } creado.
admin-package-not-created = No se creó el paquete: revisa los campos de abajo.
admin-package-name = Nombre
admin-package-description = Descripción
admin-package-price = Precio (en unidades de la moneda, p. ej. 149.00)
admin-package-currency = Moneda
admin-package-expires = Vigencia (días)
admin-package-allowance = Asignación { $n }
admin-package-create = Crear paquete
admin-price-format = Escribe el precio con este formato: 149.00.
admin-expires-format = Escribe un número entero de días, o déjalo vacío para que no venza.
admin-allowance-type = Tipo
admin-allowance-none = Ninguno
admin-allowance-private = Clases particulares
admin-allowance-group = Clases grupales
admin-allowance-course = Curso
admin-allowance-credits = Créditos
admin-allowance-credits-number = Créditos: escribe un número entero.
admin-allowance-minutes = Minutos por crédito
admin-allowance-tier = Categoría del profesor
admin-allowance-program = Curso

# Clases grupales
admin-classes = Clases grupales
admin-class-new = Nueva clase
admin-classes-none = Todavía no hay clases.
admin-class-teachers = { $count ->
    [one] 1 profesor
   *[other] { $count } profesores
}
admin-class-seats = { $count ->
    [one] 1 lugar
   *[other] { $count } lugares
}
admin-class-not-created = No se creó la clase: revisa los campos de abajo.
admin-class-title = Título
admin-class-description = Descripción
admin-class-capacity = Capacidad
admin-class-levels = Niveles
admin-class-teacher = Profesor
admin-class-timezone = Zona horaria
admin-class-weekdays = Días de la semana
admin-weekday-1 = Lun
admin-weekday-2 = Mar
admin-weekday-3 = Mié
admin-weekday-4 = Jue
admin-weekday-5 = Vie
admin-weekday-6 = Sáb
admin-weekday-7 = Dom
admin-class-start-time = Hora de inicio
admin-class-duration = Duración (minutos)
admin-class-from = Desde
admin-class-until = Hasta
admin-class-create = Crear clase
admin-class-created = Clase creada.
admin-choose-teacher = Elige un profesor.
admin-class-all = Todas las clases
admin-class-zone = Zona horaria de la clase: { $zone }

# Las sesiones de una clase
admin-sessions = Sesiones
admin-sessions-none = No hay sesiones.
admin-session-when = Sesión
admin-session-booked = Reservados
admin-session-waiting = En espera
admin-session-status = Estado
admin-session-actions = Acciones
admin-session-status-SCHEDULED = Programada
admin-session-status-CANCELLED = Cancelada
admin-session-status-COMPLETED = Finalizada
admin-session-cancel = Cancelar sesión
admin-session-cancelled = Sesión cancelada; se reembolsaron sus reservas.
admin-session-add-heading = Agregar una sesión
admin-session-starts-at = Inicio ({ $zone })
admin-session-zone-class = Fecha y hora en la zona horaria de la clase, { $zone }.
admin-session-zone-yours = La clase no tiene zona horaria propia: fecha y hora en la tuya, { $zone }.
admin-session-duration = Duración (minutos)
admin-session-add = Agregar sesión
admin-session-added = Sesión agregada: { $when }.
admin-session-start-missing = Elige el día y la hora en que empieza la sesión.
admin-session-start-invalid = Escribe el día y la hora con este formato: 2026-03-10T18:00.

# Usuarios
admin-users = Usuarios
admin-users-search = Buscar
admin-users-role = Rol
admin-users-everyone = Todos
admin-users-students = Estudiantes
admin-users-teachers = Profesores
admin-users-admins = Administradores
admin-users-count = { $total ->
    [one] 1 usuario
   *[other] { $total } usuarios
} · página { $page }
admin-user-teacher = profesor
admin-user-admin = administrador
admin-user-tier = Categoría
admin-user-make-teacher = Hacer profesor
admin-user-remove-teacher = Quitar rol de profesor
admin-user-make-admin = Hacer administrador
admin-user-remove-admin = Quitar rol de administrador
admin-users-previous = Página anterior
admin-users-next = Página siguiente
admin-user-is-teacher = { $name } ahora tiene el rol de profesor.
admin-user-is-admin = { $name } ahora tiene el rol de administrador.
admin-user-role-removed = { $name } ya no tiene ese rol.

# Política de cancelación
admin-policy = Política de cancelación
admin-policy-not-saved = No se guardó la política: revisa los campos de abajo.
admin-policy-allow-cancellation = Permitir cancelaciones
admin-policy-cancellation-hours = Plazo de cancelación (horas)
admin-policy-refund = Devolver créditos
admin-policy-allow-rescheduling = Permitir cambios de horario
admin-policy-rescheduling-hours = Plazo para cambiar de horario (horas)
admin-policy-max-reschedules = Máximo de cambios de horario
admin-policy-save = Guardar política
admin-policy-saved = Política guardada; se aplica a partir de ahora.

# Compras
admin-purchases = Compras
admin-purchases-none = Todavía no hay compras.
admin-purchase-student = Estudiante
admin-purchase-package = Paquete
admin-purchase-amount = Importe
admin-purchase-paid = Pago
admin-purchase-refunded = Reembolso
admin-purchase-date = Fecha
admin-purchase-is-paid = Pagada
admin-purchase-not-granted = No otorgada
admin-purchase-for-review = por revisar
admin-purchase-refunded-amount = { $amount } reembolsado
admin-purchase-refunded-in-full = { $amount } reembolsado (total)

admin-outbox = Bandeja de salida
admin-outbox-none = Todavía no hay correos.
admin-outbox-logged-only = No hay ningún servidor SMTP configurado (AULA_SMTP_URL): los correos se escriben en el registro y se muestran aquí, pero nunca se envían.
admin-mail-date = Creado
admin-mail-to = Para
admin-mail-subject = Asunto
admin-mail-status = Estado
admin-mail-attempts = Intentos
admin-mail-retry = Reintentar
admin-mail-retried = El correo vuelve a estar en la cola.
admin-mail-not-failed = Solo se puede reintentar un correo fallido.
admin-mail-kind-WELCOME = Bienvenida
admin-mail-kind-RECEIPT = Recibo
admin-mail-kind-BOOKING_CONFIRMED = Reserva confirmada
admin-mail-kind-BOOKING_CANCELLED = Reserva cancelada
admin-mail-kind-WAITLIST_PROMOTED = Salida de la lista de espera
admin-mail-kind-SESSION_CANCELLED = Sesión cancelada
admin-mail-kind-REMINDER = Recordatorio
admin-mail-kind-PASSWORD_RESET = Restablecimiento de contraseña
admin-mail-status-QUEUED = En cola
admin-mail-status-SENDING = Enviando
admin-mail-status-SENT = Enviado
admin-mail-status-FAILED = Fallido
admin-mail-status-LOGGED = Registrado (no enviado)
admin-mail-status-SKIPPED = Ya no es necesario

admin-texts = Textos
admin-texts-hint = Cada lector ve el texto de su idioma; si un idioma no tiene texto propio, se muestra el texto predeterminado (el que se dio al crearlo). Deja vacíos los dos campos de un idioma para mostrar en él el texto predeterminado.
admin-texts-language-en = Inglés
admin-texts-language-es = Español
admin-texts-title = Título ({ $language })
admin-texts-name = Nombre ({ $language })
admin-texts-description = Descripción ({ $language })
admin-texts-unset = Todavía no tiene texto propio: se muestra el texto predeterminado.
admin-texts-save = Guardar textos
admin-texts-saved = Textos guardados.
admin-texts-not-saved = No se guardaron los textos: revisa los campos de abajo.
admin-package-all = Todos los paquetes
