# Correos. Cada uno tiene un asunto, un saludo, su texto, un enlace y la firma de la escuela.

mail-greeting = Hola { $name }:
mail-signature = Un saludo del equipo de { $school }
mail-bookings-link = Ver tus reservas

mail-welcome-subject = Te damos la bienvenida a { $school }
mail-welcome-body = Tu cuenta ya está lista. Explora los cursos y el horario, compra un paquete y reserva tu primera clase.
mail-welcome-link = Ver los cursos

mail-receipt-subject = Tu recibo: { $package }
mail-receipt-body = Gracias por tu compra de { $package }. Importe: { $amount }, pagado el { $date }.
mail-receipt-credits-link = Ver tus créditos
mail-receipt-courses-link = Ver tus cursos

mail-booked-subject = Reserva confirmada: { $what }
mail-booked-body = Confirmamos tu lugar en { $what } el { $when }.

mail-promoted-subject = Ya tienes lugar: { $what }
mail-promoted-body = Se liberó un lugar y saliste de la lista de espera: reservamos para ti { $what } el { $when }.

mail-reminder-subject = Mañana: { $what }
mail-reminder-body = Te recordamos que { $what } empieza el { $when }.

mail-cancelled-subject = Reserva cancelada: { $what }
mail-cancelled-body = Tu reserva de { $what } del { $when } quedó cancelada.

mail-session-cancelled-subject = Clase cancelada por la escuela: { $what }
mail-session-cancelled-body = La escuela canceló la sesión de { $what } del { $when }. Lamentamos el cambio de planes.

mail-credits-back = { $credits ->
    [0] No se devolvió ningún crédito.
    [one] Se te devolvió 1 crédito.
   *[other] Se te devolvieron { $credits } créditos.
}

mail-reset-subject = Restablece tu contraseña
mail-reset-body = Alguien pidió restablecer la contraseña de tu cuenta. Abre el enlace en el plazo de una hora para elegir una nueva contraseña; solo funciona una vez.
mail-reset-ignore = Si no fuiste tú, ignora este correo: tu contraseña seguirá igual.
mail-reset-link = Elegir una nueva contraseña
