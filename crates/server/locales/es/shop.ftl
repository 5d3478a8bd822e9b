# Los paquetes a la venta
shop-packages-title = Paquetes
shop-packages-intro = Compra créditos una vez y úsalos en clases particulares, clases grupales y cursos.
shop-packages-none = Por ahora no hay nada a la venta.
shop-buy = Comprar
shop-login-to-buy = Inicia sesión para comprar
shop-never-expire = Los créditos no vencen
shop-expires-after = { $days ->
    [one] Los créditos son válidos durante 1 día
   *[other] Los créditos son válidos durante { $days } días
}
shop-not-for-sale = No está a la venta

# Después de Stripe Checkout
shop-paid = ¡Muchas gracias!
shop-paid-text = Tu pago se realizó correctamente. Tus créditos aparecerán en Mis créditos en cuanto se confirme el pago, normalmente en unos segundos.
shop-paid-next = Ver mis créditos
shop-payment-cancelled = Pago cancelado
shop-payment-cancelled-text = No se te cobró nada. Puedes volver a elegir un paquete cuando quieras.
shop-payment-cancelled-next = Volver a los paquetes

# El pago de desarrollo
shop-dev-title = Pago de desarrollo
shop-dev-note = Pago de desarrollo: no se cobra a ninguna tarjeta. Pagar envía el mismo evento firmado que enviaría Stripe:
shop-dev-session = Sesión de pago
shop-dev-status = Estado
shop-checkout-status-open = abierto
shop-checkout-status-complete = completado, pagado
shop-checkout-status-expired = caducado, no se cobró nada
shop-dev-pay = Pagar
shop-dev-cancel = Cancelar
shop-dev-to-credits = Ir a mis créditos
shop-not-your-checkout = Este pago no es tuyo
shop-not-your-checkout-text = Este pago lo inició otro estudiante.
shop-checkout-closed = Este pago ya está cerrado
shop-checkout-closed-text = Ya se pagó o se canceló. Vuelve a elegir un paquete para comprarlo.

# Mis créditos
shop-my-credits = Mis créditos
shop-credits-total = Créditos disponibles para clases:
shop-no-packages = Todavía no tienes paquetes.
shop-see-packages = Ver los paquetes
shop-bought-on = Comprado el { $date }
shop-expires-at = vence el { $when }
shop-never-expires = no vence
shop-course-enrolment = Inscripción al curso
shop-credits-left = { $remaining ->
    [one] queda 1 de { $credits }
   *[other] quedan { $remaining } de { $credits }
}
